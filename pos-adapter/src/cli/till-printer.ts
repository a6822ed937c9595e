import type { LocalAnswer } from './till-client';

interface PrintedMessage {
  zh?: string;
  en?: string;
}

/**
 * One answer as the cashier reads it: the line in Chinese and English, then the facts
 * (sale number, status, points). Card numbers are shown by their last four digits only.
 */
export function describeAnswer(answer: LocalAnswer): string[] {
  const { body } = answer;
  const message = (body.tillMessage ?? {}) as PrintedMessage;
  const lines = [`${message.zh ?? ''} / ${message.en ?? ''}`];
  const error = body.error as { code?: string } | undefined;
  if (error) return [...lines, `  code: ${error.code} (HTTP ${answer.status})`];

  const facts: Array<[string, unknown]> = [
    ['checkoutId', body.checkoutId],
    ['status', body.status],
    ['transactionId', body.transactionId],
    ['provider', body.provider],
    ['amountFen', body.amountFen],
    ['kind', body.kind],
    ['barcode', body.barcode],
  ];
  const member = body.member as { cardNo?: string; pointsAwarded?: number } | undefined;
  if (member)
    facts.push(
      ['member', `****${String(member.cardNo ?? '').slice(-4)}`],
      ['pointsAwarded', member.pointsAwarded],
    );
  const claim = body.receiptClaim as { code?: string } | undefined;
  if (claim) facts.push(['receiptClaim', claim.code]);
  for (const [name, value] of facts) if (value !== undefined) lines.push(`  ${name}: ${value}`);
  return lines;
}
