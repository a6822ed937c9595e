import { settlesLocally } from '../../../src/integrations/wechat-pay/channel-order';
import { closedPortUrl, rejectionOf } from '../integration-support';
import {
  API_KEY,
  CODE,
  FEN,
  NEXT_CODE,
  attemptOf,
  countCalls,
  pause,
  startWechatPayRig,
  type WechatPayRig,
} from './wechat-pay-support';

describe('WechatPayClient.payWithCode (protocols/wechat-pay-micropay.md "Outcome rules")', () => {
  let rig: WechatPayRig;

  beforeEach(async () => {
    rig = await startWechatPayRig();
  });

  afterEach(async () => {
    await rig.stop();
  });

  describe('field case A: USERPAYING, then SUCCESS', () => {
    it('is paid once, stops polling and reverses nothing', async () => {
      rig.simulator.script(CODE, {
        kind: 'paying-then-success',
        payingQueries: 3,
        openid: 'o-payer-a',
      });

      const result = await rig.client.payWithCode(attemptOf(1));
      const queriesWhenPaid = countCalls(rig.simulator, 'orderquery');
      await pause(100);

      const [order] = rig.simulator.orders();
      expect(result).toEqual({
        outcome: 'paid',
        transactionId: order.transactionId,
        openid: 'o-payer-a',
        paidFen: FEN,
        timeEnd: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\+08:00$/),
      });
      expect(order).toMatchObject({ outTradeNo: 'PK-0001-1', state: 'SUCCESS', totalFee: FEN });
      expect(queriesWhenPaid).toBe(4);
      expect(countCalls(rig.simulator, 'orderquery')).toBe(4);
      expect(countCalls(rig.simulator, 'reverse')).toBe(0);
    });
  });

  describe('field case B: the shopper never confirms', () => {
    it('reverses at the deadline, reports cancelled, and the next code goes out as PK-0001-2', async () => {
      rig.simulator.script(CODE, { kind: 'never-confirms' });
      const startedAt = Date.now();

      const first = await rig.client.payWithCode(attemptOf(1));
      const elapsed = Date.now() - startedAt;
      const second = await rig.client.payWithCode(attemptOf(2, NEXT_CODE));

      expect(first).toEqual({ outcome: 'cancelled' });
      expect(elapsed).toBeGreaterThanOrEqual(300);
      expect(second.outcome).toBe('paid');
      expect(rig.simulator.orders().map((order) => [order.outTradeNo, order.state])).toEqual([
        ['PK-0001-1', 'REVOKED'],
        ['PK-0001-2', 'SUCCESS'],
      ]);
      expect(countCalls(rig.simulator, 'reverse')).toBe(1);
    });

    it('calls reverse again while WeChat answers recall=Y', async () => {
      rig.simulator.script(CODE, { kind: 'never-confirms', reverseRecalls: 2 });

      expect(await rig.client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
      expect(countCalls(rig.simulator, 'reverse')).toBe(3);
    });
  });

  describe('field case C: SYSTEMERROR or no answer is unknown, never failed', () => {
    it.each([
      ['SYSTEMERROR', { kind: 'system-error', paid: true }],
      ['BANKERROR', { kind: 'system-error', errCode: 'BANKERROR', paid: true }],
      ['a timeout with no body', { kind: 'no-answer', how: 'hang', paid: true }],
      ['a dropped connection', { kind: 'no-answer', how: 'drop', paid: true }],
    ] as const)(
      'queries after %s and reports paid when the query says SUCCESS',
      async (_, scenario) => {
        rig.simulator.script(CODE, { ...scenario, openid: 'o-payer-c' });

        const result = await rig.client.payWithCode(attemptOf(1));

        expect(result).toMatchObject({ outcome: 'paid', openid: 'o-payer-c', paidFen: FEN });
        expect(countCalls(rig.simulator, 'orderquery')).toBe(1);
        expect(countCalls(rig.simulator, 'reverse')).toBe(0);
      },
    );

    it.each([
      ['SYSTEMERROR', { kind: 'system-error', paid: false }],
      ['a timeout with no body', { kind: 'no-answer', how: 'hang', paid: false }],
    ] as const)(
      'reverses after %s when the query says NOTPAY, and reports cancelled',
      async (_, scenario) => {
        rig.simulator.script(CODE, scenario);

        expect(await rig.client.payWithCode(attemptOf(1))).toEqual({ outcome: 'cancelled' });
        expect(rig.simulator.orders()[0].state).toBe('REVOKED');
      },
    );

    it('throws PAYMENT_OUTCOME_UNKNOWN with the order number when WeChat never answers', async () => {
      const client = rig.clientWith({ baseUrl: await closedPortUrl() });

      const error = await rejectionOf(client.payWithCode(attemptOf(1)));

      expect(error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
      expect(error.details).toMatchObject({ provider: 'wechat-pay', outTradeNo: 'PK-0001-1' });
    });
  });

  describe('field case D: a merchant order number is never sent twice', () => {
    it('sends one out_trade_no per attempt over a cancelled and a paid attempt', async () => {
      rig.simulator.script(CODE, { kind: 'never-confirms' });

      await rig.client.payWithCode(attemptOf(1));
      await rig.client.payWithCode(attemptOf(2, NEXT_CODE));

      const sent = rig.simulator.calls().filter((call) => call.api === 'micropay');
      expect(sent.map((call) => call.outTradeNo)).toEqual(['PK-0001-1', 'PK-0001-2']);
    });

    it('reads a repeated paid attempt back as that one payment (ORDERPAID), not a second', async () => {
      const first = await rig.client.payWithCode(attemptOf(1));
      const again = await rig.client.payWithCode(attemptOf(1, NEXT_CODE));

      expect(again).toEqual(first);
      expect(rig.simulator.orders()).toHaveLength(1);
    });

    it('refuses an order number that does not fit WeChat’s 32 characters', async () => {
      const input = { ...attemptOf(1), businessOrderId: 'P'.repeat(31) };

      expect((await rejectionOf(rig.client.payWithCode(input))).code).toBe(
        'PAYMENT_ORDER_NUMBER_INVALID',
      );
      expect(rig.simulator.calls()).toEqual([]);
    });
  });

  describe('the shopper pays between the last query and the reverse', () => {
    it('reports paid when the reverse answers that the order was paid', async () => {
      rig.simulator.script(CODE, { kind: 'pays-before-reverse', openid: 'o-late-payer' });

      const result = await rig.client.payWithCode(attemptOf(1));

      expect(result).toMatchObject({ outcome: 'paid', openid: 'o-late-payer', paidFen: FEN });
      expect(countCalls(rig.simulator, 'reverse')).toBe(1);
      expect(rig.simulator.orders()[0].state).toBe('SUCCESS');
    });
  });

  describe('answers that do not verify', () => {
    it('does not trust a SUCCESS with a bad signature: it queries and pays on the signed answer', async () => {
      rig.simulator.forgeSignatures('micropay');

      const result = await rig.client.payWithCode(attemptOf(1));

      expect(result.outcome).toBe('paid');
      expect(countCalls(rig.simulator, 'orderquery')).toBe(1);
    });

    it('is never paid and never failed when no answer verifies: the outcome stays unknown', async () => {
      rig.simulator.forgeSignatures('micropay');
      rig.simulator.forgeSignatures('orderquery', 100);

      const error = await rejectionOf(rig.client.payWithCode(attemptOf(1)));

      expect(error.code).toBe('PAYMENT_OUTCOME_UNKNOWN');
    });
  });

  describe('declined payments', () => {
    it('reports failed with the err_code (NOTENOUGH) and queries nothing', async () => {
      rig.simulator.script(CODE, { kind: 'refused', errCode: 'NOTENOUGH', errCodeDes: '余额不足' });

      expect(await rig.client.payWithCode(attemptOf(1))).toEqual({
        outcome: 'failed',
        code: 'NOTENOUGH',
      });
      expect(rig.simulator.calls().map((call) => call.api)).toEqual(['micropay']);
    });

    it('reports failed SIGNERROR when WeChat refuses the signature (return_code FAIL)', async () => {
      const client = rig.clientWith({ apiKey: API_KEY.replace('8', '9') });

      expect(await client.payWithCode(attemptOf(1))).toEqual({
        outcome: 'failed',
        code: 'SIGNERROR',
      });
      expect(rig.simulator.orders()).toEqual([]);
    });
  });

  describe('amounts that never reach WeChat', () => {
    it('settles 0 fen locally: payWithCode refuses it with PAYMENT_AMOUNT_ZERO', async () => {
      const error = await rejectionOf(rig.client.payWithCode({ ...attemptOf(1), totalFen: 0 }));

      expect(settlesLocally(0)).toBe(true);
      expect(settlesLocally(1)).toBe(false);
      expect(error.code).toBe('PAYMENT_AMOUNT_ZERO');
      expect(rig.simulator.calls()).toEqual([]);
    });

    it.each([-1, 1.5])('refuses %p fen with MONEY_INVALID', async (totalFen) => {
      const error = await rejectionOf(rig.client.payWithCode({ ...attemptOf(1), totalFen }));

      expect(error.code).toBe('MONEY_INVALID');
    });
  });

  describe('configuration', () => {
    it('refuses payment-code payments without the client certificate needed to reverse', async () => {
      const client = rig.clientWith({ clientCert: undefined });

      expect((await rejectionOf(client.payWithCode(attemptOf(1)))).code).toBe('CONFIG_INVALID');
      expect(rig.simulator.calls()).toEqual([]);
    });
  });
});
