import {
  readReceiptLink,
  receiptLinkFromParams,
} from '../../../src/pages/receipt-claim/receipt-code';

describe('receipt-claim page: reading the claim code (issue #6, C-4.2.1.4)', () => {
  describe('from scanned or typed text', () => {
    it('takes the code from the H5 URL the receipt QR holds', () => {
      expect(
        readReceiptLink('https://mall.example.cn/h5/#/pages/receipt-claim/index?code=R7K2M9QXA4B6'),
      ).toEqual({ code: 'R7K2M9QXA4B6', alipayHint: false });
    });

    it('takes the code and the Alipay hint from a mini-program path', () => {
      expect(readReceiptLink('pages/receipt-claim/index?code=R7K2M9QXA4B6&p=alipay')).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: true,
      });
    });

    it('takes the code from the short r= form of the receipt URL', () => {
      expect(
        readReceiptLink('https://mall.example.cn/h5/#/pages/receipt-claim/index?r=R7K2M9QXA4B6'),
      ).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: false,
      });
    });

    it('takes a code typed by hand, spaces and all', () => {
      expect(readReceiptLink(' r7k2 m9qx a4b6 ')).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: false,
      });
    });

    it('reads I, L and O typed by hand as the digits the server issued', () => {
      expect(readReceiptLink('R7K2M9QXA4BO')?.code).toBe('R7K2M9QXA4B0');
    });

    it.each([
      '',
      'ab',
      'https://mall.example.cn/h5/#/pages/home/index',
      '<script>',
      '优惠券',
      'R7K2M9QX',
      'R7K2M9QXA4B6C',
      'NOSUCHCODE12',
    ])('finds no code in %j', (text) => {
      expect(readReceiptLink(text)).toBeUndefined();
    });
  });

  describe('from the parameters the page opened with', () => {
    it('reads ?code= and the Alipay hint', () => {
      expect(receiptLinkFromParams({ code: 'R7K2M9QXA4B6', p: 'alipay' })).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: true,
      });
    });

    it('reads ?r= as the server writes it', () => {
      expect(receiptLinkFromParams({ r: 'R7K2M9QXA4B6' })).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: false,
      });
    });

    it('reads a mini-program code scene, percent-encoded by WeChat', () => {
      expect(receiptLinkFromParams({ scene: 'code%3DR7K2M9QXA4B6' })).toEqual({
        code: 'R7K2M9QXA4B6',
        alipayHint: false,
      });
    });

    it('gives nothing when the page was opened without a code', () => {
      expect(receiptLinkFromParams({})).toBeUndefined();
    });
  });
});
