import { AppError, isAppError } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import { fromSqlDateTime } from '../platform/db/sql-time';

/** What one member's consent allows for online shopping events, read once per request. */
export type ConsentVerdict = { allowed: true; since: Date } | { allowed: false; error: AppError };

/**
 * C-4.2.1.5 under U-6.1.1: events are recorded only while the member holds the online_shopping
 * consent, under a notice whose scope names online shopping events, and only for events that
 * happened after the consent was given (an outbox may deliver an event from before it).
 */
export async function judgeOnlineShoppingConsent(
  consents: ConsentService,
  pseudonym: string,
): Promise<ConsentVerdict> {
  try {
    await consents.require(pseudonym, 'online_shopping');
  } catch (error) {
    if (isAppError(error)) return { allowed: false, error };
    throw error;
  }

  const fields = await consents.allowedFields(pseudonym);
  if (!fields.has('online_shopping_events'))
    return { allowed: false, error: consentRequired('notice-scope') };

  const grant = (await consents.history(pseudonym))
    .filter((record) => record.purpose === 'online_shopping' && record.status === 'granted')
    .sort((a, b) => b.noticeVersion - a.noticeVersion || b.id - a.id)[0];
  return { allowed: true, since: fromSqlDateTime(grant.decidedAt) };
}

export function consentRequired(reason: string): AppError {
  return new AppError('CONSENT_REQUIRED', { details: { purpose: 'online_shopping', reason } });
}
