import { parseMemberCode } from '@memberkit/shared';
import type { RunningServer } from '../../src/server';
import { bearer } from '../support/member-flows';
import { send } from '../support/http-client';
import { describeEachDatabase } from '../support/test-databases';
import { startMemberServer } from '../members/member-kit';
import {
  codeUseCount,
  errorCodeOf,
  memberWithCodes,
  STEP_MS,
  withWrongDigits,
} from './member-code-support';

const HOUR_MS = 3600_000;

describeEachDatabase('member codes at the till (issue #6, C-4.2.1.4, U-6.1.1)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  const issue = (memberId: string, at: Date) => server.services.memberCodes.issue(memberId, at);
  const consume = (code: string, scannedAt: Date, useKey?: string) =>
    server.services.memberCodes.consume(code, scannedAt, { useKey });

  describe('Interfaces "Member code": a code issued now', () => {
    it('is 88, the card number and six digits, and is consumed once for its member', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());

      expect(issued.code).toMatch(new RegExp(`^88${member.cardNo}\\d{6}$`));
      expect(issued.stepSeconds).toBe(30);
      expect(new Date(issued.expiresAt).getTime()).toBeGreaterThan(Date.now());
      await expect(consume(issued.code, new Date())).resolves.toEqual({
        memberId: member.memberId,
        pseudonym: member.pseudonym,
        cardNo: member.cardNo,
      });
    });

    it('is refused the second time (single use)', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());
      await consume(issued.code, new Date());

      expect(await errorCodeOf(consume(issued.code, new Date()))).toBe('MEMBER_CODE_REFUSED');
    });

    it('is not offered again once used: the next step is shown and works now', async () => {
      const member = await memberWithCodes(server);
      const now = new Date();
      const first = await issue(member.memberId, now);
      await consume(first.code, now);

      const second = await issue(member.memberId, now);

      expect(second.code).not.toBe(first.code);
      expect(Date.parse(second.expiresAt)).toBe(Date.parse(first.expiresAt) + STEP_MS);
      await expect(consume(second.code, now)).resolves.toMatchObject({ cardNo: member.cardNo });
    });
  });

  describe('Interfaces "Member code": one step of drift', () => {
    it('accepts a code one step old', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date(Date.now() - STEP_MS));

      await expect(consume(issued.code, new Date())).resolves.toMatchObject({
        memberId: member.memberId,
      });
    });

    it('refuses a code two steps old and records nothing', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date(Date.now() - 2 * STEP_MS));
      const usesBefore = await codeUseCount(server);

      expect(await errorCodeOf(consume(issued.code, new Date()))).toBe('MEMBER_CODE_REFUSED');
      expect(await codeUseCount(server)).toBe(usesBefore);
    });
  });

  describe('Interfaces "Queued events": judged by the time it was scanned', () => {
    it('accepts a code scanned at T and presented 70 h later, once', async () => {
      const member = await memberWithCodes(server);
      const scannedAt = new Date(Date.now() - 70 * HOUR_MS);
      const issued = await issue(member.memberId, scannedAt);

      await expect(consume(issued.code, scannedAt)).resolves.toMatchObject({
        memberId: member.memberId,
      });
      expect(await errorCodeOf(consume(issued.code, scannedAt))).toBe('MEMBER_CODE_REFUSED');
    });

    it('refuses a scan older than 72 h and a scan time ahead of the clock window', async () => {
      const member = await memberWithCodes(server);
      const tooOld = new Date(Date.now() - 73 * HOUR_MS);
      const ahead = new Date(Date.now() + 10 * 60_000);
      const old = await issue(member.memberId, tooOld);
      const future = await issue(member.memberId, ahead);

      expect(await errorCodeOf(consume(old.code, tooOld))).toBe('MEMBER_CODE_REFUSED');
      expect(await errorCodeOf(consume(future.code, ahead))).toBe('MEMBER_CODE_REFUSED');
    });

    it('answers a retry with the same use key with the same member after a crash', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());
      await consume(issued.code, new Date(), 't_retry_0001');

      await expect(consume(issued.code, new Date(), 't_retry_0001')).resolves.toMatchObject({
        memberId: member.memberId,
      });
      expect(await errorCodeOf(consume(issued.code, new Date(), 't_other_0002'))).toBe(
        'MEMBER_CODE_REFUSED',
      );
    });
  });

  describe('bad codes', () => {
    it('refuses wrong digits with MEMBER_CODE_REFUSED and records nothing', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());
      const usesBefore = await codeUseCount(server);

      expect(await errorCodeOf(consume(withWrongDigits(issued.code), new Date()))).toBe(
        'MEMBER_CODE_REFUSED',
      );
      expect(await codeUseCount(server)).toBe(usesBefore);
      await expect(consume(issued.code, new Date())).resolves.toBeDefined();
    });

    it('refuses an unknown card number with the same code as wrong digits', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());
      const { otp } = parseMemberCode(issued.code);
      const strangerCard = member.cardNo === '1000000000' ? '1000000001' : '1000000000';

      expect(await errorCodeOf(consume(`88${strangerCard}${otp}`, new Date()))).toBe(
        'MEMBER_CODE_REFUSED',
      );
    });

    it.each(['', '88123', '8812345678901234567', '871234567890123456', '88123456789012345a'])(
      'refuses the malformed code %j with MEMBER_CODE_INVALID',
      async (code) => {
        expect(await errorCodeOf(consume(code, new Date()))).toBe('MEMBER_CODE_INVALID');
      },
    );
  });

  describe('D-7.2: a deleted member', () => {
    it('has every code refused, also one issued before the deletion', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());

      const deleted = await send(server.url, 'DELETE', '/v1/me', {
        headers: bearer(member.token),
      });
      expect(deleted.status).toBeLessThan(300);

      expect(await errorCodeOf(consume(issued.code, new Date()))).toBe('MEMBER_CODE_REFUSED');
    });
  });

  describe('two tills racing on one code', () => {
    it('gives exactly one success', async () => {
      const member = await memberWithCodes(server);
      const issued = await issue(member.memberId, new Date());

      const outcomes = await Promise.allSettled(
        Array.from({ length: 8 }, () => consume(issued.code, new Date())),
      );

      expect(outcomes.filter((outcome) => outcome.status === 'fulfilled')).toHaveLength(1);
      const refusals = outcomes.filter((outcome) => outcome.status === 'rejected');
      expect(refusals.map((outcome) => (outcome.reason as { code: string }).code)).toEqual(
        Array(7).fill('MEMBER_CODE_REFUSED'),
      );
    });
  });
});
