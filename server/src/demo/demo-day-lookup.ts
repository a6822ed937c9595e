import { AppError } from '@memberkit/shared';
import type { Knex } from 'knex';
import { SECRET_AAD } from '../devices/device-service';
import type { DeviceKind } from '../devices/device-service';
import { toSqlDateTime } from '../platform/db/sql-time';
import type { RunningServer } from '../server';
import type { StaffRole } from '../staff/staff-roles';

/**
 * Finds what an earlier demo set-up made, by the codes and names it gave them, so set-up stays
 * idempotent when demo-credentials.json is lost: camera serials are unique (a second car park
 * with the same cameras cannot be made), and duplicated staff, devices and campaigns would
 * clutter every admin list.
 */

export interface FoundLot {
  id: string;
  entryGateCode: string;
  exitGateCode: string;
  /** The parking device the gates are bound to. */
  deviceId: string;
}

/** The car park whose entry and exit gates carry the demo cameras' serials. */
export async function findDemoLot(
  core: Knex,
  cameras: { entry: string; exit: string },
): Promise<FoundLot | undefined> {
  const entry = await core('parking_gates').where({ camera_serial: cameras.entry }).first();
  const exit = await core('parking_gates').where({ camera_serial: cameras.exit }).first();
  if (!entry || !exit) return undefined;
  if (entry.lot_id !== exit.lot_id)
    throw new Error('demo set-up: the demo cameras are on gates of two different car parks');
  return {
    id: String(entry.lot_id),
    entryGateCode: String(entry.code),
    exitGateCode: String(exit.code),
    deviceId: String(entry.device_id),
  };
}

/**
 * An active device and its secret. The secret is read back the way the server reads it to check
 * signatures; development only, like the credentials file it goes to.
 */
export async function findDemoDevice(
  running: RunningServer,
  match: { id: string } | { name: string; kind: DeviceKind },
): Promise<{ deviceId: string; secret: string } | undefined> {
  const row = await running.services.databases
    .core('devices')
    .where(match)
    .whereNull('revoked_at')
    .orderBy('created_at', 'desc')
    .first();
  if (!row) return undefined;
  const secret = await running.services.cipher.decrypt(String(row.secret_enc), SECRET_AAD);
  return { deviceId: String(row.id), secret };
}

/**
 * The earlier token when it still logs in as this demo account. Tokens are stored hashed, so a
 * lost one cannot be read back: the demo's earlier logins for the role are revoked and one new
 * account is added, leaving a single live login per demo role.
 */
export async function demoStaffToken(
  running: RunningServer,
  account: { name: string; role: StaffRole },
  earlierToken: string | undefined,
): Promise<string> {
  const { staff, databases } = running.services;
  if (earlierToken) {
    try {
      const member = await staff.authenticate(earlierToken);
      if (member.name === account.name && member.role === account.role) return earlierToken;
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
    }
  }
  const earlier = await databases.core('staff').where(account).whereNull('revoked_at').select('id');
  for (const row of earlier) await staff.revoke(String(row.id));
  return (await staff.add(account.name, account.role)).token;
}

/** A demo campaign that still runs for at least a day, so the day's claims are accepted. */
export async function findDemoCampaignId(
  core: Knex,
  kind: string,
  title: string,
): Promise<string | undefined> {
  const row = await core('campaigns')
    .where({ kind, title })
    .where('ends_at', '>', toSqlDateTime(new Date(Date.now() + 24 * 60 * 60 * 1000)))
    .where('stock_left', '>', 10)
    .orderBy('created_at', 'desc')
    .first();
  return row ? String(row.id) : undefined;
}

export async function findDemoSurveyId(core: Knex, title: string): Promise<string | undefined> {
  const row = await core('surveys')
    .where({ title, status: 'open' })
    .orderBy('created_at', 'desc')
    .first();
  return row ? String(row.id) : undefined;
}

export async function findDemoCatalogueItemId(
  core: Knex,
  kind: string,
  title: string,
): Promise<string | undefined> {
  const row = await core('points_catalogue_items')
    .where({ kind, title, active: true })
    .orderBy('created_at', 'desc')
    .first();
  return row ? String(row.id) : undefined;
}
