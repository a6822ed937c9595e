import { CONSENT_PURPOSES, PURPOSE_IDS } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';
import { countAllRows, getJson, joinAsMember, startMemberServer } from '../members/member-kit';

const RESIDENT_ID = '110101199001011237';

describe('CONSENT_PURPOSES', () => {
  describe('a purpose with optional fields', () => {
    it('also allows each of them, so a chosen optional field is never refused (C-4.2.1.3b)', () => {
      for (const id of PURPOSE_IDS) {
        const purpose = CONSENT_PURPOSES[id];
        expect(purpose.fields).toEqual(expect.arrayContaining([...purpose.optionalFields]));
      }
    });
  });
});

describeEachDatabase(
  'consent purposes catalogue (C-4.1.1, C-4.1.2c, C-4.1.3a, U-6.6.1b)',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    describe('sign-up (POST /v1/members)', () => {
      describe('without the membership consent', () => {
        it('refuses with BASIC_CONSENT_REQUIRED and stores nothing (U-6.6.1b, C-4.1.2a)', async () => {
          const before = await countAllRows(server);

          const { answer } = await signUpWithWechat(server, { membership: false, parking: true });

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('BASIC_CONSENT_REQUIRED');
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('with a plate but no parking consent', () => {
        it('refuses with FIELD_NOT_ALLOWED naming the field and stores nothing (C-4.1.3a)', async () => {
          const before = await countAllRows(server);

          const { answer } = await signUpWithWechat(
            server,
            { membership: true },
            { optional: { plate: '粤B12345' } },
          );

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('FIELD_NOT_ALLOWED');
          expect(answer.body.error.details).toEqual({ field: 'plate' });
          expect(answer.text).not.toContain('粤B12345');
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('with a resident ID but no sensitive_id consent', () => {
        it('refuses with SENSITIVE_CONSENT_REQUIRED and stores nothing (C-4.1.2c)', async () => {
          const before = await countAllRows(server);

          const { answer } = await signUpWithWechat(
            server,
            { membership: true, parking: true },
            { optional: { residentId: RESIDENT_ID } },
          );

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('SENSITIVE_CONSENT_REQUIRED');
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('with a resident ID under its separate sensitive_id consent', () => {
        it('keeps it in the sensitive vault (C-4.1.2c)', async () => {
          const { token } = await joinAsMember(
            server,
            { membership: true, sensitive_id: true },
            { optional: { residentId: RESIDENT_ID } },
          );

          const me = await getJson(server, '/v1/me', token);

          expect(me.body.hasResidentId).toBe(true);
        });
      });

      describe('with a plate under the parking consent', () => {
        it('binds the plate (C-4.1.3a)', async () => {
          const { memberId } = await joinAsMember(
            server,
            { membership: true, parking: true },
            { optional: { plate: '粤B54321' } },
          );

          const plates = await server.services.vault.readIdentifiers(memberId, 'plate', {
            actor: 'system:test',
            purpose: 'parking',
          });

          expect(plates).toEqual(['粤B54321']);
        });
      });

      describe('with optional fields the shopper chose (email, shipping address, invoice title)', () => {
        it('accepts them under the membership consent alone (C-4.2.1.3b, C-4.1.3a)', async () => {
          const optional = {
            email: 'shopper@example.com',
            shippingAddress: '上海市黄浦区南京东路1号',
            invoiceTitle: '测试科技有限公司',
          };

          const { token } = await joinAsMember(server, { membership: true }, { optional });
          const me = await getJson(server, '/v1/me', token);

          expect(me.body.profile).toMatchObject(optional);
        });
      });

      describe('with only some extended purposes chosen', () => {
        it('records every other extended purpose as refused, never asked again (U-6.6.1b)', async () => {
          const { token } = await joinAsMember(server, { membership: true, parking: true });

          const consents = await getJson(server, '/v1/me/consents', token);

          const byPurpose = Object.fromEntries(
            consents.body.purposes.map((state: { purpose: string; status: string }) => [
              state.purpose,
              state,
            ]),
          );
          expect(byPurpose.membership).toMatchObject({ status: 'granted', active: true });
          expect(byPurpose.parking).toMatchObject({ status: 'granted', active: true });
          for (const purpose of [
            'transaction_linking',
            'marketing_messages',
            'personalised_offers',
            'surveys',
            'sensitive_id',
            'online_shopping',
          ]) {
            expect(byPurpose[purpose]).toMatchObject({
              status: 'refused',
              active: false,
              askAgain: false,
            });
          }
          expect(consents.body.history).toHaveLength(8);
        });
      });
    });

    describe('profile edit (PATCH /v1/me/profile)', () => {
      describe('adding a resident ID without the sensitive_id consent', () => {
        it('refuses with FIELD_NOT_ALLOWED naming resident_id and stores nothing (C-4.1.3a)', async () => {
          const { token } = await joinAsMember(server, { membership: true });
          const before = await countAllRows(server);

          const answer = await sendJson(
            server.url,
            'PATCH',
            '/v1/me/profile',
            { optional: { residentId: RESIDENT_ID } },
            bearer(token),
          );

          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('FIELD_NOT_ALLOWED');
          expect(answer.body.error.details).toEqual({ field: 'resident_id' });
          expect(await countAllRows(server)).toEqual(before);
        });
      });

      describe('adding a plate and a name without the parking consent', () => {
        it('refuses the whole edit, storing not even the allowed name (C-4.1.3a)', async () => {
          const { token } = await joinAsMember(server, { membership: true });
          const before = await countAllRows(server);

          const answer = await sendJson(
            server.url,
            'PATCH',
            '/v1/me/profile',
            { profile: { name: '王小明' }, optional: { plate: '粤B12345' } },
            bearer(token),
          );
          const after = await countAllRows(server);
          const me = await getJson(server, '/v1/me', token);

          expect(answer.body.error).toMatchObject({
            code: 'FIELD_NOT_ALLOWED',
            details: { field: 'plate' },
          });
          expect(after).toEqual(before);
          expect(me.body.profile.name).toBeNull();
        });
      });
    });
  },
);
