import { computeCheckCharacter } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';
import { capturingLogger } from '../support/test-services';
import {
  bindPhoneBySms,
  countAllRows,
  freshPhone,
  freshPlate,
  joinAsMember,
  startMemberServer,
} from './member-kit';

/** A valid resident ID number different for every call (region 110101, born 1990-01-01). */
let residentCounter = 0;
function freshResidentId(): string {
  residentCounter += 1;
  const first17 = `11010119900101${String((process.pid + residentCounter) % 1000).padStart(3, '0')}`;
  return first17 + computeCheckCharacter(first17);
}

let cardCounter = 0;
function freshCardNo(): string {
  cardCounter += 1;
  return `8811${String((process.pid * 7 + cardCounter) % 1_000_000).padStart(6, '0')}`;
}

const SENSITIVE_AND_PARKING = { membership: true, sensitive_id: true, parking: true };

describeEachDatabase(
  'refusals that would tell a stranger who is registered (C-4.1.4a security, C-4.2.1.3a)',
  (database) => {
    let server: RunningServer;
    const captured = capturingLogger('info');

    beforeAll(async () => {
      server = await startMemberServer(database().url, {}, captured.log);
    });

    afterAll(async () => {
      await server.stop();
    });

    function refusalsLogged(): Array<Record<string, unknown>> {
      return captured.lines
        .map((line) => JSON.parse(line))
        .filter((entry) => entry.code === 'BINDING_REFUSED');
    }

    describe('sign-up with an ID number or a plate that another member holds', () => {
      it('answers both with the same BINDING_REFUSED and stores nothing', async () => {
        const residentId = freshResidentId();
        const plate = freshPlate();
        await joinAsMember(server, SENSITIVE_AND_PARKING, { optional: { residentId, plate } });
        const before = await countAllRows(server);

        const idTaken = await signUpWithWechat(server, SENSITIVE_AND_PARKING, {
          optional: { residentId },
        });
        const plateTaken = await signUpWithWechat(server, SENSITIVE_AND_PARKING, {
          optional: { plate },
        });

        expect(idTaken.answer.status).toBe(422);
        expect(idTaken.answer.body).toEqual(plateTaken.answer.body);
        expect(idTaken.answer.body.error.code).toBe('BINDING_REFUSED');
        expect(idTaken.answer.body.error.details).toBeUndefined();
        const after = await countAllRows(server);
        expect({ ...after, audit_log: 0, audit_checkpoint: 0 }).toEqual({
          ...before,
          audit_log: 0,
          audit_checkpoint: 0,
        });
      });

      it('keeps the internal reason in the log, without the value', async () => {
        const residentId = freshResidentId();
        await joinAsMember(server, SENSITIVE_AND_PARKING, { optional: { residentId } });
        captured.lines.length = 0;

        await signUpWithWechat(server, SENSITIVE_AND_PARKING, { optional: { residentId } });

        expect(refusalsLogged()).toEqual([
          expect.objectContaining({ reason: 'IDENTIFIER_ALREADY_BOUND', kind: 'resident_id' }),
        ]);
        expect(captured.lines.join('\n')).not.toContain(residentId);
      });
    });

    describe('a profile edit adding an ID number or a plate that another member holds', () => {
      it('answers both with BINDING_REFUSED', async () => {
        const residentId = freshResidentId();
        const plate = freshPlate();
        await joinAsMember(server, SENSITIVE_AND_PARKING, { optional: { residentId, plate } });
        const { token } = await joinAsMember(server, SENSITIVE_AND_PARKING);

        const answers = await Promise.all([
          sendJson(
            server.url,
            'PATCH',
            '/v1/me/profile',
            { optional: { residentId } },
            bearer(token),
          ),
          sendJson(server.url, 'PATCH', '/v1/me/profile', { optional: { plate } }, bearer(token)),
        ]);

        for (const answer of answers) {
          expect(answer.status).toBe(422);
          expect(answer.body.error.code).toBe('BINDING_REFUSED');
        }
      });
    });

    describe('binding an offline card that is unknown, on another phone, or bound to another member', () => {
      async function issueCard(phone: string): Promise<string> {
        const cardNo = freshCardNo();
        await server.services.offlineCards.insert({
          cardNo,
          phoneIndex: server.services.cipher.blindIndex('phone', phone),
          points: 100,
        });
        return cardNo;
      }

      async function memberWithPhone() {
        const phone = freshPhone('1370');
        const member = await joinAsMember(server);
        expect((await bindPhoneBySms(server, member.token, phone)).status).toBe(200);
        return { ...member, phone };
      }

      it('answers all three alike, so a stranger learns nothing about the card', async () => {
        const stranger = await memberWithPhone();
        const owner = await memberWithPhone();
        const ownersCard = await issueCard(owner.phone);
        const boundCard = await issueCard(owner.phone);
        const bind = (cardNo: string) =>
          sendJson(server.url, 'POST', '/v1/me/cards', { cardNo }, bearer(stranger.token));
        expect(
          (
            await sendJson(
              server.url,
              'POST',
              '/v1/me/cards',
              { cardNo: boundCard },
              bearer(owner.token),
            )
          ).status,
        ).toBe(200);
        captured.lines.length = 0;

        const answers = [await bind('9999999999'), await bind(ownersCard), await bind(boundCard)];

        for (const answer of answers) {
          expect(answer.status).toBe(422);
          expect(answer.body).toEqual(answers[0].body);
        }
        expect(answers[0].body.error.code).toBe('BINDING_REFUSED');
        expect(refusalsLogged().map((entry) => entry.reason)).toEqual([
          'CARD_NOT_FOUND',
          'CARD_PHONE_MISMATCH',
          'CARD_ALREADY_BOUND',
        ]);
        expect(await server.services.offlineCards.find(ownersCard)).toMatchObject({
          boundPseudonym: null,
          points: 100,
        });
      });
    });
  },
);
