import { describeEachDatabase } from '../support/test-databases';
import {
  checkout,
  checkoutRowCounts,
  codes,
  joinShopper,
  payments,
  refund,
  saleBody,
  useCheckoutSuite,
} from './checkout-kit';

describeEachDatabase('checkout: refunds, bad input and retries', (database) => {
  const suite = useCheckoutSuite(database);

  async function linkedWechatSale() {
    const shopper = await joinShopper(suite.server);
    const paymentCode = codes.wechat();
    payments(suite.server).wechatPay.script(paymentCode, {
      kind: 'success',
      openid: shopper.openid,
    });
    const body = saleBody({ paymentCode });
    const answer = await checkout(suite.server, suite.till, body);
    expect(answer.body.status).toBe('paid');
    return { body, answer: answer.body };
  }

  describe('refunds', () => {
    it('U-6.4.1: refunds part through WeChat Pay and takes points back in proportion', async () => {
      const { body, answer } = await linkedWechatSale();

      const half = await refund(suite.server, suite.till, body.checkoutId, {
        refundId: 'R1',
        amountFen: 5_000,
      });

      expect(half.status).toBe(200);
      expect(half.body).toEqual({
        checkoutId: body.checkoutId,
        refundId: 'R1',
        refundedFen: 5_000,
        pointsReversed: answer.member.pointsAwarded / 2,
      });
      const refunds = payments(suite.server).wechatPay.refunds();
      expect(refunds.filter((one) => one.outTradeNo === `${answer.transactionId}-1`)).toEqual([
        expect.objectContaining({ refundFee: 5_000 }),
      ]);
    });

    it('refuses refunds beyond what was paid and changes nothing', async () => {
      const { body } = await linkedWechatSale();
      expect(
        (
          await refund(suite.server, suite.till, body.checkoutId, {
            refundId: 'R1',
            amountFen: 6_000,
          })
        ).status,
      ).toBe(200);
      const before = await checkoutRowCounts(suite.server);

      const over = await refund(suite.server, suite.till, body.checkoutId, {
        refundId: 'R2',
        amountFen: 4_001,
      });

      expect(over.status).toBe(409);
      expect(over.body.error.code).toBe('REFUND_EXCEEDS_PAYMENT');
      expect(await checkoutRowCounts(suite.server)).toEqual(before);
    });

    it('answers the same refund again for the same refund id, and records cash refunds only', async () => {
      const cash = saleBody({ tender: 'cash' });
      expect((await checkout(suite.server, suite.till, cash)).body.status).toBe('paid');
      const first = await refund(suite.server, suite.till, cash.checkoutId, {
        refundId: 'C1',
        amountFen: 100,
      });
      const again = await refund(suite.server, suite.till, cash.checkoutId, {
        refundId: 'C1',
        amountFen: 100,
      });
      expect(again.body).toEqual(first.body);
      expect(
        (await refund(suite.server, suite.till, 'NO_SUCH_SALE', { refundId: 'X', amountFen: 1 }))
          .body.error.code,
      ).toBe('CHECKOUT_NOT_FOUND');
    });

    it('takes back points of a refund made before the receipt was claimed', async () => {
      const shopper = await joinShopper(suite.server);
      const sale = saleBody({ tender: 'bank-card' });
      const paid = await checkout(suite.server, suite.till, sale);
      await refund(suite.server, suite.till, sale.checkoutId, { refundId: 'B1', amountFen: 5_000 });

      const claimed = await suite.server.services.checkout.receiptClaims.claim(
        shopper.pseudonym,
        paid.body.receiptClaim.code,
        false,
      );

      expect(claimed.balance).toBe(claimed.pointsAwarded / 2 + 100);
    });
  });

  describe('bad input', () => {
    it.each([
      ['a missing payment code', { paymentCode: undefined }, 'VALIDATION_FAILED'],
      ['a negative amount', { amountFen: -1 }, 'VALIDATION_FAILED'],
      ['a sale from the future', { occurredAt: '2999-01-01T00:00:00+08:00' }, 'VALIDATION_FAILED'],
      ['a malformed member code', { memberCode: '881234' }, 'VALIDATION_FAILED'],
      ['a UnionPay code', { paymentCode: '6212345678901234567' }, 'PAYMENT_CODE_NOT_ACCEPTED'],
    ])('refuses %s with a coded 4xx and writes nothing', async (_name, change, code) => {
      const before = await checkoutRowCounts(suite.server);
      const answer = await checkout(
        suite.server,
        suite.till,
        saleBody({ paymentCode: codes.wechat(), ...change }),
      );
      expect(answer.status).toBeGreaterThanOrEqual(400);
      expect(answer.status).toBeLessThan(500);
      expect(answer.body.error.code).toBe(code);
      expect(await checkoutRowCounts(suite.server)).toEqual(before);
    });
  });

  describe('retries', () => {
    it('answers the same key and body with the same answer, and another body with IDEMPOTENCY_MISMATCH', async () => {
      const body = saleBody({ paymentCode: codes.wechat() });
      const first = await checkout(suite.server, suite.till, body, 'same-key-1');
      const again = await checkout(suite.server, suite.till, body, 'same-key-1');
      expect(again.body).toEqual(first.body);
      expect(again.headers.get('idempotent-replayed')).toBe('true');

      const other = await checkout(
        suite.server,
        suite.till,
        { ...body, amountFen: 1 },
        'same-key-1',
      );
      expect(other.status).toBe(409);
      expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
    });

    it('never charges a paid sale again, and refuses its number with another amount', async () => {
      const body = saleBody({ paymentCode: codes.wechat() });
      const paid = await checkout(suite.server, suite.till, body);
      const calls = payments(suite.server).wechatPay.calls().length;

      const twice = await checkout(suite.server, suite.till, {
        ...body,
        paymentCode: codes.wechat(),
      });
      expect(twice.status).toBe(409);
      expect(twice.body.error).toMatchObject({
        code: 'CHECKOUT_ALREADY_PAID',
        details: { transactionId: paid.body.transactionId },
      });
      const otherAmount = await checkout(suite.server, suite.till, { ...body, amountFen: 99 });
      expect(otherAmount.body.error.code).toBe('CHECKOUT_AMOUNT_MISMATCH');
      expect(payments(suite.server).wechatPay.calls()).toHaveLength(calls);
    });
  });
});
