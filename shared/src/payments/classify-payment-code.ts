import { hasValidGs1CheckDigit } from './gs1-check-digit';
import {
  DEFAULT_PAYMENT_CODE_TABLE,
  type PaymentCodeClass,
  type PaymentCodeRule,
  type PaymentCodeTable,
} from './payment-code-table';

/**
 * The code as it should be sent on: NFKC folds full-width digits (a scan gun typing into a
 * Chinese input method), and all whitespace goes, the trailing CR/LF of scan guns and the
 * spaces of a code typed from the shopper's screen alike.
 */
export function normalizePaymentCode(text: string): string {
  return String(text ?? '')
    .normalize('NFKC')
    .replace(/\s/g, '');
}

/**
 * Tell what the cashier's scan gun read (C-4.2.1.4). Never throws, even on a malformed table:
 * anything that fits no row is 'unknown' and the till asks for another scan. Rows are tried in
 * order. Send the normalised code on, not the raw text.
 */
export function classifyPaymentCode(
  text: string,
  table: PaymentCodeTable = DEFAULT_PAYMENT_CODE_TABLE,
): PaymentCodeClass {
  const code = normalizePaymentCode(text);
  if (!/^\d+$/.test(code) || !Array.isArray(table)) return 'unknown';

  const rule = table.find((candidate) => matchesRule(candidate, code));
  return rule?.kind ?? 'unknown';
}

function matchesRule(rule: PaymentCodeRule, code: string): boolean {
  const lengths: unknown = rule?.lengths;
  const prefixes: unknown = rule?.prefixes ?? [];
  if (!Array.isArray(lengths) || !Array.isArray(prefixes)) return false;
  if (!lengths.includes(code.length)) return false;

  const hasPrefix =
    prefixes.length === 0 || prefixes.some((prefix) => code.startsWith(String(prefix)));
  return hasPrefix && (rule.checkDigit !== 'gs1' || hasValidGs1CheckDigit(code));
}
