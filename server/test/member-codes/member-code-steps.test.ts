import type { RunningServer } from '../../src/server';
import { getJson } from '../members/member-kit';
import { describeEachDatabase } from '../support/test-databases';
import { checkout, joinShopper, saleBody, useCheckoutSuite } from '../checkout/checkout-kit';
import {
  awayFromStepEnd,
  earlyInPreviousStep,
  errorCodeOf,
  memberWithCodes,
  STEP_MS,
} from './member-code-support';

/**
 * Several purchases within one 30 s step (issue #6): every code handed out must be one a till
 * scanning it now accepts, which is the current step's or the next one's (one step of drift).
 */
describeEachDatabase('member codes: several purchases in one step (C-4.2.1.4)', (database) => {
  const suite = useCheckoutSuite(database);
  const server = (): RunningServer => suite.server;

  const cashSaleWith = (memberCode: string, occurredAt = new Date()) =>
    checkout(
      server(),
      suite.till,
      saleBody({ tender: 'cash', memberCode, occurredAt: occurredAt.toISOString() }),
    );

  it('C-4.2.1.4: two codes in one step both link at the till; the third request waits (429 RATE_LIMITED, Retry-After)', async () => {
    const shopper = await joinShopper(server());
    await awayFromStepEnd();

    const first = await getJson(server(), '/v1/me/member-code', shopper.token);
    const firstSale = await cashSaleWith(first.body.code);
    const second = await getJson(server(), '/v1/me/member-code', shopper.token);
    const secondSale = await cashSaleWith(second.body.code);
    const third = await getJson(server(), '/v1/me/member-code', shopper.token);

    expect([first.status, firstSale.status, second.status, secondSale.status]).toEqual([
      200, 200, 200, 200,
    ]);
    expect(firstSale.body.member.cardNo).toBe(first.body.code.slice(2, 12));
    expect(secondSale.body.member.cardNo).toBe(first.body.code.slice(2, 12));
    expect(third.status).toBe(429);
    expect(third.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = third.body.error.details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(30);
    expect(third.headers.get('retry-after')).toBe(String(retryAfter));
  });

  it('C-4.2.1.4: after the wait the next code links at the till', async () => {
    const shopper = await joinShopper(server());
    const at = earlyInPreviousStep();
    const memberCodes = server().services.memberCodes;
    for (let sale = 0; sale < 2; sale += 1) {
      const { code } = await memberCodes.issue(shopper.memberId, at);
      expect((await cashSaleWith(code, at)).status).toBe(200);
    }

    const refusal = await memberCodes.issue(shopper.memberId, at).catch((error) => error);
    expect(refusal.code).toBe('RATE_LIMITED');
    expect(refusal.details.retryAfterSeconds).toBe(29);

    const later = new Date(at.getTime() + refusal.details.retryAfterSeconds * 1000);
    const next = await memberCodes.issue(shopper.memberId, later);
    const sale = await cashSaleWith(next.code, later);
    expect(sale.status).toBe(200);
    expect(sale.body.member.pointsAwarded).toBeGreaterThan(0);
  });

  it.each([0, 14_999, STEP_MS - 1])(
    'C-4.2.1.4: both codes issued %d ms into a step are accepted by a till scanning them then',
    async (offset) => {
      const member = await memberWithCodes(server());
      const at = new Date(earlyInPreviousStep().getTime() - 1_000 + offset);
      const memberCodes = server().services.memberCodes;

      for (let use = 0; use < 2; use += 1) {
        const { code } = await memberCodes.issue(member.memberId, at);
        await expect(
          memberCodes.consume(code, at, { deviceId: 'till-steps' }),
        ).resolves.toMatchObject({ memberId: member.memberId });
      }
      expect(await errorCodeOf(memberCodes.issue(member.memberId, at))).toBe('RATE_LIMITED');
    },
  );
});
