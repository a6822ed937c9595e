import crypto from 'node:crypto';
import type { Knex } from 'knex';
import { nowSql } from '../platform/db/sql-time';

export type ReservationStatus = 'reserved' | 'committed' | 'released' | 'expired';

export interface Reservation {
  id: string;
  pseudonym: string;
  requestKey: string;
  kind: 'item' | 'cash-offset';
  itemId: string | null;
  quantity: number;
  points: number;
  valueFen: number;
  status: ReservationStatus;
  fulfilment: Record<string, unknown> | null;
  deviceId: string | null;
  createdAt: string;
  expiresAt: string;
}

export type NewReservation = Omit<Reservation, 'id' | 'status' | 'fulfilment' | 'createdAt'>;

type Executor = Knex | Knex.Transaction;

/** Points (and a unit of stock) held by a redemption until it is committed or released. */
export class ReservationRepository {
  constructor(private readonly knex: Knex) {}

  async insert(trx: Knex.Transaction, reservation: NewReservation): Promise<Reservation> {
    const id = `rsv_${crypto.randomBytes(10).toString('hex')}`;
    const createdAt = nowSql();
    await trx('points_reservations').insert({
      id,
      pseudonym: reservation.pseudonym,
      request_key: reservation.requestKey,
      kind: reservation.kind,
      item_id: reservation.itemId,
      quantity: reservation.quantity,
      points: reservation.points,
      value_fen: reservation.valueFen,
      status: 'reserved',
      device_id: reservation.deviceId,
      created_at: createdAt,
      expires_at: reservation.expiresAt,
    });
    return { ...reservation, id, status: 'reserved', fulfilment: null, createdAt };
  }

  async find(id: string, executor: Executor = this.knex): Promise<Reservation | undefined> {
    const row = await executor('points_reservations').where({ id }).first();
    return row ? mapReservation(row) : undefined;
  }

  async findByRequestKey(
    executor: Executor,
    pseudonym: string,
    requestKey: string,
  ): Promise<Reservation | undefined> {
    const row = await executor('points_reservations')
      .where({ pseudonym, request_key: requestKey })
      .first();
    return row ? mapReservation(row) : undefined;
  }

  /** Points held right now by the member's open reservations. */
  async heldPoints(executor: Executor | undefined, pseudonym: string): Promise<number> {
    const row = await (executor ?? this.knex)('points_reservations')
      .where({ pseudonym, status: 'reserved' })
      .sum({ held: 'points' })
      .first();
    return Number(row?.held ?? 0);
  }

  async openPastExpiry(
    executor: Executor | undefined,
    now: string,
    pseudonym?: string,
  ): Promise<Reservation[]> {
    const query = (executor ?? this.knex)('points_reservations')
      .where({ status: 'reserved' })
      .andWhere('expires_at', '<=', now);
    if (pseudonym) query.andWhere({ pseudonym });
    const rows = await query.orderBy('expires_at').limit(500);
    return rows.map(mapReservation);
  }

  /** Settle an open reservation; false when it was settled already (by another request). */
  async settle(
    trx: Knex.Transaction,
    id: string,
    status: Exclude<ReservationStatus, 'reserved'>,
    fulfilment?: Record<string, unknown>,
  ): Promise<boolean> {
    const updated = await trx('points_reservations')
      .where({ id, status: 'reserved' })
      .update({
        status,
        settled_at: nowSql(),
        ...(fulfilment ? { fulfilment: JSON.stringify(fulfilment) } : {}),
      });
    return updated === 1;
  }
}

function mapReservation(row: Record<string, unknown>): Reservation {
  return {
    id: String(row.id),
    pseudonym: String(row.pseudonym),
    requestKey: String(row.request_key),
    kind: row.kind as Reservation['kind'],
    itemId: (row.item_id as string | null) ?? null,
    quantity: Number(row.quantity),
    points: Number(row.points),
    valueFen: Number(row.value_fen),
    status: row.status as ReservationStatus,
    fulfilment: row.fulfilment ? JSON.parse(String(row.fulfilment)) : null,
    deviceId: (row.device_id as string | null) ?? null,
    createdAt: String(row.created_at),
    expiresAt: String(row.expires_at),
  };
}
