import QRCode from 'qrcode';
import { z } from 'zod';
import { staffOnly } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import {
  LotSchema,
  NewGateBody,
  NewLotBody,
  NewPassBody,
  ResolveReviewBody,
} from './parking-schemas';
import { TariffSchema } from './parking-policy';

const staffOf = (ctx: AppContext) => ctx.state.staffId as string;
const LotParams = z.object({ lotId: z.string().min(1).max(32) });
const GateSchema = z.object({
  id: z.string(),
  lotId: z.string(),
  name: z.string(),
  direction: z.enum(['entry', 'exit']),
  cameraSerial: z.string(),
  deviceId: z.string(),
  code: z.string(),
});

/** Staff set up lots, gates, passes and kiosks, and decide plate reviews (S-5.3b roles). */
export function registerParkingAdminRoutes(api: ApiRouter, services: Services): void {
  const setUp = staffOnly(services.staff, ['parking', 'operations']);
  const parkingStaff = staffOnly(services.staff, ['parking']);
  const { lots, passes, kiosks, reviews, retention, commands } = services.parking;

  api.route({
    method: 'post',
    path: '/v1/admin/parking/lots',
    summary: 'Create a car park with its tariff and policy',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    status: 201,
    body: NewLotBody,
    response: LotSchema,
    handler: ({ body }) => lots.createLot(body),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/parking/lots',
    summary: 'Car parks, tariffs and policies',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    response: z.object({ lots: z.array(LotSchema) }),
    handler: async () => ({ lots: await lots.listLots() }),
  });

  api.route({
    method: 'patch',
    path: '/v1/admin/parking/lots/:lotId',
    summary: 'Change a tariff or a policy (applies to stays priced from now on)',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    params: LotParams,
    body: z.strictObject({
      tariff: TariffSchema.optional(),
      /** Only the fields given change; the result is checked whole. */
      policy: z.record(z.string(), z.unknown()).optional(),
    }),
    response: LotSchema,
    handler: ({ params, body }) => lots.updateLot(params.lotId, body),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/lots/:lotId/gates',
    summary: 'Register a gate camera (entry or exit) served by a parking adapter',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    status: 201,
    params: LotParams,
    body: NewGateBody,
    response: GateSchema,
    handler: async ({ params, body }) => {
      const gate = await lots.addGate(params.lotId, body);
      return {
        id: gate.id,
        lotId: gate.lotId,
        name: gate.name,
        direction: gate.direction,
        cameraSerial: gate.cameraSerial,
        deviceId: gate.deviceId,
        code: gate.code,
      };
    },
  });

  // The sticker at a barrier for cars without a plate: a URL with the gate's public code only.
  api.router.get('/v1/admin/parking/gates/:gateId/qr.svg', setUp, async (ctx) => {
    const gate = await lots.gate(ctx.params.gateId);
    // Not ctx.origin: in Koa 3 that is the request's Origin header, which the client chooses.
    const target = `${ctx.protocol}://${ctx.host}/h5/#/pages/parking/index?g=${gate.code}`;
    ctx.type = 'image/svg+xml';
    ctx.body = await QRCode.toString(target, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/gates/:gateId/open',
    summary: 'Open a barrier once (staff at the gate)',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [parkingStaff],
    params: z.object({ gateId: z.string().min(1).max(32) }),
    response: z.object({ commandId: z.string() }),
    handler: async ({ params, ctx }) => ({
      commandId: await commands.issue(
        await lots.gate(params.gateId),
        'open',
        `staff:${staffOf(ctx)}`,
      ),
    }),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/passes',
    summary: "Give a member a monthly pass for a lot (covers the member's bound plates)",
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [parkingStaff],
    status: 201,
    body: NewPassBody,
    response: z.object({
      passId: z.string(),
      lotId: z.string(),
      validFrom: z.string(),
      validUntil: z.string(),
      plates: z.number(),
    }),
    handler: ({ body, ctx }) =>
      passes.create(
        {
          cardNo: body.cardNo,
          lotId: body.lotId,
          validFrom: new Date(body.validFrom),
          validUntil: new Date(body.validUntil),
        },
        staffOf(ctx),
      ),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/kiosks',
    summary: 'Create a pay kiosk and a pairing code valid for 10 minutes',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    status: 201,
    body: z.strictObject({ lotId: z.string().min(1).max(32), name: z.string().min(1).max(100) }),
    response: z.object({ kioskId: z.string(), pairingCode: z.string(), expiresAt: z.string() }),
    handler: ({ body, ctx }) => kiosks.create(body.lotId, body.name, staffOf(ctx)),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/kiosks/:kioskId/revoke',
    summary: 'Revoke a kiosk: its token stops working at once',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [setUp],
    params: z.object({ kioskId: z.string().min(1).max(32) }),
    response: z.object({ revoked: z.boolean() }),
    handler: async ({ params }) => ({ revoked: await kiosks.revoke(params.kioskId) }),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/parking/reviews',
    summary: 'Exit reads waiting for staff, with the stays one character away',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [parkingStaff],
    query: z.object({ lotId: z.string().max(32).optional() }),
    response: z.object({ reviews: z.array(z.record(z.string(), z.unknown())) }),
    handler: async ({ query, ctx }) => ({
      reviews: await reviews.listPending(staffOf(ctx), query.lotId),
    }),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/reviews/:reviewId/resolve',
    summary: 'Decide a review: the matching stay, or none; optionally open the barrier',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [parkingStaff],
    params: z.object({ reviewId: z.string().min(1).max(32) }),
    body: ResolveReviewBody,
    response: z.object({ reviewId: z.string(), status: z.string(), dueFen: z.number() }),
    handler: ({ params, body, ctx }) => reviews.resolve(staffOf(ctx), params.reviewId, body),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/parking/retention/run',
    summary: 'Anonymise closed stays past their retention now (D-7.1; also runs hourly)',
    tags: ['parking-admin'],
    security: 'staffToken',
    before: [parkingStaff],
    response: z.object({ anonymised: z.number() }),
    handler: () => retention.run(),
  });
}
