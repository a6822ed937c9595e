import type { Services } from '../container';
import { memberSession } from '../auth/auth-middleware';
import { deviceAuth } from '../devices/device-auth-middleware';
import { idempotency } from '../devices/idempotency-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { registerPointsAdminRoutes } from './points-admin-routes';
import {
  AwardAnswerSchema,
  AwardBody,
  CatalogueAnswerSchema,
  HistoryAnswerSchema,
  HistoryQuery,
  OffsetAnswerSchema,
  OffsetBody,
  RedeemBody,
  RedemptionAnswerSchema,
  RefundAnswerSchema,
  RefundBody,
  ReservationParams,
  SettledOffsetSchema,
  SummaryAnswerSchema,
  TierAnswerSchema,
} from './points-schemas';

// As for every device write (devices/device-routes.ts): a dead run frees its key after this.
const IDEMPOTENCY_LEASE_SECONDS = 60;
// Tills award and offset; the service desk tops up and awards too.
const POINTS_DEVICES = ['pos', 'service-desk'];

const deviceOf = (ctx: AppContext) => ctx.state.deviceId as string;
const pseudonymOf = (ctx: AppContext) => ctx.state.pseudonym as string;

/** Points endpoints: device writes from the till, the shopper's own views, staff admin. */
export function registerPointsRoutes(api: ApiRouter, services: Services): void {
  registerDeviceRoutes(api, services);
  registerMemberRoutes(api, services);
  registerPointsAdminRoutes(api, services);
}

function registerDeviceRoutes(api: ApiRouter, services: Services): void {
  const device = [
    deviceAuth(services.devices, POINTS_DEVICES),
    idempotency(services.idempotency, IDEMPOTENCY_LEASE_SECONDS),
  ];

  api.route({
    method: 'post',
    path: '/v1/points/awards',
    summary: 'Award points for a purchase or top-up, once per source key (U-6.4.1)',
    tags: ['points'],
    security: 'deviceSignature',
    before: device,
    body: AwardBody,
    response: AwardAnswerSchema,
    handler: ({ body, ctx }) =>
      services.pointsAwards.award(deviceOf(ctx), {
        ...body,
        occurredAt: new Date(body.occurredAt),
      }),
  });

  api.route({
    method: 'post',
    path: '/v1/points/refunds',
    summary: 'Take back the points of a refunded purchase, in proportion to the money',
    tags: ['points'],
    security: 'deviceSignature',
    before: device,
    body: RefundBody,
    response: RefundAnswerSchema,
    handler: ({ body, ctx }) => services.pointsAwards.refund(deviceOf(ctx), body),
  });

  api.route({
    method: 'post',
    path: '/v1/points/offsets',
    summary: 'Hold points as cash off a basket; the amount due is the same for every member',
    tags: ['points'],
    security: 'deviceSignature',
    before: device,
    status: 201,
    body: OffsetBody,
    response: OffsetAnswerSchema,
    handler: ({ body, ctx }) => services.pointsRedemption.reserveOffset(deviceOf(ctx), body),
  });

  for (const outcome of ['commit', 'release'] as const) {
    api.route({
      method: 'post',
      path: `/v1/points/offsets/:reservationId/${outcome}`,
      summary: `${outcome === 'commit' ? 'Spend' : 'Give back'} the points a till held`,
      tags: ['points'],
      security: 'deviceSignature',
      before: device,
      params: ReservationParams,
      response: SettledOffsetSchema,
      handler: ({ params, ctx }) =>
        services.pointsRedemption.settleOffset(deviceOf(ctx), params.reservationId, outcome),
    });
  }
}

function registerMemberRoutes(api: ApiRouter, services: Services): void {
  const session = memberSession(services.sessions, services.vault);

  api.route({
    method: 'get',
    path: '/v1/me/points',
    summary: 'My points: balance, points held by redemptions, what expires within 30 days',
    tags: ['points'],
    security: 'memberSession',
    before: [session],
    response: SummaryAnswerSchema,
    handler: ({ ctx }) => services.pointsAccount.summary(pseudonymOf(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/me/points/history',
    summary: 'My points history, newest first, each award with the rules that gave it',
    tags: ['points'],
    security: 'memberSession',
    before: [session],
    query: HistoryQuery,
    response: HistoryAnswerSchema,
    handler: async ({ query, ctx }) => {
      const entries = await services.pointsAccount.history(
        pseudonymOf(ctx),
        query.limit,
        query.before,
      );
      const nextBefore = entries.length === query.limit ? entries[entries.length - 1].id : null;
      return { entries, nextBefore };
    },
  });

  api.route({
    method: 'get',
    path: '/v1/points/catalogue',
    // U-6.7.2: public on purpose; a price that never knows who asks cannot differ by who asks.
    summary: 'The redemption catalogue and the cash-offset rate, the same for everyone',
    tags: ['points'],
    response: CatalogueAnswerSchema,
    handler: () => services.pointsRedemption.catalogue(),
  });

  api.route({
    method: 'post',
    path: '/v1/me/redemptions',
    summary: 'Redeem a catalogue item: points are held, the item issued, then the points spent',
    tags: ['points'],
    security: 'memberSession',
    before: [session],
    status: 201,
    body: RedeemBody,
    response: RedemptionAnswerSchema,
    handler: ({ body, ctx }) => services.pointsRedemption.redeem(pseudonymOf(ctx), body),
  });

  api.route({
    method: 'get',
    path: '/v1/me/tier',
    summary: 'My tier, its perks, my rolling 12-month spend and what the next tier needs',
    tags: ['points'],
    security: 'memberSession',
    before: [session],
    response: TierAnswerSchema,
    handler: async ({ ctx }) => {
      const member = await services.vault.requireActive(ctx.state.memberId as string);
      return services.pointsTiers.memberTier(pseudonymOf(ctx), member.tier);
    },
  });
}
