import {
  classifyPaymentCode,
  normalizePaymentCode,
} from '../../src/payments/classify-payment-code';
import {
  DEFAULT_PAYMENT_CODE_TABLE,
  paymentCodeTableSchema,
  type PaymentCodeTable,
} from '../../src/payments/payment-code-table';

function digits(prefix: string, length: number): string {
  return prefix + '7'.repeat(length - prefix.length);
}

describe('classifyPaymentCode', () => {
  describe('with the field-case scans (C-4.2.1.4)', () => {
    it.each([
      ['104538211234567890', 'wechat'],
      ['134567890123456789\r\n', 'wechat'],
      ['2812345678901234', 'alipay'],
      ['6901234567892', 'barcode'],
    ])('classifies %j as %s', (scanned, expected) => {
      expect(classifyPaymentCode(scanned)).toBe(expected);
    });
  });

  describe('with WeChat Pay codes (18 digits, 10-15)', () => {
    it.each(['10', '11', '12', '13', '14', '15'])('accepts prefix %s', (prefix) => {
      expect(classifyPaymentCode(digits(prefix, 18))).toBe('wechat');
    });

    it.each([
      ['prefix 09', digits('09', 18)],
      ['prefix 16', digits('16', 18)],
      ['17 digits', digits('13', 17)],
      ['19 digits', digits('13', 19)],
    ])('refuses %s as unknown', (_label, code) => {
      expect(classifyPaymentCode(code)).toBe('unknown');
    });
  });

  describe('with Alipay codes (16-24 digits, 25-30)', () => {
    it.each([16, 17, 18, 20, 24])('accepts %i digits', (length) => {
      expect(classifyPaymentCode(digits('28', length))).toBe('alipay');
    });

    it.each(['25', '26', '27', '28', '29', '30'])('accepts prefix %s', (prefix) => {
      expect(classifyPaymentCode(digits(prefix, 18))).toBe('alipay');
    });

    it.each([
      ['15 digits', digits('28', 15)],
      ['25 digits', digits('28', 25)],
      ['prefix 24', digits('24', 18)],
      ['prefix 31', digits('31', 18)],
    ])('refuses %s as unknown', (_label, code) => {
      expect(classifyPaymentCode(code)).toBe('unknown');
    });
  });

  describe('with UnionPay QuickPass codes (19 digits, 62)', () => {
    it('accepts 19 digits starting 62', () => {
      expect(classifyPaymentCode('6212345678901234567')).toBe('unionpay');
    });

    it('refuses 18 digits starting 62', () => {
      expect(classifyPaymentCode('621234567890123456')).toBe('unknown');
    });
  });

  describe('with our member code (design.md "Member code")', () => {
    it('accepts 88, a card number and a time-based code', () => {
      expect(classifyPaymentCode('880000001234123456')).toBe('member');
    });

    it.each([digits('88', 17), digits('88', 19), digits('87', 18)])('refuses %s', (code) => {
      expect(classifyPaymentCode(code)).toBe('unknown');
    });
  });

  describe('with product barcodes', () => {
    it.each([
      ['EAN-13', '6901234567892'],
      ['EAN-13', '4006381333931'],
      ['EAN-8', '96385074'],
      ['UPC-A', '036000291452'],
    ])('classifies a %s with a valid check digit as barcode', (_label, code) => {
      expect(classifyPaymentCode(code)).toBe('barcode');
    });

    it.each(['6901234567891', '96385075', '036000291453'])(
      'refuses %s, whose check digit is wrong, as unknown',
      (code) => {
        expect(classifyPaymentCode(code)).toBe('unknown');
      },
    );
  });

  describe('with what scan guns and people add', () => {
    it.each([
      ['leading and trailing whitespace', ' \t104538211234567890 \n'],
      ['a bare carriage return', '104538211234567890\r'],
      ['spaces typed from the screen', '10 4538 2112 3456 7890'],
      ['full-width digits from a Chinese input method', '１０４５３８２１１２３４５６７８９０'],
    ])('classifies a code with %s', (_label, scanned) => {
      expect(classifyPaymentCode(scanned)).toBe('wechat');
    });

    it('hands the cleaned code on through normalizePaymentCode', () => {
      expect(normalizePaymentCode(' 1345 6789 0123 456789\r\n')).toBe('134567890123456789');
    });
  });

  describe('with text that is no code', () => {
    it.each(['', '\r\n', 'abc', '10453821123456789X', '-104538211234567890', '1.5'])(
      'answers unknown for %j',
      (scanned) => {
        expect(classifyPaymentCode(scanned)).toBe('unknown');
      },
    );

    it.each([undefined, null, 42])('answers unknown for %p without throwing', (scanned) => {
      expect(classifyPaymentCode(scanned as unknown as string)).toBe('unknown');
    });
  });

  describe('with a table from configuration', () => {
    const oldWechatTable: PaymentCodeTable = [
      { kind: 'wechat', lengths: [18], prefixes: ['11', '12', '13', '14', '15'] },
    ];

    it('follows the given table (WeChat once started 11-15)', () => {
      expect([
        classifyPaymentCode('104538211234567890', oldWechatTable),
        classifyPaymentCode('134567890123456789', oldWechatTable),
      ]).toEqual(['unknown', 'wechat']);
    });

    it('lets the first matching row win', () => {
      const table: PaymentCodeTable = [
        { kind: 'member', lengths: [18], prefixes: ['13'] },
        ...DEFAULT_PAYMENT_CODE_TABLE,
      ];
      expect(classifyPaymentCode('134567890123456789', table)).toBe('member');
    });

    it.each([
      ['not a list', { rows: [] }],
      ['rows without lengths', [{ kind: 'wechat', prefixes: ['13'] }]],
      ['rows of the wrong type', [null, 'wechat', 13]],
    ])('answers unknown without throwing for a table that is %s', (_label, table) => {
      expect(classifyPaymentCode('134567890123456789', table as never)).toBe('unknown');
    });
  });
});

describe('DEFAULT_PAYMENT_CODE_TABLE', () => {
  describe('as configuration data', () => {
    it('passes its own schema', () => {
      expect(paymentCodeTableSchema.safeParse(DEFAULT_PAYMENT_CODE_TABLE).success).toBe(true);
    });

    it('cannot be changed by a caller', () => {
      expect([
        Object.isFrozen(DEFAULT_PAYMENT_CODE_TABLE),
        Object.isFrozen(DEFAULT_PAYMENT_CODE_TABLE[0]),
      ]).toEqual([true, true]);
    });

    it('keeps member codes outside every payment-code range', () => {
      const paymentRows = DEFAULT_PAYMENT_CODE_TABLE.filter((row) => row.kind !== 'member');
      expect(paymentRows.flatMap((row) => row.prefixes)).not.toContain('88');
    });
  });

  describe('paymentCodeTableSchema', () => {
    it.each([
      ['an empty table', []],
      ['an unknown kind', [{ kind: 'paypal', lengths: [18], prefixes: ['10'] }]],
      ['a prefix with letters', [{ kind: 'wechat', lengths: [18], prefixes: ['1A'] }]],
      ['no lengths', [{ kind: 'wechat', lengths: [], prefixes: ['10'] }]],
    ])('refuses %s', (_label, table) => {
      expect(paymentCodeTableSchema.safeParse(table).success).toBe(false);
    });
  });
});
