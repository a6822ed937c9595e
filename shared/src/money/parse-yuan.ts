import { AppError } from '../errors/app-error';

// Digits, an optional fraction; nothing else. Decimals are handled as text so that '1.15'
// becomes 115 fen exactly: through floating point it would be 114.99999999999999.
const YUAN_PATTERN = /^(\d{1,12})(?:\.(\d+))?$/;

/**
 * Parse a yuan amount written as text into integer fen. Anything finer than one fen is
 * refused rather than rounded: '1.005' is not an amount a till can charge.
 */
export function parseYuan(text: string): number {
  const match = YUAN_PATTERN.exec(String(text).trim());
  if (!match) {
    throw new AppError('MONEY_INVALID', { details: { reason: 'not a decimal amount' } });
  }

  const [, whole, fraction = ''] = match;
  const significantFraction = fraction.replace(/0+$/, '');
  if (significantFraction.length > 2) {
    throw new AppError('MONEY_INVALID', { details: { reason: 'below one fen' } });
  }

  return Number(whole) * 100 + Number(significantFraction.padEnd(2, '0'));
}

/** Integer fen as a two-decimal yuan string, the way Alipay's total_amount wants it. */
export function formatYuan(fen: number): string {
  if (!Number.isSafeInteger(fen) || fen < 0) {
    throw new AppError('MONEY_INVALID', {
      details: { reason: 'fen must be a non-negative integer' },
    });
  }

  const whole = Math.floor(fen / 100);
  const cents = String(fen % 100).padStart(2, '0');
  return `${whole}.${cents}`;
}
