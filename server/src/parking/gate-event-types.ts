import type { Knex } from 'knex';
import type { DecidedBy, GateEventRecord, ParkingEventRepository } from './event-repository';
import type { DecisionReason } from './gate-texts';
import type { GateRecord, LotRecord } from './lot-repository';
import type { PlateRead } from './parking-plates';

/** A camera read as an adapter forwards it (live, or replayed from its outbox). */
export interface GateEventInput {
  cameraSerial: string;
  /** The camera's record id (plateid). */
  recordId: number;
  /** The camera's Unix time (`Timeval.sec`): authoritative (lpr-camera-push.md "Times"). */
  occurredAt: number;
  plate: string | null;
  confidence?: number;
  /** The camera cached this record while it could not reach the adapter (isoffline: 1). */
  cameraOffline?: boolean;
  /**
   * The camera's own time was implausible, so occurredAt is when the adapter received the push
   * (the adapter judges it: parking-adapter/src/camera-clock.ts).
   */
  cameraClockOff?: boolean;
  /** Present when the adapter already acted: what the barrier did. */
  outcome?: { opened: boolean };
}

/** What happened at the barrier when the server was not the one deciding. */
export interface BarrierFact {
  opened: boolean;
  decidedBy: Exclude<DecidedBy, 'server'>;
}

export interface EventContext {
  deviceId: string;
  eventKey: string;
  gate: GateRecord;
  lot: LotRecord;
  read: PlateRead;
  /** The camera's time of the read. */
  at: Date;
  /** When the server received it: waiting no-plate cars are timed by the server's clock. */
  receivedAt: Date;
  /** `at` is the adapter's receive time, not the camera's (its clock was off). */
  cameraClockOff: boolean;
  fact?: BarrierFact;
}

export interface EventOutcome {
  open: boolean;
  reason: DecisionReason;
  feeFen: number | null;
  sessionId: string | null;
  reviewId: string | null;
}

/** Thrown inside the write when another request stored the same camera record first. */
export class DuplicateEvent extends Error {
  constructor() {
    super('parking event already recorded');
  }
}

/** Store the event first in the write: a second copy of the record stops right here. */
export async function recordEvent(
  events: ParkingEventRepository,
  trx: Knex.Transaction,
  context: EventContext,
  outcome: EventOutcome,
): Promise<void> {
  const record: GateEventRecord = {
    eventKey: context.eventKey,
    deviceId: context.deviceId,
    gateId: context.gate.id,
    direction: context.gate.direction,
    readKind: context.read.kind,
    reason: outcome.reason,
    opened: outcome.open,
    decidedBy: context.fact?.decidedBy ?? 'server',
    feeFen: outcome.feeFen,
    sessionId: outcome.sessionId,
    reviewId: outcome.reviewId,
    occurredAt: context.at,
    cameraClockOff: context.cameraClockOff,
  };
  if (!(await events.insert(trx, record))) throw new DuplicateEvent();
}

export function plateOf(context: EventContext): string | null {
  return context.read.kind === 'plate' ? context.read.plate : null;
}
