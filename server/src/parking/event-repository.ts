import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

type Executor = Knex | Knex.Transaction;

export type ReadKind = 'plate' | 'none' | 'invalid';
export type DecidedBy = 'server' | 'adapter' | 'camera';

export interface GateEventRecord {
  eventKey: string;
  deviceId: string;
  gateId: string;
  direction: 'entry' | 'exit';
  readKind: ReadKind;
  reason: string;
  opened: boolean;
  decidedBy: DecidedBy;
  feeFen: number | null;
  sessionId: string | null;
  reviewId: string | null;
  occurredAt: Date;
  /** occurredAt is the adapter's receive time: the camera's clock was implausible. */
  cameraClockOff: boolean;
}

/** One row per camera record (serial, record id, camera time): applied once however it comes. */
export class ParkingEventRepository {
  constructor(private readonly knex: Knex) {}

  /** Insert; false when the record is already known (a replay or a repeated push). */
  async insert(executor: Executor, event: GateEventRecord): Promise<boolean> {
    try {
      await executor('parking_events').insert({
        event_key: event.eventKey,
        device_id: event.deviceId,
        gate_id: event.gateId,
        direction: event.direction,
        read_kind: event.readKind,
        reason: event.reason,
        opened: event.opened,
        decided_by: event.decidedBy,
        fee_fen: event.feeFen,
        session_id: event.sessionId,
        review_id: event.reviewId,
        occurred_at: toSqlDateTime(event.occurredAt),
        camera_clock_off: event.cameraClockOff,
        received_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on event_key: seen before.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async find(eventKey: string, executor: Executor = this.knex) {
    const row = await executor('parking_events').where({ event_key: eventKey }).first();
    return row ? mapEvent(row) : undefined;
  }

  /** What the barrier really did, as the adapter reported it later. */
  async recordOutcome(
    executor: Executor,
    eventKey: string,
    outcome: { opened: boolean; decidedBy: DecidedBy; sessionId: string | null },
  ): Promise<void> {
    await executor('parking_events').where({ event_key: eventKey }).update({
      opened: outcome.opened,
      decided_by: outcome.decidedBy,
      session_id: outcome.sessionId,
    });
  }
}

function mapEvent(row: Record<string, unknown>): GateEventRecord {
  return {
    eventKey: String(row.event_key),
    deviceId: String(row.device_id),
    gateId: String(row.gate_id),
    direction: row.direction === 'exit' ? 'exit' : 'entry',
    readKind: String(row.read_kind) as ReadKind,
    reason: String(row.reason),
    opened: Boolean(Number(row.opened)),
    decidedBy: String(row.decided_by) as DecidedBy,
    feeFen: row.fee_fen === null || row.fee_fen === undefined ? null : Number(row.fee_fen),
    sessionId: (row.session_id as string | null) ?? null,
    reviewId: (row.review_id as string | null) ?? null,
    occurredAt: fromSqlDateTime(String(row.occurred_at)),
    cameraClockOff: Boolean(Number(row.camera_clock_off)),
  };
}
