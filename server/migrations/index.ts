import type { Knex } from 'knex';
import * as coreMembers from './core/001-members';
import * as coreDevices from './core/002-devices';
import * as coreConsents from './core/003-privacy-notices-and-consents';
import * as coreSessions from './core/004-sessions-and-staff';
import * as coreSmsCodes from './core/005-sms-codes';
import * as coreCardsPoints from './core/006-offline-cards-and-points';
import * as coreConsentEvents from './core/007-consent-events';
import * as coreUsedSignupTickets from './core/008-used-signup-tickets';
import * as coreLoginThrottle from './core/009-login-throttle';
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
import * as coreParkingEventClock from './core/034-parking-event-clock';
import * as coreCheckoutTransactions from './core/040-checkout-transactions';
import * as coreCheckoutAttempts from './core/041-checkout-attempts';
import * as coreCheckoutRefunds from './core/042-checkout-refunds';
import * as coreReceiptClaims from './core/043-receipt-claims';
import * as coreRememberedPayers from './core/044-remembered-payers';
import * as coreMemberCodeUses from './core/045-member-code-uses';
import * as coreSuppliers from './core/050-suppliers';
import * as coreSupplierAgreements from './core/051-supplier-agreements';
import * as coreOnlineEvents from './core/052-online-events';
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
  '008-used-signup-tickets': coreUsedSignupTickets,
  '009-login-throttle': coreLoginThrottle,
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
  '034-parking-event-clock': coreParkingEventClock,
  '040-checkout-transactions': coreCheckoutTransactions,
  '041-checkout-attempts': coreCheckoutAttempts,
  '042-checkout-refunds': coreCheckoutRefunds,
  '043-receipt-claims': coreReceiptClaims,
  '044-remembered-payers': coreRememberedPayers,
  '045-member-code-uses': coreMemberCodeUses,
  '050-suppliers': coreSuppliers,
  '051-supplier-agreements': coreSupplierAgreements,
  '052-online-events': coreOnlineEvents,
};

export const VAULT_MIGRATIONS: Record<string, Knex.Migration> = {
  '001-data-keys': vaultDataKeys,
  '002-identity': vaultIdentity,
  '003-audit': vaultAudit,
  '004-passwords': vaultPasswords,
};
