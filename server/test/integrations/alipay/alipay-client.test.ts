import { closedPortUrl, rejectionOf } from '../integration-support';
import {
  BUYER,
  CODE,
  NEXT_CODE,
  attemptOf,
  countCalls,
  generateAlipayKeys,
  pem,
  startAlipayRig,
  type AlipayRig,
} from './alipay-support';

const keys = generateAlipayKeys();

describe('AlipayClient.payWithCode (protocols/alipay-barcode.md "Outcome rules")', () => {
  let rig: AlipayRig;

  beforeEach(async () => {
    rig = await startAlipayRig(keys);
  });

  afterEach(async () => {
    await rig.stop();
  });

  describe('money on the wire (field cases): total_amount is yuan with two decimals', () => {
    it.each([
      [1990, '19.90'],
      [5, '0.05'],
      [100000, '1000.00'],
    ])(
      'sends %p fen as total_amount "%s" and reads it back as fen',
      async (totalFen, totalAmount) => {
        const result = await rig.client.payWithCode(attemptOf(1, CODE, totalFen));

        expect(rig.simulator.orders()[0].totalAmount).toBe(totalAmount);
        expect(result).toMatchObject({ outcome: 'paid', paidFen: totalFen });
      },
    );
  });

  describe('10000', () => {
    it('is paid, with the buyer_user_id that identifies the payer', async () => {
      rig.simulator.script(CODE, { kind: 'success', buyerUserId: BUYER });

      const result = await rig.client.payWithCode(attemptOf(1));

      expect(result).toEqual({
        outcome: 'paid',
        tradeNo: rig.simulator.orders()[0].tradeNo,
        buyerUserId: BUYER,
        paidFen: 1500,
        paidAt: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      });
      expect(rig.simulator.calls().map((call) => call.method)).toEqual(['alipay.trade.pay']);
    });
  });

  describe('10003 WAIT_BUYER_PAY', () => {
    it('queries until TRADE_SUCCESS, then stops and cancels nothing', async () => {
      rig.simulator.script(CODE, {
        kind: 'paying-then-success',
        waitingQueries: 2,
        buyerUserId: BUYER,
      });

      const result = await rig.client.payWithCode(attemptOf(1));

      expect(result).toMatchObject({ outcome: 'paid', buyerUserId: BUYER, paidFen: 1500 });
      expect(countCalls(rig.simulator, 'alipay.trade.query')).toBe(3);
      expect(countCalls(rig.simulator, 'alipay.trade.cancel')).toBe(0);
    });

    it('cancels at the deadline (action close) and the next code goes out as PK-0001-2', async () => {
      rig.simulator.script(CODE, { kind: 'never-confirms' });

      const first = await rig.client.payWithCode(attemptOf(1));
      const second = await rig.client.payWithCode(attemptOf(2, NEXT_CODE));

      expect(first).toEqual({ outcome: 'cancelled' });
      expect(second.outcome).toBe('paid');
      expect(
        rig.simulator.orders().map((trade) => [trade.outTradeNo, trade.status, trade.cancelAction]),
      ).toEqual([
        ['PK-0001-1', 'TRADE_CLOSED', 'close'],
        ['PK-0001-2', 'TRADE_SUCCESS', undefined],
      ]);
    });

    it('calls cancel again while Alipay answers retry_flag=Y', async () => {
      rig.simulator.script(CODE, { kind: 'never-confirms', cancelRetries: 2 });

      expect(await rig.client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
      expect(countCalls(rig.simulator, 'alipay.trade.cancel')).toBe(3);
    });

    it('reports cancelled when the buyer paid just before the cancel, which refunds it', async () => {
      rig.simulator.script(CODE, { kind: 'pays-before-cancel' });

      expect(await rig.client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
      expect(rig.simulator.orders()[0].cancelAction).toBe('refund');
    });
  });

  describe('20000, a timeout or no answer: unknown, never failed', () => {
    it.each([
      ['20000', { kind: 'system-error', paid: true }],
      ['a timeout with no body', { kind: 'no-answer', how: 'hang', paid: true }],
      ['a dropped connection', { kind: 'no-answer', how: 'drop', paid: true }],
    ] as const)('queries after %s and reports paid on TRADE_SUCCESS', async (_, scenario) => {
      rig.simulator.script(CODE, { ...scenario, buyerUserId: BUYER });

      const result = await rig.client.payWithCode(attemptOf(1));

      expect(result).toMatchObject({ outcome: 'paid', buyerUserId: BUYER });
      expect(countCalls(rig.simulator, 'alipay.trade.query')).toBe(1);
      expect(countCalls(rig.simulator, 'alipay.trade.cancel')).toBe(0);
    });

    it('cancels after 20000 when the query finds no trade, and reports cancelled', async () => {
      rig.simulator.script(CODE, { kind: 'system-error', paid: false });

      expect(await rig.client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
      expect(rig.simulator.orders()[0]).toMatchObject({
        outTradeNo: 'PK-0001-1',
        status: 'TRADE_CLOSED',
      });
    });

    it('throws PAYMENT_OUTCOME_UNKNOWN with the order number when Alipay never answers', async () => {
      const client = rig.clientWith({ baseUrl: await closedPortUrl() });

      const error = await rejectionOf(client.payWithCode(attemptOf(1)));

      expect(error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
      expect(error.details).toMatchObject({ provider: 'alipay', outTradeNo: 'PK-0001-1' });
    });
  });

  describe('40004', () => {
    it.each(['ACQ.PAYMENT_AUTH_CODE_INVALID', 'ACQ.BUYER_BALANCE_NOT_ENOUGH'])(
      'is failed with the sub_code %s, and nothing is queried',
      async (subCode) => {
        rig.simulator.script(CODE, { kind: 'refused', subCode, subMsg: '余额不足' });

        expect(await rig.client.payWithCode(attemptOf(1))).toEqual({
          outcome: 'failed',
          code: subCode,
        });
        expect(rig.simulator.calls()).toHaveLength(1);
      },
    );

    it('reads a repeated paid attempt back as that payment (ACQ.TRADE_HAS_SUCCESS)', async () => {
      const first = await rig.client.payWithCode(attemptOf(1));

      expect(await rig.client.payWithCode(attemptOf(1, NEXT_CODE))).toEqual(first);
    });
  });

  describe('answers that do not verify', () => {
    it('does not trust a 10000 with a bad signature: it queries and pays on the signed answer', async () => {
      rig.simulator.forgeSignatures('alipay.trade.pay');

      expect((await rig.client.payWithCode(attemptOf(1))).outcome).toBe('paid');
      expect(countCalls(rig.simulator, 'alipay.trade.query')).toBe(1);
    });

    it('is never paid and never failed when no answer verifies', async () => {
      rig.simulator.forgeSignatures('alipay.trade.pay');
      rig.simulator.forgeSignatures('alipay.trade.query', 100);
      rig.simulator.forgeSignatures('alipay.trade.cancel', 100);

      expect((await rejectionOf(rig.client.payWithCode(attemptOf(1)))).code).toBe(
        'PAYMENT_OUTCOME_UNKNOWN',
      );
    });

    it('fails with isv.invalid-signature when signing with a key Alipay does not know', async () => {
      const client = rig.clientWith({ privateKeyPem: pem(keys.alipay.privateKey, 'pkcs8') });

      expect(await client.payWithCode(attemptOf(1))).toEqual({
        outcome: 'failed',
        code: 'isv.invalid-signature',
      });
      expect(rig.simulator.orders()).toEqual([]);
    });
  });

  describe('process time zone', () => {
    const originalTz = process.env.TZ;

    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it('sends a Beijing-time timestamp the gateway accepts while TZ is America/Los_Angeles', async () => {
      process.env.TZ = 'America/Los_Angeles';

      expect((await rig.client.payWithCode(attemptOf(1))).outcome).toBe('paid');
    });
  });

  describe('amounts and configuration', () => {
    it('never sends 0 fen (PAYMENT_AMOUNT_ZERO)', async () => {
      const error = await rejectionOf(rig.client.payWithCode(attemptOf(1, CODE, 0)));

      expect(error.code).toBe('PAYMENT_AMOUNT_ZERO');
      expect(rig.simulator.calls()).toEqual([]);
    });

    it('refuses an unreadable key at construction with CONFIG_INVALID', () => {
      expect(() => rig.clientWith({ privateKeyPem: 'not a key' })).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    });
  });
});

describe('AlipayClient.refund', () => {
  let rig: AlipayRig;

  beforeEach(async () => {
    rig = await startAlipayRig(keys);
    await rig.client.payWithCode(attemptOf(1, CODE, 1990));
  });

  afterEach(async () => {
    await rig.stop();
  });

  it('refunds once per out_request_no: the same number again changes no funds', async () => {
    const request = { outTradeNo: 'PK-0001-1', refundFen: 990, outRequestNo: 'RF-0001-1' };

    const first = await rig.client.refund(request);
    const again = await rig.client.refund(request);

    expect(first).toEqual({ refundedFen: 990, fundChange: true });
    expect(again).toEqual({ refundedFen: 990, fundChange: false });
    expect(rig.simulator.refunds()).toEqual([
      { outTradeNo: 'PK-0001-1', outRequestNo: 'RF-0001-1', refundFen: 990 },
    ]);
  });

  it('fails with ALIPAY_FAILED and the sub_code when the refunds exceed the payment', async () => {
    await rig.client.refund({ outTradeNo: 'PK-0001-1', refundFen: 1000, outRequestNo: 'RF-1' });

    const error = await rejectionOf(
      rig.client.refund({ outTradeNo: 'PK-0001-1', refundFen: 1000, outRequestNo: 'RF-2' }),
    );

    expect(error.code).toBe('ALIPAY_FAILED');
    expect(error.details).toMatchObject({ method: 'alipay.trade.refund', code: '40004' });
  });
});
