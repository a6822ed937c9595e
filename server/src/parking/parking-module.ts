import type { Middleware } from 'koa';
import type { ConsentService } from '../consent/consent-service';
import type { Services } from '../container';
import { DeviceRepository } from '../devices/device-repository';
import type { WechatApiClient } from '../integrations/wechat/wechat-api-client';
import type { AuditLog } from '../platform/audit/audit-log';
import type { Config } from '../platform/config';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import type { Databases } from '../platform/db/databases';
import type { ApiRouter } from '../platform/http/api-router';
import { PointsAwardRepository } from '../points/points-award-repository';
import { createPointsServices } from '../points/points-module';
import { IdentityRepository } from '../vault/identity-repository';
import type { IdentityVault } from '../vault/identity-vault';
import type { MemberCoreRepository } from '../vault/member-core-repository';
import { ParkingCommandRepository } from './command-repository';
import { EntryGate } from './entry-gate';
import { ParkingEventRepository } from './event-repository';
import { ExitGate } from './exit-gate';
import { GateCommands } from './gate-commands';
import { GateEventService } from './gate-event-service';
import { ParkingKioskRepository } from './kiosk-repository';
import { ParkingKiosks } from './kiosk-service';
import { ParkingLotRepository } from './lot-repository';
import { ParkingLotService } from './lot-service';
import { MemberParking } from './member-parking';
import { OfflineRulesService } from './offline-rules';
import { ParkingOrderRepository } from './order-repository';
import { registerParkingAdminRoutes } from './parking-admin-routes';
import { registerParkingDeviceRoutes } from './parking-device-routes';
import { registerParkingMemberRoutes } from './parking-member-routes';
import { ParkingMembers } from './parking-members';
import { ParkingPlateCipher } from './parking-plates';
import { ProgrammePointsPort, type ParkingPointsPort } from './parking-points';
import { registerParkingPublicRoutes } from './parking-public-routes';
import { ParkingPassRepository } from './pass-repository';
import { ParkingPassService } from './pass-service';
import type { ParkingPaymentGateway } from './payment-gateway';
import { parkingNotifyMiddleware } from './payment-notify';
import { ParkingPayments } from './payment-service';
import { ParkingRetention } from './retention-service';
import { ParkingReviewRepository } from './review-repository';
import { ParkingReviews } from './review-service';
import { ParkingSessionRepository } from './session-repository';
import { StayQuotes } from './stay-quotes';
import { ParkingTickets } from './ticket-service';

/** Parking (issue #7): gates, stays, tariffs and benefits, payment, kiosks, tickets, reviews. */
export interface ParkingServices {
  lots: ParkingLotService;
  gateEvents: GateEventService;
  offlineRules: OfflineRulesService;
  commands: GateCommands;
  payments: ParkingPayments;
  memberParking: MemberParking;
  kiosks: ParkingKiosks;
  tickets: ParkingTickets;
  reviews: ParkingReviews;
  passes: ParkingPassService;
  retention: ParkingRetention;
  sessions: ParkingSessionRepository;
  events: ParkingEventRepository;
  /** Plug in the payment provider (the WeChat Pay client where it is configured). */
  useGateway(gateway: ParkingPaymentGateway | undefined): void;
}

// The container's Services gains `parking` here, so container.ts needs one line for it.
declare module '../container' {
  interface Services {
    parking: ParkingServices;
  }
}

export interface ParkingFoundation {
  config: Readonly<Config>;
  databases: Databases;
  cipher: VaultCipher;
  audit: AuditLog;
  members: MemberCoreRepository;
  vault: IdentityVault;
  consents: ConsentService;
  wechat: WechatApiClient;
}

export function wireParking(foundation: ParkingFoundation): ParkingServices {
  const { databases, cipher, audit, members, vault, consents } = foundation;
  const knex = databases.core;
  const lots = new ParkingLotService(
    new ParkingLotRepository(knex),
    new DeviceRepository(knex),
    cipher,
  );
  const sessions = new ParkingSessionRepository(knex);
  const events = new ParkingEventRepository(knex);
  const passRepository = new ParkingPassRepository(knex);
  const plates = new ParkingPlateCipher(cipher);
  const points = pointsPort(foundation);
  const quotes = new StayQuotes(members, consents, passRepository, points);
  const commands = new GateCommands(new ParkingCommandRepository(knex), lots);
  const reviewRepository = new ParkingReviewRepository(knex);
  let gateway: ParkingPaymentGateway | undefined;
  const payments = new ParkingPayments({
    knex,
    orders: new ParkingOrderRepository(knex),
    sessions,
    lots,
    quotes,
    points,
    commands,
    gateway: () => gateway,
  });
  const passes = new ParkingPassService(passRepository, lots, members, vault, consents);
  const entryDeps = { knex, events, sessions, plates, lots };
  const entry = new EntryGate({
    ...entryDeps,
    members: new ParkingMembers(vault, consents),
    passes: passRepository,
  });
  const exit = new ExitGate({ ...entryDeps, reviews: reviewRepository, quotes });
  return {
    lots,
    gateEvents: new GateEventService({
      ...entryDeps,
      reviews: reviewRepository,
      quotes,
      entry,
      exit,
    }),
    offlineRules: new OfflineRulesService(
      lots,
      sessions,
      passRepository,
      plates,
      members,
      consents,
    ),
    commands,
    payments,
    memberParking: new MemberParking({
      vault,
      consents,
      sessions,
      lots,
      plates,
      quotes,
      payments,
      passes,
    }),
    kiosks: new ParkingKiosks({
      kiosks: new ParkingKioskRepository(knex),
      lots,
      sessions,
      plates,
      quotes,
      payments,
    }),
    tickets: new ParkingTickets({
      knex,
      lots,
      sessions,
      quotes,
      payments,
      commands,
      wechat: foundation.wechat,
    }),
    reviews: new ParkingReviews({
      knex,
      reviews: reviewRepository,
      sessions,
      lots,
      plates,
      quotes,
      commands,
      audit,
    }),
    passes,
    retention: new ParkingRetention(lots, sessions),
    sessions,
    events,
    useGateway: (next) => {
      gateway = next;
    },
  };
}

/** The points programme through its own services (server/src/points), over the same stores. */
function pointsPort(foundation: ParkingFoundation): ParkingPointsPort {
  const { databases, members, vault, audit, consents } = foundation;
  const identity = new IdentityRepository(databases.vault);
  const points = createPointsServices({ databases, members, identity, vault, audit, consents });
  return new ProgrammePointsPort(
    points.pointsProgramme,
    points.pointsRedemption,
    new PointsAwardRepository(databases.core),
  );
}

/**
 * Registers the parking routes and answers with the one middleware that must run before the
 * JSON body parser: WeChat Pay's XML payment notification (see payment-notify.ts).
 */
export function registerParkingRoutes(api: ApiRouter, services: Services): Middleware {
  registerParkingDeviceRoutes(api, services);
  registerParkingMemberRoutes(api, services);
  registerParkingPublicRoutes(api, services);
  registerParkingAdminRoutes(api, services);
  return parkingNotifyMiddleware(services.parking.payments, services.log);
}
