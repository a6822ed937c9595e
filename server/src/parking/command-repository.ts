import type { Knex } from 'knex';
import { fromSqlDateTime, nowSql, toSqlDateTime } from '../platform/db/sql-time';

export type CommandKind = 'open' | 'trigger';

export interface GateCommandRecord {
  id: string;
  gateId: string;
  deviceId: string;
  kind: CommandKind;
  sessionId: string | null;
  reason: string;
  expiresAt: Date;
  deliveredAt: Date | null;
}

/**
 * "Open once" and "read again" instructions (lpr-camera-push.md). The camera cannot be called,
 * so its adapter collects these and hands them to the camera in the reply to its next poll.
 */
export class ParkingCommandRepository {
  constructor(private readonly knex: Knex) {}

  async insert(command: Omit<GateCommandRecord, 'deliveredAt'>): Promise<void> {
    await this.knex('parking_gate_commands').insert({
      id: command.id,
      gate_id: command.gateId,
      device_id: command.deviceId,
      kind: command.kind,
      session_id: command.sessionId,
      reason: command.reason,
      created_at: nowSql(),
      expires_at: toSqlDateTime(command.expiresAt),
    });
  }

  async pendingForDevice(deviceId: string, now: Date): Promise<GateCommandRecord[]> {
    const rows = await this.knex('parking_gate_commands')
      .where({ device_id: deviceId })
      .whereNull('delivered_at')
      .andWhere('expires_at', '>', toSqlDateTime(now))
      .orderBy('created_at')
      .limit(50);
    return rows.map(mapCommand);
  }

  async find(id: string): Promise<GateCommandRecord | undefined> {
    const row = await this.knex('parking_gate_commands').where({ id }).first();
    return row ? mapCommand(row) : undefined;
  }

  /** Delivered once: false when it was delivered before. */
  async markDelivered(id: string, at: Date): Promise<boolean> {
    const updated = await this.knex('parking_gate_commands')
      .where({ id })
      .whereNull('delivered_at')
      .update({ delivered_at: toSqlDateTime(at) });
    return updated === 1;
  }
}

function mapCommand(row: Record<string, unknown>): GateCommandRecord {
  return {
    id: String(row.id),
    gateId: String(row.gate_id),
    deviceId: String(row.device_id),
    kind: row.kind === 'trigger' ? 'trigger' : 'open',
    sessionId: (row.session_id as string | null) ?? null,
    reason: String(row.reason),
    expiresAt: fromSqlDateTime(String(row.expires_at)),
    deliveredAt: row.delivered_at ? fromSqlDateTime(String(row.delivered_at)) : null,
  };
}
