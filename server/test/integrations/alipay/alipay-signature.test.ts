import crypto from 'node:crypto';
import { readRawAlipayAnswer } from '../../../src/integrations/alipay/alipay-response';
import {
  alipaySignatureMatches,
  alipaySigningContent,
  beijingTimestamp,
  loadAlipayPrivateKey,
  loadAlipayPublicKey,
  signAlipay,
} from '../../../src/integrations/alipay/alipay-signature';
import { generateAlipayKeys, pem } from './alipay-support';

const keys = generateAlipayKeys();

const PARAMS = {
  app_id: '2021004100000001',
  method: 'alipay.trade.pay',
  format: 'JSON',
  charset: 'utf-8',
  sign_type: 'RSA2',
  timestamp: '2025-03-01 10:00:00',
  version: '1.0',
  biz_content: '{"out_trade_no":"PK-0001-1","subject":"停车费 A&B=1","total_amount":"19.90"}',
};

describe('Alipay RSA2 (protocols/alipay-barcode.md "Signing")', () => {
  describe('the content to sign', () => {
    it('sorts by name, joins raw values (not URL-encoded) and leaves out sign and empty values', () => {
      const content = alipaySigningContent({ ...PARAMS, sign: 'x', notify_url: '' });

      expect(content).toBe(
        'app_id=2021004100000001&biz_content={"out_trade_no":"PK-0001-1","subject":"停车费 A&B=1",' +
          '"total_amount":"19.90"}&charset=utf-8&format=JSON&method=alipay.trade.pay&sign_type=RSA2' +
          '&timestamp=2025-03-01 10:00:00&version=1.0',
      );
    });
  });

  describe('sign and verify round trip with generated keys', () => {
    it('is SHA256withRSA over the UTF-8 content, base64', () => {
      const sign = signAlipay(PARAMS, loadAlipayPrivateKey(pem(keys.merchant.privateKey, 'pkcs8')));

      const verifier = crypto
        .createVerify('RSA-SHA256')
        .update(alipaySigningContent(PARAMS), 'utf8');
      expect(verifier.verify(keys.merchant.publicKey, sign, 'base64')).toBe(true);
    });

    it('gives the same signature from a PKCS#1 PEM, a PKCS#8 PEM and bare base64', () => {
      const pkcs1 = pem(keys.merchant.privateKey, 'pkcs1');
      const pkcs8 = pem(keys.merchant.privateKey, 'pkcs8');
      const bare = pkcs8.replace(/-----[^-]+-----/g, '').replace(/\s+/g, '');

      const signatures = [pkcs1, pkcs8, bare].map((text) =>
        signAlipay(PARAMS, loadAlipayPrivateKey(text)),
      );

      expect(pkcs1).toContain('BEGIN RSA PRIVATE KEY');
      expect(pkcs8).toContain('BEGIN PRIVATE KEY');
      expect(new Set(signatures).size).toBe(1);
    });

    it('verifies with the public key as SPKI or PKCS#1 PEM, and refuses other text or another key', () => {
      const content = '{"code":"10000","msg":"Success"}';
      const sign = crypto
        .sign('sha256', Buffer.from(content), keys.alipay.privateKey)
        .toString('base64');
      const spki = loadAlipayPublicKey(pem(keys.alipay.publicKey, 'spki'));
      const pkcs1 = loadAlipayPublicKey(pem(keys.alipay.publicKey, 'pkcs1'));

      expect(alipaySignatureMatches(content, sign, spki)).toBe(true);
      expect(alipaySignatureMatches(content, sign, pkcs1)).toBe(true);
      expect(alipaySignatureMatches(`${content} `, sign, spki)).toBe(false);
      expect(alipaySignatureMatches(content, sign, keys.merchant.publicKey)).toBe(false);
      expect(alipaySignatureMatches(content, 'not base64!', spki)).toBe(false);
    });
  });

  describe('timestamp', () => {
    const originalTz = process.env.TZ;

    afterEach(() => {
      if (originalTz === undefined) delete process.env.TZ;
      else process.env.TZ = originalTz;
    });

    it.each(['UTC', 'America/New_York', 'Asia/Shanghai'])(
      'is Beijing time (yyyy-MM-dd HH:mm:ss) with TZ=%s',
      (zone) => {
        process.env.TZ = zone;

        expect(beijingTimestamp(Date.parse('2025-03-01T02:00:00Z'))).toBe('2025-03-01 10:00:00');
        expect(beijingTimestamp(Date.parse('2025-12-31T16:30:05Z'))).toBe('2026-01-01 00:30:05');
      },
    );
  });
});

describe('reading the answer’s exact response text (protocols/alipay-barcode.md "Answer")', () => {
  const response =
    '{"code":"40004","msg":"Business Failed","sub_msg":"\\u4f59\\u989d\\u4e0d\\u8db3","url":"https:\\/\\/x","list":[{"a":"}"}]}';
  const body = `{ "alipay_trade_pay_response" : ${response} ,"sign":"c2lnbg=="}`;

  it('cuts out the response member byte for byte, escapes and nesting included', () => {
    expect(readRawAlipayAnswer(body, 'alipay.trade.pay')).toEqual({
      responseText: response,
      sign: 'c2lnbg==',
    });
  });

  it('is not what re-serialising the parsed answer gives', () => {
    expect(JSON.stringify(JSON.parse(response))).not.toBe(response);
  });

  it('falls back to error_response for gateway errors', () => {
    const raw = readRawAlipayAnswer('{"error_response":{"code":"40002"}}', 'alipay.trade.pay');

    expect(raw).toEqual({ responseText: '{"code":"40002"}', sign: undefined });
  });

  it.each([
    [
      'a repeated member',
      `{"alipay_trade_pay_response":{"code":"10000"},"alipay_trade_pay_response":{"code":"40004"}}`,
    ],
    ['trailing text', `${body}x`],
    ['a truncated body', body.slice(0, -5)],
    ['not an object', '[1,2]'],
  ])('refuses %s', (_, text) => {
    expect(readRawAlipayAnswer(text, 'alipay.trade.pay')).toBeUndefined();
  });
});
