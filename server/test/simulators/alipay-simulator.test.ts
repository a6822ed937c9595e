import crypto from 'node:crypto';
import { startAlipaySimulator, type AlipaySimulator } from '../../simulators/alipay-simulator';

const APP_ID = '2021004100000001';
const CODE = '2812345678901234';
const merchant = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const alipay = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });

/** Raw gateway requests, signed here by hand, so the simulator's checks are tested on their own. */
describe('Alipay simulator (protocols/alipay-barcode.md)', () => {
  let simulator: AlipaySimulator;

  function beijingNow(offsetMs = 0): string {
    const iso = new Date(Date.now() + offsetMs + 8 * 3600 * 1000).toISOString();
    return `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  }

  function signedForm(method: string, biz: unknown, overrides: Record<string, string> = {}) {
    const params: Record<string, string> = {
      app_id: APP_ID,
      method,
      format: 'JSON',
      charset: 'utf-8',
      sign_type: 'RSA2',
      timestamp: beijingNow(),
      version: '1.0',
      biz_content: JSON.stringify(biz),
      ...overrides,
    };
    const content = Object.keys(params)
      .sort()
      .map((name) => `${name}=${params[name]}`)
      .join('&');
    const sign = crypto
      .sign('sha256', Buffer.from(content), merchant.privateKey)
      .toString('base64');
    return new URLSearchParams({ ...params, sign: overrides.sign ?? sign });
  }

  async function call(method: string, biz: unknown, overrides: Record<string, string> = {}) {
    const response = await fetch(simulator.url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: signedForm(method, biz, overrides).toString(),
    });
    return response.text();
  }

  function pay(outTradeNo: string, authCode = CODE) {
    const biz = {
      out_trade_no: outTradeNo,
      scene: 'bar_code',
      auth_code: authCode,
      subject: 'test',
      total_amount: '19.90',
    };
    return call('alipay.trade.pay', biz);
  }

  function responseOf(body: string, key = 'alipay_trade_pay_response') {
    return (JSON.parse(body) as Record<string, Record<string, string>>)[key];
  }

  beforeEach(async () => {
    simulator = await startAlipaySimulator({
      appId: APP_ID,
      merchantPublicKeyPem: merchant.publicKey.export({ type: 'spki', format: 'pem' }).toString(),
      alipayPrivateKeyPem: alipay.privateKey.export({ type: 'pkcs1', format: 'pem' }).toString(),
    });
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('request signatures', () => {
    it('answers a wrong signature with 40002 isv.invalid-signature, unsigned', async () => {
      const body = await call('alipay.trade.pay', { out_trade_no: 'PK-0001-1' }, { sign: 'AAAA' });

      expect(responseOf(body)).toMatchObject({ code: '40002', sub_code: 'isv.invalid-signature' });
      expect(JSON.parse(body)).not.toHaveProperty('sign');
    });

    it('answers a timestamp in another zone’s local time with isv.invalid-timestamp', async () => {
      const body = await call('alipay.trade.pay', {}, { timestamp: beijingNow(-8 * 3600 * 1000) });

      expect(responseOf(body).sub_code).toBe('isv.invalid-timestamp');
    });

    it('answers an unknown method under error_response', async () => {
      const body = await call('alipay.trade.nothing', {});

      expect(responseOf(body, 'error_response').sub_code).toBe('isv.invalid-method');
    });
  });

  describe('answer signatures', () => {
    it('signs the exact response text, written with \\u escapes, which re-serialising would change', async () => {
      simulator.script(CODE, {
        kind: 'refused',
        subCode: 'ACQ.BUYER_BALANCE_NOT_ENOUGH',
        subMsg: '余额不足',
      });
      const body = await pay('PK-0001-1');

      const text = /^\{"alipay_trade_pay_response":(.*),"sign":"([^"]+)"\}$/.exec(body);
      const [, response, sign] = text ?? [];
      const verifies = (content: string) =>
        crypto.verify(
          'sha256',
          Buffer.from(content),
          alipay.publicKey,
          Buffer.from(sign, 'base64'),
        );

      expect(response).toContain('\\u4f59\\u989d');
      expect(verifies(response)).toBe(true);
      expect(verifies(JSON.stringify(JSON.parse(response)))).toBe(false);
    });
  });

  describe('trades', () => {
    it('answers 40004 ACQ.TRADE_HAS_SUCCESS for a paid out_trade_no used again', async () => {
      await pay('PK-0001-1');

      expect(responseOf(await pay('PK-0001-1', '2812345678901235')).sub_code).toBe(
        'ACQ.TRADE_HAS_SUCCESS',
      );
    });

    it('takes a payment code once', async () => {
      await pay('PK-0001-1');

      expect(responseOf(await pay('PK-0001-2')).sub_code).toBe('ACQ.PAYMENT_AUTH_CODE_INVALID');
    });

    it('records a cancel of an unknown trade as closed, so a late pay with that number is refused', async () => {
      const cancel = await call('alipay.trade.cancel', { out_trade_no: 'PK-0001-1' });

      expect(responseOf(cancel, 'alipay_trade_cancel_response')).toMatchObject({
        code: '10000',
        action: 'close',
      });
      expect(responseOf(await pay('PK-0001-1')).sub_code).toBe('ACQ.TRADE_HAS_CLOSE');
    });
  });
});
