import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { OnlineEventType } from './online-event-schemas';

export interface OnlineItem {
  sku: string;
  category?: string;
  quantity?: number;
}

export interface OnlineEventRecord {
  id: string;
  pseudonym: string;
  deviceId: string;
  eventKey: string;
  type: OnlineEventType;
  items: OnlineItem[];
  amountFen: number | null;
  occurredAt: string;
  recordedAt: string;
}

/** Online shopping events under the pseudonym (C-4.2.1.5). Only this file speaks SQL for them. */
export class OnlineEventRepository {
  constructor(private readonly knex: Knex) {}

  /** False when the device already sent an event with this key (errno 1062 / SQLITE_CONSTRAINT_UNIQUE). */
  async insert(event: OnlineEventRecord): Promise<boolean> {
    try {
      await this.knex('online_events').insert({
        id: event.id,
        pseudonym: event.pseudonym,
        device_id: event.deviceId,
        event_key: event.eventKey,
        event_type: event.type,
        items: JSON.stringify(event.items),
        amount_fen: event.amountFen,
        occurred_at: event.occurredAt,
        recorded_at: event.recordedAt,
      });
      return true;
    } catch (error) {
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findByKey(deviceId: string, eventKey: string): Promise<OnlineEventRecord | undefined> {
    const row = await this.knex('online_events')
      .where({ device_id: deviceId, event_key: eventKey })
      .first();
    return row ? mapEvent(row) : undefined;
  }

  /** Newest first; the member's own view and export read through here. */
  async listFor(pseudonym: string, limit?: number): Promise<OnlineEventRecord[]> {
    const query = this.knex('online_events')
      .where({ pseudonym })
      .orderBy('occurred_at', 'desc')
      .orderBy('id', 'desc');
    if (limit) query.limit(limit);
    return (await query).map(mapEvent);
  }

  /** D-7.1: delete up to `batch` events that occurred before the cut-off; returns how many. */
  async deleteOccurredBefore(cutOff: Date, batch: number): Promise<number> {
    const ids = await this.knex('online_events')
      .where('occurred_at', '<', toSqlDateTime(cutOff))
      .orderBy('occurred_at')
      .limit(batch)
      .pluck('id');
    if (ids.length === 0) return 0;
    return this.knex('online_events').whereIn('id', ids).delete();
  }
}

function mapEvent(row: Record<string, unknown>): OnlineEventRecord {
  return {
    id: String(row.id),
    pseudonym: String(row.pseudonym),
    deviceId: String(row.device_id),
    eventKey: String(row.event_key),
    type: row.event_type as OnlineEventType,
    items: JSON.parse(String(row.items)) as OnlineItem[],
    // bigNumberStrings: MySQL answers BIGINT as text.
    amountFen:
      row.amount_fen === null || row.amount_fen === undefined ? null : Number(row.amount_fen),
    occurredAt: String(row.occurred_at),
    recordedAt: String(row.recorded_at),
  };
}
