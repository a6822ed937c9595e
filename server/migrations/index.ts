import type { Knex } from 'knex';
import * as coreMembers from './core/001-members';
import * as coreDevices from './core/002-devices';
import * as coreConsents from './core/003-privacy-notices-and-consents';
import * as coreSessions from './core/004-sessions-and-staff';
import * as coreSmsCodes from './core/005-sms-codes';
import * as coreCardsPoints from './core/006-offline-cards-and-points';
import * as vaultDataKeys from './vault/001-data-keys';
import * as vaultIdentity from './vault/002-identity';
import * as vaultAudit from './vault/003-audit';
import * as vaultPasswords from './vault/004-passwords';

/**
 * Migrations are files, one change each, listed here in order so that knex finds them the same
 * way from TypeScript (tests) and from compiled JavaScript (npm start). Core and vault keep
 * separate histories because they may live in separate databases. No triggers, stored
 * procedures or CREATE ... AS SELECT: the schema must also run on TiDB.
 */
export const CORE_MIGRATIONS: Record<string, Knex.Migration> = {
  '001-members': coreMembers,
  '002-devices': coreDevices,
  '003-privacy-notices-and-consents': coreConsents,
  '004-sessions-and-staff': coreSessions,
  '005-sms-codes': coreSmsCodes,
  '006-offline-cards-and-points': coreCardsPoints,
};

export const VAULT_MIGRATIONS: Record<string, Knex.Migration> = {
  '001-data-keys': vaultDataKeys,
  '002-identity': vaultIdentity,
  '003-audit': vaultAudit,
  '004-passwords': vaultPasswords,
};
