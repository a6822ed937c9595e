import {
  canonicalQuery,
  percentEncode,
  rpcStringToSign,
  rpcTimestamp,
  signRpcRequest,
} from '../../../src/integrations/sms/rpc-signature';

// The published example of protocols/sms-gateway.md, "Signing", value for value.
const PUBLISHED_EXAMPLE = {
  AccessKeyId: 'testId',
  Action: 'SendSms',
  Format: 'XML',
  OutId: '123',
  PhoneNumbers: '15300000001',
  RegionId: 'cn-hangzhou',
  SignName: '阿里云短信测试专用',
  SignatureMethod: 'HMAC-SHA1',
  SignatureNonce: '45e25e9b-0a6f-4070-8c85-2956eda1b466',
  SignatureVersion: '1.0',
  TemplateCode: 'SMS_71390007',
  TemplateParam: '{"customer":"test"}',
  Timestamp: '2017-07-12T02:42:19Z',
  Version: '2017-05-25',
};

describe('Alibaba Cloud RPC signing (protocols/sms-gateway.md)', () => {
  describe('the published example', () => {
    it('gives the published signature zJDF+Lrzhj/ThnlvIToysFRq6t4=', () => {
      expect(signRpcRequest('GET', PUBLISHED_EXAMPLE, 'testSecret')).toBe(
        'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
      );
    });

    it('gives the same signature whatever order the parameters come in', () => {
      const reversed = Object.fromEntries(Object.entries(PUBLISHED_EXAMPLE).reverse());

      expect(signRpcRequest('GET', reversed, 'testSecret')).toBe('zJDF+Lrzhj/ThnlvIToysFRq6t4=');
    });

    it('signs a different string for POST than for GET', () => {
      expect(signRpcRequest('POST', PUBLISHED_EXAMPLE, 'testSecret')).not.toBe(
        'zJDF+Lrzhj/ThnlvIToysFRq6t4=',
      );
    });

    it('starts the string to sign with METHOD&%2F& and encodes the canonical query again', () => {
      const stringToSign = rpcStringToSign('GET', PUBLISHED_EXAMPLE);

      expect(stringToSign.startsWith('GET&%2F&AccessKeyId%3DtestId%26Action%3DSendSms')).toBe(true);
      expect(stringToSign).toContain('TemplateParam%3D%257B%2522customer%2522');
    });
  });

  describe('percent-encoding (RFC 3986)', () => {
    it.each([
      [' ', '%20'],
      ['*', '%2A'],
      ['~', '~'],
      ['+', '%2B'],
      ['/', '%2F'],
      ["!'()", '%21%27%28%29'],
      ['-_.', '-_.'],
      ['短信', '%E7%9F%AD%E4%BF%A1'],
    ])('encodes %p as %p', (raw, encoded) => {
      expect(percentEncode(raw)).toBe(encoded);
    });

    it('leaves Signature out of the canonical query and sorts by name', () => {
      expect(canonicalQuery({ b: '2', Signature: 'x', a: '1' })).toBe('a=1&b=2');
    });
  });

  describe('timestamps', () => {
    it('writes UTC as yyyy-MM-ddTHH:mm:ssZ without milliseconds', () => {
      expect(rpcTimestamp(new Date('2017-07-12T10:42:19.123+08:00'))).toBe('2017-07-12T02:42:19Z');
    });
  });
});
