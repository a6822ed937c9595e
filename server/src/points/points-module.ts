import type { ConsentService } from '../consent/consent-service';
import type { AuditLog } from '../platform/audit/audit-log';
import type { Databases } from '../platform/db/databases';
import type { IdentityRepository } from '../vault/identity-repository';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { AwardService } from './award-service';
import { CatalogueRepository, type CatalogueKind } from './catalogue-repository';
import { ExpiryService } from './expiry-service';
import { PointsAccountService } from './points-account-service';
import { PointsAdminService } from './points-admin-service';
import { PointsAwardRepository } from './points-award-repository';
import { PointsBook } from './points-book';
import { PointsLedgerRepository } from './points-ledger-repository';
import { PointsLotRepository } from './points-lot-repository';
import { ProgrammeRepository } from './programme-repository';
import { ProgrammeService } from './programme-service';
import { LOCAL_FULFILMENT, RedemptionService, type Fulfiller } from './redemption-service';
import { ReservationRepository } from './reservation-repository';
import { TierRepository } from './tier-repository';
import { TierService } from './tier-service';

export { registerPointsRoutes } from './points-routes';

/** Points, tiers and redemption (issue #5), wired once beside the other services. */
export interface PointsServices {
  pointsProgramme: ProgrammeService;
  pointsAwards: AwardService;
  pointsAccount: PointsAccountService;
  pointsAdmin: PointsAdminService;
  pointsRedemption: RedemptionService;
  pointsExpiry: ExpiryService;
  pointsTiers: TierService;
  pointsCatalogue: CatalogueRepository;
  pointsBook: PointsBook;
  pointsLedger: PointsLedgerRepository;
  pointsLots: PointsLotRepository;
  /** A redemption service with other fulfilment (a real gift-card issuer; a failing one in tests). */
  redemptionWith(fulfilment: Partial<Record<CatalogueKind, Fulfiller>>): RedemptionService;
}

// container.ts spreads PointsServices into Services; this makes the type say so without
// touching the shared interface.
declare module '../container' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges, adds nothing
  interface Services extends PointsServices {}
}

export interface PointsFoundation {
  databases: Databases;
  members: MemberCoreRepository;
  identity: IdentityRepository;
  vault: IdentityVault;
  audit: AuditLog;
  consents: ConsentService;
}

export function createPointsServices(foundation: PointsFoundation): PointsServices {
  const { databases, members, identity, vault, audit, consents } = foundation;
  const knex = databases.core;
  const ledger = new PointsLedgerRepository(knex);
  const lots = new PointsLotRepository(knex);
  const awards = new PointsAwardRepository(knex);
  const catalogue = new CatalogueRepository(knex);
  const reservations = new ReservationRepository(knex);
  const programmes = new ProgrammeService(new ProgrammeRepository(knex), audit);
  const book = new PointsBook(knex, ledger, lots);
  const redemptionDeps = { members, consents, programmes, book, catalogue, reservations };
  const redemption = new RedemptionService({ ...redemptionDeps, fulfilment: LOCAL_FULFILMENT });
  const expiry = new ExpiryService(programmes, book, lots);
  const tiers = new TierService(new TierRepository(knex), programmes, awards);
  return {
    pointsProgramme: programmes,
    pointsAwards: new AwardService({
      members,
      identity,
      vault,
      consents,
      programmes,
      book,
      ledger,
      awards,
    }),
    pointsAccount: new PointsAccountService({
      programmes,
      book,
      ledger,
      lots,
      reservations,
      audit,
    }),
    pointsAdmin: new PointsAdminService(catalogue, expiry, tiers, redemption, audit),
    pointsRedemption: redemption,
    pointsExpiry: expiry,
    pointsTiers: tiers,
    pointsCatalogue: catalogue,
    pointsBook: book,
    pointsLedger: ledger,
    pointsLots: lots,
    redemptionWith: (fulfilment) =>
      new RedemptionService({
        ...redemptionDeps,
        fulfilment: { ...LOCAL_FULFILMENT, ...fulfilment },
      }),
  };
}
