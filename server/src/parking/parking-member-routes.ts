import { z } from 'zod';
import { memberSession } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { clientIpOf } from './client-ip';
import { MemberStaySchema, PaymentSchema, PlateBody } from './parking-schemas';

const memberOf = (ctx: AppContext) => ({
  memberId: ctx.state.memberId as string,
  pseudonym: ctx.state.pseudonym as string,
});

const PlatesSchema = z.object({ plates: z.array(z.string()) });

/** The member's parking in the mini-program: plates, own stays, paying (C-4.2.2.6). */
export function registerParkingMemberRoutes(api: ApiRouter, services: Services): void {
  const session = memberSession(services.sessions, services.vault);
  const { memberParking } = services.parking;

  api.route({
    method: 'get',
    path: '/v1/me/parking',
    summary: 'My bound plates and my current stays with what is due (needs the parking consent)',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    response: z.object({
      plates: z.array(z.string()),
      maxPlates: z.number(),
      sessions: z.array(MemberStaySchema),
    }),
    handler: ({ ctx }) => memberParking.overview(memberOf(ctx)),
  });

  api.route({
    method: 'post',
    path: '/v1/me/parking/plates',
    summary: 'Bind a plate (at most 3, under the parking consent)',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    body: PlateBody,
    response: PlatesSchema,
    handler: ({ body, ctx }) => memberParking.bindPlate(memberOf(ctx), body.plate),
  });

  api.route({
    method: 'post',
    path: '/v1/me/parking/plates/remove',
    summary: 'Remove a bound plate',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    body: PlateBody,
    response: PlatesSchema,
    handler: ({ body, ctx }) => memberParking.removePlate(memberOf(ctx), body.plate),
  });

  api.route({
    method: 'get',
    path: '/v1/me/parking/sessions/:sessionId',
    summary: 'One of my stays with the fee due now, after my benefits',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    params: z.object({ sessionId: z.string().min(1).max(32) }),
    response: MemberStaySchema,
    handler: ({ params, ctx }) => memberParking.quote(memberOf(ctx), params.sessionId),
  });

  api.route({
    method: 'post',
    path: '/v1/me/parking/sessions/:sessionId/pay',
    summary: 'Pay a stay with WeChat Pay (JSAPI), optionally offsetting points (U-6.4.2)',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    params: z.object({ sessionId: z.string().min(1).max(32) }),
    body: z.strictObject({ points: z.number().int().min(0).max(10_000_000).default(0) }),
    response: PaymentSchema,
    handler: ({ params, body, ctx }) =>
      memberParking.pay(memberOf(ctx), params.sessionId, {
        points: body.points,
        clientIp: clientIpOf(ctx),
      }),
  });

  api.route({
    method: 'get',
    path: '/v1/me/parking/orders/:orderId',
    summary: 'A payment of mine: paid only once WeChat Pay says so',
    tags: ['parking'],
    security: 'memberSession',
    before: [session],
    params: z.object({ orderId: z.string().min(1).max(32) }),
    response: PaymentSchema,
    handler: ({ params, ctx }) => memberParking.order(memberOf(ctx), params.orderId),
  });
}
