import { z } from 'zod';
import type { Services } from '../container';
import { staffOnly } from '../auth/auth-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { POINTS_JOBS } from './points-admin-service';
import { EXPIRY_NOTICE_DAYS } from './points-account-service';
import {
  AdjustmentBody,
  CatalogueItemChanges,
  CatalogueItemSchema,
  NewCatalogueItemBody,
} from './points-schemas';

const staffOf = (ctx: AppContext) => `staff:${ctx.state.staffId}`;
const withStock = <T extends { stock: number | null }>(item: T) => ({
  ...item,
  inStock: item.stock !== 0,
});
const AdminItemSchema = CatalogueItemSchema.extend({ active: z.boolean() });

/** Staff endpoints for points (S-5.3b: the operations role); each action is audited. */
export function registerPointsAdminRoutes(api: ApiRouter, services: Services): void {
  const operations = staffOnly(services.staff, ['operations']);
  const common = { tags: ['points-admin'], security: 'staffToken' as const, before: [operations] };

  api.route({
    ...common,
    method: 'get',
    path: '/v1/admin/points/programme',
    summary: 'The published points programme: earning rules, calendar, tiers, offset rate, expiry',
    response: z.record(z.string(), z.unknown()),
    handler: () => services.pointsProgramme.current(),
  });

  api.route({
    ...common,
    method: 'put',
    path: '/v1/admin/points/programme',
    summary: 'Publish a new points programme version (validated: POINTS_RULES_INVALID)',
    body: z.record(z.string(), z.unknown()),
    response: z.record(z.string(), z.unknown()),
    handler: ({ body, ctx }) => services.pointsProgramme.publish(body, staffOf(ctx)),
  });

  api.route({
    ...common,
    method: 'post',
    path: '/v1/admin/points/catalogue',
    summary: 'Add a catalogue item: goods, coupon, gift card or parking-fee offset',
    status: 201,
    body: NewCatalogueItemBody,
    response: AdminItemSchema,
    handler: async ({ body, ctx }) =>
      withStock(await services.pointsAdmin.addItem(staffOf(ctx), body)),
  });

  api.route({
    ...common,
    method: 'patch',
    path: '/v1/admin/points/catalogue/:itemId',
    summary: 'Change a catalogue item: title, price, stock, active',
    params: z.strictObject({ itemId: z.string().regex(/^itm_[0-9a-f]{16}$/) }),
    body: CatalogueItemChanges,
    response: AdminItemSchema,
    handler: async ({ params, body, ctx }) =>
      withStock(await services.pointsAdmin.updateItem(staffOf(ctx), params.itemId, body)),
  });

  api.route({
    ...common,
    method: 'post',
    path: '/v1/admin/points/jobs/:job',
    summary: 'Run a points job now: expire, tiers, reservations, or daily (all three)',
    params: z.strictObject({ job: z.enum(POINTS_JOBS) }),
    response: z.object({
      reservationsReleased: z.number().optional(),
      expired: z.object({ members: z.number(), lots: z.number(), points: z.number() }).optional(),
      tiers: z
        .object({ checked: z.number(), promoted: z.number(), demoted: z.number() })
        .optional(),
    }),
    handler: ({ params, ctx }) => services.pointsAdmin.run(params.job, staffOf(ctx)),
  });

  api.route({
    ...common,
    method: 'get',
    path: '/v1/admin/points/expiring',
    summary: 'Members (by pseudonym) whose points expire within N days, for reminders',
    query: z.object({ days: z.coerce.number().int().min(1).max(365).default(EXPIRY_NOTICE_DAYS) }),
    response: z.object({
      members: z.array(
        z.object({ pseudonym: z.string(), points: z.number(), firstExpiresAt: z.string() }),
      ),
    }),
    handler: async ({ query }) => ({
      members: await services.pointsExpiry.expiringWithin(query.days),
    }),
  });

  api.route({
    ...common,
    method: 'post',
    path: '/v1/admin/points/adjustments',
    summary: 'Correct a member’s points with a reason (once per adjustment key)',
    body: AdjustmentBody,
    response: z.object({ balance: z.number(), replayed: z.boolean() }),
    handler: ({ body, ctx }) => services.pointsAccount.adjust(staffOf(ctx), body),
  });
}
