// Answers that will never change by sending again (design.md "Queued events": older than 72 h,
// a camera no longer registered, a malformed event): kept aside as dead letters for staff, not
// retried. Any other 4xx (a stale signature, a rate limit) is worth sending again later.
const FINAL_REFUSALS = new Set([
  'PARKING_EVENT_TIME_INVALID',
  'PARKING_GATE_NOT_FOUND',
  'VALIDATION_FAILED',
  'PLATE_INVALID',
]);

export function isFinalRefusal(errorCode: string | undefined): boolean {
  return FINAL_REFUSALS.has(errorCode ?? '');
}
