/**
 * The camera's Unix time is authoritative (lpr-camera-push.md "Times"), but only while it is a
 * time the server can accept: design.md "Queued events" takes events up to 72 h old and a
 * camera a little ahead of the server's clock. A camera with a flat battery or a bad NTP server
 * sends 0, a far-future time or garbage; the server refuses such an event with
 * PARKING_EVENT_TIME_INVALID, and the stay would never be recorded. So the adapter judges the
 * time against its own clock and, for an implausible one, sends the time it received the push
 * instead, flagged `cameraClockOff` so the server records that the time is the adapter's.
 * The limits are the server's (gate-event-service.ts).
 */
export const OLDEST_EVENT_SECONDS = 72 * 3600;
export const FUTURE_SKEW_SECONDS = 600;

export interface EventTime {
  occurredAt: number;
  /** The camera's time was implausible; occurredAt is when the adapter received the push. */
  cameraClockOff: boolean;
}

/** `cameraSec` null: the push carried no usable time (camera-protocol.ts), so it is off too. */
export function eventTimeOf(cameraSec: number | null, receivedSec: number): EventTime {
  return cameraSec !== null && isPlausible(cameraSec, receivedSec)
    ? { occurredAt: cameraSec, cameraClockOff: false }
    : { occurredAt: receivedSec, cameraClockOff: true };
}

function isPlausible(cameraSec: number, receivedSec: number): boolean {
  const age = receivedSec - cameraSec;
  return (
    Number.isSafeInteger(cameraSec) && age <= OLDEST_EVENT_SECONDS && age >= -FUTURE_SKEW_SECONDS
  );
}
