import { CheckoutAnswerSchema, type CheckoutAnswer } from '@memberkit/shared';
import type { AttemptState } from './checkout-store';
import type { LinkAnswer } from './server-link';

/** What a server answer means for the sale and for the outbox. */
export type AnswerMeaning =
  /** The server settled the sale: paid, or declined by the payment provider. */
  | { kind: 'settled'; state: Extract<AttemptState, 'paid' | 'declined'>; answer: CheckoutAnswer }
  /** Refused for good: sending the same request again gets the same answer. */
  | { kind: 'refused'; status: number; errorCode: string; body: unknown }
  /** Nothing final: try again later with the same Idempotency-Key. */
  | { kind: 'try-later'; reason: string; maybeApplied: boolean; status?: number; body?: unknown };

// 4xx answers that a later try may change: the key still running, a rate limit, this device's
// clock or credentials (fixed by staff; the sale itself is fine), a server without the route.
const TRANSIENT_CODES = new Set([
  'IDEMPOTENCY_IN_PROGRESS',
  'RATE_LIMITED',
  'TIMESTAMP_STALE',
  'NONCE_REPLAYED',
  'SIGNATURE_INVALID',
  'DEVICE_UNKNOWN',
  'DEVICE_KIND_FORBIDDEN',
  'TIMESTAMP_INVALID',
  'NONCE_INVALID',
  'DEVICE_HEADERS_MISSING',
  'NOT_FOUND',
]);

export function meaningOf(answer: LinkAnswer): AnswerMeaning {
  if (answer.kind !== 'answered')
    return { kind: 'try-later', reason: answer.reason, maybeApplied: answer.kind === 'no-answer' };

  const { status, errorCode, body } = answer;
  if (status >= 200 && status < 300) {
    const parsed = CheckoutAnswerSchema.safeParse(body);
    if (!parsed.success)
      return { kind: 'try-later', reason: 'ANSWER_UNREADABLE', maybeApplied: true };
    const state = parsed.data.status === 'declined' ? 'declined' : 'paid';
    return { kind: 'settled', state, answer: parsed.data };
  }
  if (status >= 500 || status === 408 || TRANSIENT_CODES.has(errorCode ?? ''))
    return {
      kind: 'try-later',
      reason: errorCode ?? `HTTP_${status}`,
      // A 5xx may have charged (PAYMENT_OUTCOME_UNKNOWN); a 4xx above changed nothing.
      maybeApplied: status >= 500,
      status,
      body,
    };
  return { kind: 'refused', status, errorCode: errorCode ?? `HTTP_${status}`, body };
}
