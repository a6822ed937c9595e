import { AppError, isAppError } from '@memberkit/shared';

/**
 * C-4.2.1.5 with U-6.1.1: a channel names a member by card number, and a card number can be
 * typed by anyone. Were an unknown card answered MEMBER_NOT_FOUND and a known one without
 * consent CONSENT_REQUIRED, a channel could probe which card numbers exist and which members
 * consented. So both, and an event from before the consent, answer the same
 * ONLINE_EVENT_NOT_RECORDED with no reason; the reason stays in the server log only.
 *
 * TODO(#8): the answer is the same, but an unknown card skips the consent look-ups and so is
 * answered a little faster; a channel timing many single-event requests could still tell.
 */
export function notRecorded(reason: AppError): AppError {
  return new AppError('ONLINE_EVENT_NOT_RECORDED', { cause: reason });
}

/** One refused event as the log keeps it: its place in the batch and codes, never its values. */
export interface EventRefusal {
  index: number;
  code: string;
  reason?: string;
  detail?: string;
}

export function refusalOf(index: number, error: AppError): EventRefusal {
  const cause = isAppError(error.cause) ? error.cause : undefined;
  const detail = cause?.details?.reason;
  return {
    index,
    code: error.code,
    ...(cause ? { reason: cause.code } : {}),
    ...(typeof detail === 'string' ? { detail } : {}),
  };
}
