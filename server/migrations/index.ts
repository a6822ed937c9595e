import type { Knex } from 'knex';
import * as coreMembers from './core/001-members';
import * as coreDevices from './core/002-devices';
import * as coreConsents from './core/003-privacy-notices-and-consents';
import * as coreSessions from './core/004-sessions-and-staff';
import * as coreSmsCodes from './core/005-sms-codes';
import * as coreCardsPoints from './core/006-offline-cards-and-points';
import * as coreConsentEvents from './core/007-consent-events';
import * as corePointsLots from './core/010-points-accounts-lots-and-awards';
import * as corePointsCatalogue from './core/011-points-catalogue-and-reservations';
import * as corePointsTiers from './core/012-points-programme-and-tiers';
import * as coreCampaigns from './core/020-campaigns';
import * as coreCampaignClaims from './core/021-campaign-claims';
import * as coreSurveys from './core/022-surveys';
import * as coreSurveyResponses from './core/023-survey-responses';
import * as coreShoppingGuides from './core/024-shopping-guides';
import * as coreDeskSignups from './core/025-service-desk-signups';
import * as coreParkingLots from './core/030-parking-lots-and-gates';
import * as coreParkingSessions from './core/031-parking-sessions-and-events';
import * as coreParkingOrders from './core/032-parking-orders';
import * as coreParkingPasses from './core/033-parking-passes-kiosks-reviews';
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
  '007-consent-events': coreConsentEvents,
  '010-points-accounts-lots-and-awards': corePointsLots,
  '011-points-catalogue-and-reservations': corePointsCatalogue,
  '012-points-programme-and-tiers': corePointsTiers,
  '020-campaigns': coreCampaigns,
  '021-campaign-claims': coreCampaignClaims,
  '022-surveys': coreSurveys,
  '023-survey-responses': coreSurveyResponses,
  '024-shopping-guides': coreShoppingGuides,
  '025-service-desk-signups': coreDeskSignups,
  '030-parking-lots-and-gates': coreParkingLots,
  '031-parking-sessions-and-events': coreParkingSessions,
  '032-parking-orders': coreParkingOrders,
  '033-parking-passes-kiosks-reviews': coreParkingPasses,
};

export const VAULT_MIGRATIONS: Record<string, Knex.Migration> = {
  '001-data-keys': vaultDataKeys,
  '002-identity': vaultIdentity,
  '003-audit': vaultAudit,
  '004-passwords': vaultPasswords,
};
