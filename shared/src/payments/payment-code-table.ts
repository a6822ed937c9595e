import { z } from 'zod';

export type PaymentCodeClass = 'wechat' | 'alipay' | 'unionpay' | 'member' | 'barcode' | 'unknown';

/**
 * One row of the scan-gun table: digits only, one of `lengths`, starting with one of
 * `prefixes` (an empty list accepts any start), and, for product barcodes, a valid GS1 check
 * digit. Plain JSON so the table can live in configuration: it has changed over the years
 * (WeChat codes once started 11-15, now 10-15).
 */
export const paymentCodeRuleSchema = z.object({
  kind: z.enum(['wechat', 'alipay', 'unionpay', 'member', 'barcode']),
  lengths: z.array(z.number().int().min(1).max(64)).min(1),
  prefixes: z.array(z.string().regex(/^\d+$/)),
  checkDigit: z.literal('gs1').optional(),
});

/** For the config loader: validate a table read from configuration before using it. */
export const paymentCodeTableSchema = z.array(paymentCodeRuleSchema).min(1);

export type PaymentCodeRule = Readonly<z.infer<typeof paymentCodeRuleSchema>>;

export type PaymentCodeTable = readonly PaymentCodeRule[];

function range(first: number, last: number): number[] {
  return Array.from({ length: last - first + 1 }, (_, index) => first + index);
}

function freezeRows(rows: PaymentCodeRule[]): PaymentCodeTable {
  return Object.freeze(rows.map((row) => Object.freeze(row)));
}

/**
 * The table as of wechat-pay-micropay.md and design.md "Member code". Rows are tried in order
 * and the first match wins; the default rows do not overlap.
 */
export const DEFAULT_PAYMENT_CODE_TABLE: PaymentCodeTable = freezeRows([
  // Our own member code: 88, a 10-digit card number, a 6-digit time-based code.
  { kind: 'member', lengths: [18], prefixes: ['88'] },
  { kind: 'wechat', lengths: [18], prefixes: range(10, 15).map(String) },
  { kind: 'alipay', lengths: range(16, 24), prefixes: range(25, 30).map(String) },
  // UnionPay QuickPass: from secondary sources; confirm with the acquirer.
  { kind: 'unionpay', lengths: [19], prefixes: ['62'] },
  // EAN-8, UPC-A, EAN-13 product barcodes: never sent to a payment provider.
  { kind: 'barcode', lengths: [8, 12, 13], prefixes: [], checkDigit: 'gs1' },
]);
