import crypto from 'node:crypto';
import {
  signWechatPay,
  stringToSign,
  wechatPaySignatureMatches,
} from '../../../src/integrations/wechat-pay/wechat-pay-signature';
import { parseWechatXml, toWechatXml } from '../../../src/integrations/wechat-pay/wechat-pay-xml';

/** protocols/wechat-pay-micropay.md "Signing": the published example. */
const PUBLISHED = {
  params: {
    appid: 'wxd930ea5d5a258f4f',
    mch_id: '10000100',
    device_info: '1000',
    body: 'test',
    nonce_str: 'ibuaiVcKdpRxkhJA',
  },
  key: '192006250b4c09247ec02edce69f6a2d',
  md5: '9A0A8659F005D6984697E2CA0A9CF3B7',
};

describe('WeChat Pay v2 signing', () => {
  describe('the published MD5 example', () => {
    it('signs it as 9A0A8659F005D6984697E2CA0A9CF3B7', () => {
      expect(signWechatPay(PUBLISHED.params, PUBLISHED.key, 'MD5')).toBe(PUBLISHED.md5);
    });

    it('sorts by name and leaves out empty values and sign itself', () => {
      const params = { ...PUBLISHED.params, attach: '', sign: 'X', detail: undefined };

      expect(stringToSign(params)).toBe(
        'appid=wxd930ea5d5a258f4f&body=test&device_info=1000&mch_id=10000100&nonce_str=ibuaiVcKdpRxkhJA',
      );
      expect(signWechatPay(params, PUBLISHED.key, 'MD5')).toBe(PUBLISHED.md5);
    });
  });

  describe('HMAC-SHA256', () => {
    it('is the upper-case hex HMAC-SHA256 of the same string, keyed with the API key', () => {
      const text = `${stringToSign(PUBLISHED.params)}&key=${PUBLISHED.key}`;
      const expected = crypto
        .createHmac('sha256', PUBLISHED.key)
        .update(text)
        .digest('hex')
        .toUpperCase();

      const sign = signWechatPay(PUBLISHED.params, PUBLISHED.key, 'HMAC-SHA256');

      expect(sign).toBe(expected);
      expect(sign).toMatch(/^[0-9A-F]{64}$/);
    });

    it('signs Chinese text as UTF-8', () => {
      const params = { ...PUBLISHED.params, body: '停车费-粤B12345' };
      const text = `${stringToSign(params)}&key=${PUBLISHED.key}`;
      const expected = crypto.createHash('md5').update(Buffer.from(text, 'utf8')).digest('hex');

      expect(signWechatPay(params, PUBLISHED.key, 'MD5')).toBe(expected.toUpperCase());
    });
  });

  describe('verification', () => {
    it('accepts the right sign and refuses a changed field, a wrong key or the other sign type', () => {
      const signed = { ...PUBLISHED.params, sign: PUBLISHED.md5 };

      expect(wechatPaySignatureMatches(signed, PUBLISHED.key, 'MD5')).toBe(true);
      expect(wechatPaySignatureMatches({ ...signed, body: 'tesT' }, PUBLISHED.key, 'MD5')).toBe(
        false,
      );
      expect(wechatPaySignatureMatches(signed, `${PUBLISHED.key}0`, 'MD5')).toBe(false);
      expect(wechatPaySignatureMatches(signed, PUBLISHED.key, 'HMAC-SHA256')).toBe(false);
      expect(wechatPaySignatureMatches({ ...PUBLISHED.params }, PUBLISHED.key, 'MD5')).toBe(false);
    });
  });
});

describe('WeChat Pay v2 XML', () => {
  it('round-trips values with Chinese text, markup characters and "]]>"', () => {
    const fields = { body: '停车费 <1h> & ]]> 结束', total_fee: '1990' };

    expect(parseWechatXml(toWechatXml(fields))).toEqual(fields);
  });

  it('reads bare values, entities, a declaration and white space between fields', () => {
    const xml =
      '<?xml version="1.0" encoding="UTF-8"?>\n<xml>\n  <total_fee>1990</total_fee>\n' +
      '  <return_msg>a &lt;b&gt; &amp; &#x4E2D;&#25991;</return_msg>\n  <attach/>\n</xml>';

    expect(parseWechatXml(xml)).toEqual({
      total_fee: '1990',
      return_msg: 'a <b> & 中文',
      attach: '',
    });
  });

  it.each([
    [
      'a document type (XXE)',
      '<!DOCTYPE xml [<!ENTITY x SYSTEM "file:///etc/passwd">]><xml><a>&x;</a></xml>',
    ],
    ['an unknown entity', '<xml><a>&x;</a></xml>'],
    ['a nested element', '<xml><a><b>1</b></a></xml>'],
    ['a repeated field', '<xml><sign>A</sign><sign>B</sign></xml>'],
    ['text outside the root', 'junk<xml><a>1</a></xml>'],
    ['an unclosed field', '<xml><a>1</xml>'],
  ])('refuses %s', (_, xml) => {
    expect(() => parseWechatXml(xml)).toThrow();
  });
});
