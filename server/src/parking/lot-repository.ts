import type { Knex } from 'knex';
import type { ParkingTariff } from '@memberkit/shared';
import { ConflictError } from '@memberkit/shared';
import { isUniqueViolation } from '../platform/db/database-errors';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';
import { parsePolicy, parseTariff, type LotPolicy } from './parking-policy';

export interface LotRecord {
  id: string;
  name: string;
  tariff: ParkingTariff;
  policy: LotPolicy;
  cacheKeyEnc: string;
}

export type GateDirection = 'entry' | 'exit';

export interface GateRecord {
  id: string;
  lotId: string;
  name: string;
  direction: GateDirection;
  cameraSerial: string;
  deviceId: string;
  code: string;
  unreadAt: Date | null;
}

/** Lots and their gates. Tariff and policy are JSON, parsed again on every read. */
export class ParkingLotRepository {
  constructor(private readonly knex: Knex) {}

  async insertLot(lot: LotRecord): Promise<void> {
    const now = nowSql();
    await this.knex('parking_lots').insert({
      id: lot.id,
      name: lot.name,
      tariff: JSON.stringify(lot.tariff),
      policy: JSON.stringify(lot.policy),
      cache_key_enc: lot.cacheKeyEnc,
      created_at: now,
      updated_at: now,
    });
  }

  async updateLot(id: string, changes: { tariff?: ParkingTariff; policy?: LotPolicy }) {
    const columns: Record<string, string> = { updated_at: nowSql() };
    if (changes.tariff) columns.tariff = JSON.stringify(changes.tariff);
    if (changes.policy) columns.policy = JSON.stringify(changes.policy);
    return (await this.knex('parking_lots').where({ id }).update(columns)) === 1;
  }

  async findLot(id: string): Promise<LotRecord | undefined> {
    const row = await this.knex('parking_lots').where({ id }).first();
    return row ? mapLot(row) : undefined;
  }

  async listLots(): Promise<LotRecord[]> {
    const rows = await this.knex('parking_lots').orderBy('created_at');
    return rows.map(mapLot);
  }

  async insertGate(gate: Omit<GateRecord, 'unreadAt'>): Promise<void> {
    try {
      await this.knex('parking_gates').insert({
        id: gate.id,
        lot_id: gate.lotId,
        name: gate.name,
        direction: gate.direction,
        camera_serial: gate.cameraSerial,
        device_id: gate.deviceId,
        code: gate.code,
        created_at: nowSql(),
      });
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE: the camera serial (or code) is taken.
      if (isUniqueViolation(error)) throw new ConflictError('CONFLICT', { cause: error });
      throw error;
    }
  }

  async findGateBySerial(cameraSerial: string): Promise<GateRecord | undefined> {
    const row = await this.knex('parking_gates').where({ camera_serial: cameraSerial }).first();
    return row ? mapGate(row) : undefined;
  }

  async findGateByCode(code: string): Promise<GateRecord | undefined> {
    const row = await this.knex('parking_gates').where({ code }).first();
    return row ? mapGate(row) : undefined;
  }

  async findGate(id: string): Promise<GateRecord | undefined> {
    const row = await this.knex('parking_gates').where({ id }).first();
    return row ? mapGate(row) : undefined;
  }

  async gatesOfDevice(deviceId: string): Promise<GateRecord[]> {
    const rows = await this.knex('parking_gates').where({ device_id: deviceId }).orderBy('id');
    return rows.map(mapGate);
  }

  async gatesOfLot(lotId: string): Promise<GateRecord[]> {
    const rows = await this.knex('parking_gates').where({ lot_id: lotId }).orderBy('id');
    return rows.map(mapGate);
  }

  async markUnread(gateId: string, at: Date): Promise<void> {
    await this.knex('parking_gates')
      .where({ id: gateId })
      .update({ unread_at: toSqlDateTime(at) });
  }

  /** Take the waiting no-plate car at this gate: true once per read, so one read, one ticket. */
  async takeUnread(gateId: string, since: Date): Promise<boolean> {
    const updated = await this.knex('parking_gates')
      .where({ id: gateId })
      .andWhere('unread_at', '>=', toSqlDateTime(since))
      .update({ unread_at: null });
    return updated === 1;
  }
}

function mapLot(row: Record<string, unknown>): LotRecord {
  return {
    id: String(row.id),
    name: String(row.name),
    tariff: parseTariff(JSON.parse(String(row.tariff))),
    policy: parsePolicy(JSON.parse(String(row.policy))),
    cacheKeyEnc: String(row.cache_key_enc),
  };
}

function mapGate(row: Record<string, unknown>): GateRecord {
  return {
    id: String(row.id),
    lotId: String(row.lot_id),
    name: String(row.name),
    direction: row.direction === 'exit' ? 'exit' : 'entry',
    cameraSerial: String(row.camera_serial),
    deviceId: String(row.device_id),
    code: String(row.code),
    unreadAt: row.unread_at ? fromSqlDateTime(String(row.unread_at)) : null,
  };
}
