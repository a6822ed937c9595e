import { DEFAULT_PAYMENT_CODE_TABLE, type PaymentCodeTable } from '@memberkit/shared';
import { decideScan } from '../src/scan-decision';

const decide = (text: string, table: PaymentCodeTable = DEFAULT_PAYMENT_CODE_TABLE) =>
  decideScan(text, table);

function codeOf(action: () => unknown): string | undefined {
  try {
    action();
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return undefined;
}

describe('decideScan (issue #6, C-4.2.1.4)', () => {
  describe('with the field cases', () => {
    it('sends a WeChat Pay code on as a payment code', () => {
      expect(decide('104538211234567890')).toEqual({
        kind: 'payment',
        provider: 'wechat',
        paymentCode: '104538211234567890',
      });
    });

    it('trims the scan gun CR/LF from a WeChat Pay code', () => {
      expect(decide('134567890123456789\r\n')).toMatchObject({
        provider: 'wechat',
        paymentCode: '134567890123456789',
      });
    });

    it('sends an Alipay code on as a payment code', () => {
      expect(decide('2812345678901234')).toMatchObject({ kind: 'payment', provider: 'alipay' });
    });

    it('hands an EAN-13 product barcode to the till, never to a provider', () => {
      expect(decide('6901234567892')).toEqual({ kind: 'product', barcode: '6901234567892' });
    });
  });

  describe('with a member code', () => {
    it('attaches an 18-digit 88 code as the member code', () => {
      expect(decide('880000000001123456')).toEqual({
        kind: 'member',
        memberCode: '880000000001123456',
      });
    });
  });

  describe('with codes the till does not take', () => {
    it('refuses a UnionPay code with PAYMENT_CODE_NOT_ACCEPTED and says so in both languages', () => {
      let message = '';
      try {
        decide('6212345678901234567');
      } catch (error) {
        message = (error as Error).message;
      }
      expect(codeOf(() => decide('6212345678901234567'))).toBe('PAYMENT_CODE_NOT_ACCEPTED');
      expect(message).toContain('不支持银联付款码');
      expect(message).toContain('UnionPay codes are not accepted here');
    });

    it.each(['abc123', '12345', '6901234567890', '99999999999999999999999999'])(
      'refuses %s with SCAN_CODE_UNRECOGNISED',
      (text) => expect(codeOf(() => decide(text))).toBe('SCAN_CODE_UNRECOGNISED'),
    );
  });

  describe('with a table from configuration', () => {
    it('follows the configured prefixes (WeChat codes once started 11-15)', () => {
      const older: PaymentCodeTable = [{ kind: 'wechat', lengths: [18], prefixes: ['11'] }];
      expect(codeOf(() => decide('104538211234567890', older))).toBe('SCAN_CODE_UNRECOGNISED');
      expect(decide('114538211234567890', older)).toMatchObject({ provider: 'wechat' });
    });
  });
});
