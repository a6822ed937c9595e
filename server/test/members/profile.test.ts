import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { getJson, joinAsMember, startMemberServer } from './member-kit';

const NICKNAME = '测试🐟用户';

describeEachDatabase('my profile (C-4.2.1.3b)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  function patch(token: string, body: Record<string, unknown>) {
    return sendJson(server.url, 'PATCH', '/v1/me/profile', body, bearer(token));
  }

  async function profileOf(token: string) {
    return (await getJson(server, '/v1/me', token)).body.profile;
  }

  describe('PATCH /v1/me/profile', () => {
    describe(`with the emoji nickname ${NICKNAME}`, () => {
      it('round-trips byte for byte (field case, utf8mb4)', async () => {
        const { token } = await joinAsMember(server);

        const answer = await patch(token, { profile: { nickname: NICKNAME } });
        const profile = await profileOf(token);

        expect(answer.status).toBe(200);
        expect(profile.nickname).toBe(NICKNAME);
        expect(Buffer.from(profile.nickname, 'utf8')).toEqual(Buffer.from(NICKNAME, 'utf8'));
      });
    });

    describe('with a nickname of twenty emoji', () => {
      it('counts code points, not UTF-16 units, and accepts it', async () => {
        const { token } = await joinAsMember(server);
        const nickname = '🐟'.repeat(20);

        const answer = await patch(token, { profile: { nickname } });

        expect(answer.status).toBe(200);
        expect((await profileOf(token)).nickname).toBe(nickname);
      });
    });

    describe('with profile fields only', () => {
      it('adds no optional field (C-4.2.1.3b)', async () => {
        const { token } = await joinAsMember(server);

        await patch(token, {
          profile: { name: '王小明', gender: 'male', birthDate: '1990-01-01' },
        });
        const profile = await profileOf(token);

        expect(profile).toEqual({
          name: '王小明',
          gender: 'male',
          birthDate: '1990-01-01',
          province: null,
          address: null,
          nickname: null,
          email: null,
          shippingAddress: null,
          invoiceTitle: null,
        });
      });
    });

    describe('with optional fields the shopper chose to add', () => {
      it('stores exactly those (C-4.2.1.3b)', async () => {
        const { token } = await joinAsMember(server);

        const answer = await patch(token, {
          optional: { email: 'shopper@example.com', invoiceTitle: '测试科技有限公司' },
        });
        const profile = await profileOf(token);

        expect(answer.status).toBe(200);
        expect(profile).toMatchObject({
          email: 'shopper@example.com',
          invoiceTitle: '测试科技有限公司',
          shippingAddress: null,
        });
      });
    });

    describe('with null for an optional field', () => {
      it('removes that field and leaves the others (C-4.2.1.3b)', async () => {
        const { token } = await joinAsMember(server);
        await patch(token, {
          profile: { nickname: NICKNAME },
          optional: { email: 'shopper@example.com', shippingAddress: '上海市黄浦区南京东路1号' },
        });

        const answer = await patch(token, { optional: { email: null } });
        const profile = await profileOf(token);

        expect(answer.status).toBe(200);
        expect(profile).toMatchObject({
          nickname: NICKNAME,
          email: null,
          shippingAddress: '上海市黄浦区南京东路1号',
        });
      });

      it('leaves no ciphertext behind in the vault column', async () => {
        const { token, memberId } = await joinAsMember(server);
        await patch(token, { optional: { shippingAddress: '上海市黄浦区南京东路1号' } });

        await patch(token, { optional: { shippingAddress: null } });
        const row = await server.services.databases
          .vault('member_identity')
          .where({ member_id: memberId })
          .first('shipping_address_enc');

        expect(row.shipping_address_enc).toBeNull();
      });
    });

    describe('with a field the profile does not have', () => {
      it('refuses with VALIDATION_FAILED', async () => {
        const { token } = await joinAsMember(server);

        const answer = await patch(token, { profile: { hobby: '钓鱼' } });

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      });
    });

    describe('with a malformed email', () => {
      it('refuses with VALIDATION_FAILED without echoing it', async () => {
        const { token } = await joinAsMember(server);

        const answer = await patch(token, { optional: { email: 'not-an-email@' } });

        expect(answer.body.error.code).toBe('VALIDATION_FAILED');
        expect(answer.text).not.toContain('not-an-email@');
      });
    });
  });
});
