import { isApiError } from '../../services/api-error';

/**
 * The server answers 429 RATE_LIMITED with retryAfterSeconds when both codes it may show now
 * (this step's and the next one's) were used at a till, or when the page asked too often.
 * The page counts down and asks again then; a wait it cannot read is a few seconds, and one
 * longer than a minute is capped so a stuck answer cannot leave the page waiting for ever.
 */
const DEFAULT_WAIT_SECONDS = 5;
const LONGEST_WAIT_SECONDS = 60;

/** Seconds to wait before asking for a code again, or undefined when waiting will not help. */
export function secondsToWait(error: unknown): number | undefined {
  if (!isApiError(error) || error.code !== 'RATE_LIMITED') return undefined;

  const asked = (error.details as { retryAfterSeconds?: unknown } | undefined)?.retryAfterSeconds;
  const seconds =
    typeof asked === 'number' && Number.isFinite(asked) ? Math.ceil(asked) : DEFAULT_WAIT_SECONDS;
  return Math.min(Math.max(seconds, 1), LONGEST_WAIT_SECONDS);
}
