import crypto from 'node:crypto';
import https from 'node:https';
import { signWechatPay } from '../../src/integrations/wechat-pay/wechat-pay-signature';
import { parseWechatXml, toWechatXml } from '../../src/integrations/wechat-pay/wechat-pay-xml';
import {
  startWechatPaySimulator,
  type WechatPaySimulator,
} from '../../simulators/wechat-pay-simulator';

const APP_ID = 'wx5f3c0a1b2c3d4e5f';
const MCH_ID = '1900000109';
const API_KEY = '8b1a9953c4611296a827abf8c47804d7';
const CODE = '134567890123456789';

/** Raw requests in WeChat Pay's wire format, so the simulator's checks are tested on their own. */
describe('WeChat Pay simulator (protocols/wechat-pay-micropay.md)', () => {
  let simulator: WechatPaySimulator;

  function post(path: string, xml: string, clientCert?: { cert: string; key: string }) {
    return new Promise<{ status: number; text: string }>((resolve, reject) => {
      const request = https.request(`${simulator.url}${path}`, {
        method: 'POST',
        ca: simulator.caCertificate,
        agent: false,
        ...clientCert,
      });
      request.on('response', (response) => {
        let text = '';
        response.on('data', (chunk) => (text += chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text }));
      });
      request.on('error', reject);
      request.end(xml);
    });
  }

  function signed(params: Record<string, string>, key = API_KEY): string {
    const fields = { appid: APP_ID, mch_id: MCH_ID, nonce_str: 'n0nce', ...params };
    return toWechatXml({ ...fields, sign: signWechatPay(fields, key, 'MD5') });
  }

  function micropay(outTradeNo: string, authCode = CODE, key = API_KEY) {
    const params = {
      body: 'test',
      out_trade_no: outTradeNo,
      total_fee: '1500',
      spbill_create_ip: '127.0.0.1',
      auth_code: authCode,
    };
    return post('/pay/micropay', signed(params, key)).then((answer) => parseWechatXml(answer.text));
  }

  beforeEach(async () => {
    simulator = await startWechatPaySimulator({ appId: APP_ID, mchId: MCH_ID, apiKey: API_KEY });
  });

  afterEach(async () => {
    await simulator.stop();
  });

  describe('request signatures', () => {
    it('answers a wrongly signed request with return_code FAIL and 签名错误, unsigned', async () => {
      const answer = await micropay('PK-0001-1', CODE, 'not-the-key');

      expect(answer).toEqual({ return_code: 'FAIL', return_msg: '签名错误' });
      expect(simulator.orders()).toEqual([]);
    });

    it('answers a changed field after signing with 签名错误', async () => {
      const xml = signed({ out_trade_no: 'PK-0001-1' }).replace('PK-0001-1', 'PK-0001-2');

      const answer = parseWechatXml((await post('/pay/orderquery', xml)).text);

      expect(answer.return_msg).toBe('签名错误');
    });

    it('signs its answers with the API key', async () => {
      const answer = await micropay('PK-0001-1');

      expect(answer.result_code).toBe('SUCCESS');
      expect(answer.sign).toBe(signWechatPay(answer, API_KEY, 'MD5'));
    });

    it('refuses a request without nonce_str', async () => {
      const fields = { appid: APP_ID, mch_id: MCH_ID, out_trade_no: 'PK-0001-1' };
      const xml = toWechatXml({ ...fields, sign: signWechatPay(fields, API_KEY, 'MD5') });

      expect(parseWechatXml((await post('/pay/orderquery', xml)).text).return_code).toBe('FAIL');
    });
  });

  describe('out_trade_no reuse (field case D)', () => {
    it('answers ORDERPAID for a paid number, INVALID_REQUEST for one still open, ORDERREVERSED for a reversed one', async () => {
      simulator.script('134567890123456780', { kind: 'never-confirms' });
      await micropay('PK-0001-1');
      await micropay('PK-0002-1', '134567890123456780');

      const paid = await micropay('PK-0001-1', '134567890123456781');
      const open = await micropay('PK-0002-1', '134567890123456782');
      await post(
        '/secapi/pay/reverse',
        signed({ out_trade_no: 'PK-0002-1' }),
        simulator.clientCertificate,
      );
      const reversed = await micropay('PK-0002-1', '134567890123456783');

      expect([paid.err_code, open.err_code, reversed.err_code]).toEqual([
        'ORDERPAID',
        'INVALID_REQUEST',
        'ORDERREVERSED',
      ]);
    });

    it('takes a payment code once (AUTHCODEEXPIRE the second time)', async () => {
      await micropay('PK-0001-1');

      expect((await micropay('PK-0001-2')).err_code).toBe('AUTHCODEEXPIRE');
    });

    it('answers AUTH_CODE_INVALID for a code outside the WeChat range', async () => {
      expect((await micropay('PK-0001-1', '2812345678901234')).err_code).toBe('AUTH_CODE_INVALID');
    });
  });

  describe('the client certificate on /secapi/', () => {
    const reverseXml = () => signed({ out_trade_no: 'PK-0001-1' });

    it('answers 400 "No required SSL certificate was sent" without one', async () => {
      const answer = await post('/secapi/pay/reverse', reverseXml());

      expect(answer.status).toBe(400);
      expect(answer.text).toContain('No required SSL certificate was sent');
    });

    it('answers 400 "The SSL certificate error" for another merchant’s certificate', async () => {
      const answer = await post(
        '/secapi/pay/reverse',
        reverseXml(),
        simulator.issueClientCertificate('1900000999'),
      );

      expect(answer.status).toBe(400);
      expect(answer.text).toContain('The SSL certificate error');
    });

    it('reverses with the merchant’s certificate', async () => {
      const answer = await post('/secapi/pay/reverse', reverseXml(), simulator.clientCertificate);

      expect(parseWechatXml(answer.text)).toMatchObject({ result_code: 'SUCCESS', recall: 'N' });
    });
  });

  describe('its certificates', () => {
    it('issues a server certificate for 127.0.0.1 and a client certificate for the mch_id, both from its CA', () => {
      const ca = new crypto.X509Certificate(simulator.caCertificate);
      const client = new crypto.X509Certificate(simulator.clientCertificate.cert);

      expect(client.subject).toContain(`CN=${MCH_ID}`);
      expect(client.checkIssued(ca)).toBe(true);
      expect(client.verify(ca.publicKey)).toBe(true);
      expect(ca.ca).toBe(true);
    });
  });

  it('answers 404 for a path WeChat Pay does not have', async () => {
    expect((await post('/pay/nothing', signed({}))).status).toBe(404);
  });
});
