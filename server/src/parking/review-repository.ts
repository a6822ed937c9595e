import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

type Executor = Knex | Knex.Transaction;

export type ReviewReason = 'near-match' | 'no-entry';
export type ReviewStatus = 'pending' | 'matched' | 'dismissed';

export interface ReviewRecord {
  id: string;
  lotId: string;
  gateId: string;
  eventKey: string;
  reason: ReviewReason;
  carLeft: boolean;
  plateIndex: string | null;
  plateEnc: string | null;
  candidates: string[];
  status: ReviewStatus;
  occurredAt: Date;
}

/** Exit reads that match no open stay exactly: staff decide (field cases, "Plates"). */
export class ParkingReviewRepository {
  constructor(private readonly knex: Knex) {}

  async insert(executor: Executor, review: Omit<ReviewRecord, 'status'>): Promise<boolean> {
    try {
      await executor('parking_reviews').insert({
        id: review.id,
        lot_id: review.lotId,
        gate_id: review.gateId,
        event_key: review.eventKey,
        reason: review.reason,
        car_left: review.carLeft,
        plate_index: review.plateIndex,
        plate_enc: review.plateEnc,
        candidates: JSON.stringify(review.candidates),
        status: 'pending',
        occurred_at: toSqlDateTime(review.occurredAt),
        created_at: nowSql(),
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on event_key: this read is under review.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async find(id: string): Promise<ReviewRecord | undefined> {
    const row = await this.knex('parking_reviews').where({ id }).first();
    return row ? mapReview(row) : undefined;
  }

  async listPending(lotId?: string): Promise<ReviewRecord[]> {
    const query = this.knex('parking_reviews').where({ status: 'pending' });
    if (lotId) query.andWhere({ lot_id: lotId });
    const rows = await query.orderBy('created_at').limit(200);
    return rows.map(mapReview);
  }

  async markCarLeft(executor: Executor, eventKey: string, carLeft: boolean): Promise<void> {
    await executor('parking_reviews').where({ event_key: eventKey }).update({ car_left: carLeft });
  }

  async resolve(
    executor: Executor,
    id: string,
    resolution: { status: 'matched' | 'dismissed'; staffId: string; sessionId: string | null },
  ): Promise<boolean> {
    const updated = await executor('parking_reviews').where({ id, status: 'pending' }).update({
      status: resolution.status,
      resolved_by: resolution.staffId,
      resolved_session_id: resolution.sessionId,
      resolved_at: nowSql(),
      // The read plate is not needed once staff decided (data minimisation, C-4.1.3a).
      plate_index: null,
      plate_enc: null,
    });
    return updated === 1;
  }
}

function mapReview(row: Record<string, unknown>): ReviewRecord {
  return {
    id: String(row.id),
    lotId: String(row.lot_id),
    gateId: String(row.gate_id),
    eventKey: String(row.event_key),
    reason: String(row.reason) as ReviewReason,
    carLeft: Boolean(Number(row.car_left)),
    plateIndex: (row.plate_index as string | null) ?? null,
    plateEnc: (row.plate_enc as string | null) ?? null,
    candidates: JSON.parse(String(row.candidates)) as string[],
    status: String(row.status) as ReviewStatus,
    occurredAt: fromSqlDateTime(String(row.occurred_at)),
  };
}
