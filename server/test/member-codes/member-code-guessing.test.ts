import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import {
  checkout,
  checkoutRowCounts,
  joinShopper,
  registerTill,
  saleBody,
  useCheckoutSuite,
} from '../checkout/checkout-kit';
import { errorCodeOf, memberWithCodes, STEP_MS, withWrongDigits } from './member-code-support';

const MINUTE_MS = 60_000;

/** `count` different wrong endings for the card in `code`, none of them the right one. */
function wrongCodesFor(code: string, count: number): string[] {
  return Array.from({ length: count }, (_, attempt) => {
    const digits = String((Number(code.slice(12)) + 1 + attempt * 7919) % 1_000_000);
    return `${code.slice(0, 12)}${digits.padStart(6, '0')}`;
  });
}

/**
 * Guessing a member code's six digits (C-4.2.1.4): wrong codes are counted per till and per
 * card number (see wrong-code-guard.ts), and only codes that were never this card's count.
 */
describeEachDatabase('member codes: guessing and lockout (C-4.2.1.4)', (database) => {
  const suite = useCheckoutSuite(database);
  const server = (): RunningServer => suite.server;
  let tillNumber = 0;
  const freshTillId = () => `till-guess-${(tillNumber += 1)}`;

  const issue = (memberId: string, at = new Date()) =>
    server().services.memberCodes.issue(memberId, at);
  const consumeAt = (deviceId: string, code: string, scannedAt = new Date()) =>
    server().services.memberCodes.consume(code, scannedAt, { deviceId });
  const refusals = async (deviceId: string, codes: string[], scannedAt = new Date()) => {
    const answers = [];
    for (const code of codes) answers.push(await errorCodeOf(consumeAt(deviceId, code, scannedAt)));
    return answers;
  };

  it('C-4.2.1.4: a used code shown again and again is refused but never locks the member out', async () => {
    const member = await memberWithCodes(server());
    const till = freshTillId();
    const used = await issue(member.memberId);
    await consumeAt(till, used.code);

    expect(await refusals(till, Array(12).fill(used.code))).toEqual(
      Array(12).fill('MEMBER_CODE_REFUSED'),
    );
    const fresh = await issue(member.memberId);
    await expect(consumeAt(till, fresh.code)).resolves.toMatchObject({ cardNo: member.cardNo });
  });

  it("C-4.2.1.4: a stale code of the member's own (5 minutes old) is refused but not counted as a guess", async () => {
    const member = await memberWithCodes(server());
    const till = freshTillId();
    const stale = await issue(member.memberId, new Date(Date.now() - 5 * MINUTE_MS));

    expect(await refusals(till, Array(12).fill(stale.code))).toEqual(
      Array(12).fill('MEMBER_CODE_REFUSED'),
    );
    const fresh = await issue(member.memberId);
    await expect(consumeAt(till, fresh.code)).resolves.toMatchObject({ cardNo: member.cardNo });
  });

  it('C-4.2.1.4: a code scanned by a till whose clock is 4 minutes slow is refused but not counted', async () => {
    const member = await memberWithCodes(server());
    const till = freshTillId();
    const current = await issue(member.memberId);
    const slowClock = new Date(Date.now() - 4 * MINUTE_MS);

    await refusals(till, Array(12).fill(current.code), slowClock);

    await expect(consumeAt(till, current.code)).resolves.toMatchObject({ cardNo: member.cardNo });
  });

  it('C-4.2.1.4: wrong codes from one till for a card number do not lock the member out at another till', async () => {
    const member = await memberWithCodes(server());
    const strangerTill = freshTillId();
    const current = await issue(member.memberId);

    await refusals(strangerTill, wrongCodesFor(current.code, 15));

    await expect(consumeAt(freshTillId(), current.code)).resolves.toMatchObject({
      cardNo: member.cardNo,
    });
  });

  it('C-4.2.1.4: a till that sent ten wrong codes is refused every member code for ten minutes (brute force)', async () => {
    const guessed = await memberWithCodes(server());
    const other = await memberWithCodes(server());
    const guessingTill = freshTillId();
    const current = await issue(guessed.memberId);

    await refusals(guessingTill, wrongCodesFor(current.code, 10));

    expect(await errorCodeOf(consumeAt(guessingTill, current.code))).toBe('MEMBER_CODE_REFUSED');
    const otherCode = await issue(other.memberId);
    expect(await errorCodeOf(consumeAt(guessingTill, otherCode.code))).toBe('MEMBER_CODE_REFUSED');
    await expect(consumeAt(freshTillId(), otherCode.code)).resolves.toBeDefined();
  });

  it('C-4.2.1.4: unknown card numbers count against the till that sends them', async () => {
    const member = await memberWithCodes(server());
    const till = freshTillId();
    const strangerCard = member.cardNo === '1000000000' ? '1000000001' : '1000000000';
    const unknown = Array.from({ length: 10 }, (_, index) => `88${strangerCard}00000${index}`);

    await refusals(till, unknown);

    const current = await issue(member.memberId);
    expect(await errorCodeOf(consumeAt(till, current.code))).toBe('MEMBER_CODE_REFUSED');
  });

  it('C-4.2.1.4: thirty wrong codes for one card from three tills lock that card at every till', async () => {
    const member = await memberWithCodes(server());
    const current = await issue(member.memberId);
    const wrong = wrongCodesFor(current.code, 30);

    for (let till = 0; till < 3; till += 1)
      await refusals(freshTillId(), wrong.slice(till * 10, till * 10 + 10));

    expect(await errorCodeOf(consumeAt(freshTillId(), current.code))).toBe('MEMBER_CODE_REFUSED');
  });

  it('C-4.2.1.4: wrong codes sent to POST /v1/checkouts by another till change nothing and leave the member their code', async () => {
    const member = await joinShopper(server());
    const strangerTill = await registerTill(server());
    const current = await issue(member.memberId);
    const before = await checkoutRowCounts(server());

    const answers = [];
    for (const memberCode of [...wrongCodesFor(current.code, 11), withWrongDigits(current.code)])
      answers.push(
        await checkout(server(), strangerTill, saleBody({ tender: 'cash', memberCode })),
      );

    expect(answers.map((answer) => answer.status)).toEqual(Array(12).fill(422));
    expect(answers.every((answer) => answer.body.error.code === 'MEMBER_CODE_REFUSED')).toBe(true);
    expect(await checkoutRowCounts(server())).toEqual(before);
    const sale = await checkout(
      server(),
      suite.till,
      saleBody({ tender: 'cash', memberCode: current.code }),
    );
    expect(sale.status).toBe(200);
    expect(sale.body.member.cardNo).toBe(current.code.slice(2, 12));
  });

  it('C-4.2.1.4: a code one step old still counts as right after wrong codes from the same till', async () => {
    const member = await memberWithCodes(server());
    const till = freshTillId();
    const previous = await issue(member.memberId, new Date(Date.now() - STEP_MS));

    await refusals(till, wrongCodesFor(previous.code, 9));

    await expect(consumeAt(till, previous.code)).resolves.toMatchObject({ cardNo: member.cardNo });
  });
});
