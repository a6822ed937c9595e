import type { Knex } from 'knex';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

type Executor = Knex | Knex.Transaction;

export type SessionStatus = 'open' | 'closed' | 'void';

export interface SessionRecord {
  id: string;
  lotId: string;
  kind: 'plate' | 'ticket';
  plateIndex: string | null;
  plateEnc: string | null;
  pseudonym: string | null;
  status: SessionStatus;
  entryAt: Date;
  entryGateId: string | null;
  exitAt: Date | null;
  exitOutcome: string | null;
  paidFen: number;
  pointsOffsetFen: number;
  outstandingFen: number;
  paidAt: Date | null;
  graceUntil: Date | null;
  exitAttemptGateId: string | null;
  exitAttemptAt: Date | null;
}

export interface NewSession {
  id: string;
  lotId: string;
  kind: 'plate' | 'ticket';
  plateIndex: string | null;
  plateEnc: string | null;
  plateKind: string | null;
  ticketHash: string | null;
  pseudonym: string | null;
  entryAt: Date;
  entryGateId: string | null;
}

export interface SessionClosing {
  exitAt: Date;
  exitGateId: string | null;
  exitOutcome: string;
  outstandingFen: number;
}

/**
 * Stays. open_key = lot + plate index while a stay is open (NULL afterwards), so the unique
 * index allows one open stay per plate and lot on both databases.
 */
export class ParkingSessionRepository {
  constructor(private readonly knex: Knex) {}

  async insert(executor: Executor, session: NewSession): Promise<void> {
    const now = nowSql();
    await executor('parking_sessions').insert({
      id: session.id,
      lot_id: session.lotId,
      kind: session.kind,
      plate_index: session.plateIndex,
      plate_enc: session.plateEnc,
      plate_kind: session.plateKind,
      open_key: openKey(session.lotId, session.plateIndex ?? session.ticketHash),
      ticket_hash: session.ticketHash,
      pseudonym: session.pseudonym,
      status: 'open',
      entry_at: toSqlDateTime(session.entryAt),
      entry_gate_id: session.entryGateId,
      created_at: now,
      updated_at: now,
    });
  }

  async find(id: string, executor: Executor = this.knex): Promise<SessionRecord | undefined> {
    const row = await executor('parking_sessions').where({ id }).first();
    return row ? mapSession(row) : undefined;
  }

  async findByTicketHash(ticketHash: string): Promise<SessionRecord | undefined> {
    const row = await this.knex('parking_sessions').where({ ticket_hash: ticketHash }).first();
    return row ? mapSession(row) : undefined;
  }

  /** The open stay of a plate in a lot, by any of its blind indexes (key rotation). */
  async findOpen(
    lotId: string,
    plateIndexes: string[],
    executor: Executor = this.knex,
  ): Promise<SessionRecord | undefined> {
    const keys = plateIndexes.map((index) => openKey(lotId, index));
    const row = await executor('parking_sessions').whereIn('open_key', keys).first();
    return row ? mapSession(row) : undefined;
  }

  /** Open stays whose plate is one of these indexes (near matches for staff review). */
  async listOpenByIndexes(lotId: string, plateIndexes: string[]): Promise<SessionRecord[]> {
    if (plateIndexes.length === 0) return [];
    const keys = plateIndexes.map((index) => openKey(lotId, index));
    const rows: Record<string, unknown>[] = [];
    for (let start = 0; start < keys.length; start += 500) {
      const batch = keys.slice(start, start + 500);
      rows.push(...(await this.knex('parking_sessions').whereIn('open_key', batch).limit(20)));
    }
    return rows.map(mapSession);
  }

  async listOpenOfPseudonym(pseudonym: string): Promise<SessionRecord[]> {
    const rows = await this.knex('parking_sessions')
      .where({ pseudonym, status: 'open' })
      .orderBy('entry_at', 'desc')
      .limit(20);
    return rows.map(mapSession);
  }

  /** Open stays paid and still within their grace period, for the adapters' offline rules. */
  async listPaidWithinGrace(lotId: string, now: Date): Promise<SessionRecord[]> {
    const rows = await this.knex('parking_sessions')
      .where({ lot_id: lotId, status: 'open', kind: 'plate' })
      .andWhere('grace_until', '>=', toSqlDateTime(now))
      .limit(5000);
    return rows.map(mapSession);
  }

  /** Close an open stay; false when it was no longer open. */
  async close(executor: Executor, id: string, closing: SessionClosing): Promise<boolean> {
    const updated = await executor('parking_sessions')
      .where({ id, status: 'open' })
      .update({
        status: 'closed',
        open_key: null,
        exit_at: toSqlDateTime(closing.exitAt),
        exit_gate_id: closing.exitGateId,
        exit_outcome: closing.exitOutcome,
        outstanding_fen: closing.outstandingFen,
        updated_at: nowSql(),
      });
    return updated === 1;
  }

  /** Undo a close the barrier never carried out (an adapter reported it kept it shut). */
  async reopen(
    executor: Executor,
    session: SessionRecord,
    plate: { index: string; enc: string },
  ): Promise<boolean> {
    const updated = await executor('parking_sessions')
      .where({ id: session.id, status: 'closed' })
      .update({
        status: 'open',
        plate_index: plate.index,
        plate_enc: plate.enc,
        open_key: openKey(session.lotId, plate.index),
        exit_at: null,
        exit_gate_id: null,
        exit_outcome: null,
        outstanding_fen: 0,
        updated_at: nowSql(),
      });
    return updated === 1;
  }

  /** A plate bound by a member while parked: the stay is theirs from now on. */
  async adopt(id: string, pseudonym: string): Promise<void> {
    await this.knex('parking_sessions')
      .where({ id, status: 'open' })
      .whereNull('pseudonym')
      .update({ pseudonym, updated_at: nowSql() });
  }

  async markVoid(executor: Executor, id: string): Promise<boolean> {
    const updated = await executor('parking_sessions')
      .where({ id, status: 'open' })
      .update({ status: 'void', open_key: null, updated_at: nowSql() });
    return updated === 1;
  }

  async recordExitAttempt(executor: Executor, id: string, gateId: string, at: Date) {
    await executor('parking_sessions')
      .where({ id, status: 'open' })
      .update({ exit_attempt_gate_id: gateId, exit_attempt_at: toSqlDateTime(at) });
  }

  async addPayment(
    executor: Executor,
    id: string,
    payment: { paidFen: number; pointsOffsetFen: number; paidAt: Date; graceUntil: Date },
  ): Promise<void> {
    await executor('parking_sessions')
      .where({ id })
      .update({
        paid_fen: executor.raw('paid_fen + ?', [payment.paidFen]),
        points_offset_fen: executor.raw('points_offset_fen + ?', [payment.pointsOffsetFen]),
        paid_at: toSqlDateTime(payment.paidAt),
        grace_until: toSqlDateTime(payment.graceUntil),
        updated_at: nowSql(),
      });
  }

  /**
   * D-7.1: closed stays past retention lose their plate and the link to a member, and keep
   * only the hour of entry and exit, so they count for statistics and identify no one.
   */
  async anonymiseClosedBefore(
    lotId: string,
    before: Date,
    members: boolean,
    limit: number,
  ): Promise<number> {
    const query = this.knex('parking_sessions')
      .where({ lot_id: lotId })
      .whereIn('status', ['closed', 'void'])
      .whereNull('anonymised_at')
      .andWhere('updated_at', '<', toSqlDateTime(before));
    if (members) query.whereNotNull('pseudonym');
    else query.whereNull('pseudonym');
    const rows: Array<{ id: string; entry_at: string; exit_at: string | null }> = await query
      .select('id', 'entry_at', 'exit_at')
      .limit(limit);
    for (const row of rows) await this.anonymiseRow(row);
    return rows.length;
  }

  private async anonymiseRow(row: { id: string; entry_at: string; exit_at: string | null }) {
    await this.knex('parking_sessions')
      .where({ id: row.id })
      .update({
        plate_index: null,
        plate_enc: null,
        ticket_hash: null,
        pseudonym: null,
        entry_at: toHour(row.entry_at),
        exit_at: row.exit_at ? toHour(row.exit_at) : null,
        anonymised_at: nowSql(),
      });
  }
}

/** Drop a member stay's plate once it is closed: the pseudonym ties it to the vault's plate. */
export async function forgetPlate(executor: Executor, id: string): Promise<void> {
  await executor('parking_sessions').where({ id }).update({ plate_index: null, plate_enc: null });
}

function openKey(lotId: string, index: string | null): string | null {
  return index ? `${lotId}:${index}` : null;
}

function toHour(sqlTime: string): string {
  return `${sqlTime.slice(0, 13)}:00:00.000`;
}

function mapSession(row: Record<string, unknown>): SessionRecord {
  return {
    id: String(row.id),
    lotId: String(row.lot_id),
    kind: row.kind === 'ticket' ? 'ticket' : 'plate',
    plateIndex: (row.plate_index as string | null) ?? null,
    plateEnc: (row.plate_enc as string | null) ?? null,
    pseudonym: (row.pseudonym as string | null) ?? null,
    status: String(row.status) as SessionStatus,
    entryAt: fromSqlDateTime(String(row.entry_at)),
    entryGateId: (row.entry_gate_id as string | null) ?? null,
    exitAt: optionalTime(row.exit_at),
    exitOutcome: (row.exit_outcome as string | null) ?? null,
    paidFen: Number(row.paid_fen ?? 0),
    pointsOffsetFen: Number(row.points_offset_fen ?? 0),
    outstandingFen: Number(row.outstanding_fen ?? 0),
    paidAt: optionalTime(row.paid_at),
    graceUntil: optionalTime(row.grace_until),
    exitAttemptGateId: (row.exit_attempt_gate_id as string | null) ?? null,
    exitAttemptAt: optionalTime(row.exit_attempt_at),
  };
}

function optionalTime(value: unknown): Date | null {
  return value ? fromSqlDateTime(String(value)) : null;
}
