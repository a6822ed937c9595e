import type { Middleware } from 'koa';
import { z } from 'zod';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { clientIpOf } from './client-ip';
import type { KioskRecord } from './kiosk-repository';
import { KIOSK_PAGE_HTML, KIOSK_PAGE_SCRIPT } from './kiosk/kiosk-page';
import { PaymentSchema, PlateBody, StaySummarySchema } from './parking-schemas';

const kioskOf = (ctx: AppContext) => ctx.state.kiosk as KioskRecord;

const TICKET = z.string().regex(/^tk_[\w-]{20,64}$/);
const GATE_CODE = z.string().regex(/^[A-Za-z0-9]{4,16}$/);
const KioskQuoteSchema = z.object({
  status: z.enum(['not-found', 'free', 'paid', 'pass', 'fee-due']),
  dueFen: z.number(),
});

/**
 * Pay kiosks (a paired token, no device secret) and tickets for cars without a plate. A kiosk
 * sees the fee and nothing else: no entry time, no member data (design.md).
 */
export function registerParkingPublicRoutes(api: ApiRouter, services: Services): void {
  const { kiosks, tickets } = services.parking;
  const kiosk: Middleware = async (ctx, next) => {
    const match = /^Kiosk\s+(\S+)$/i.exec(ctx.get('Authorization'));
    (ctx as AppContext).state.kiosk = await kiosks.authenticate(match?.[1]);
    await next();
  };

  api.router.get('/parking/kiosk', (ctx) => {
    ctx.type = 'text/html; charset=utf-8';
    ctx.set('Cache-Control', 'no-store');
    ctx.body = KIOSK_PAGE_HTML;
  });
  api.router.get('/parking/kiosk/kiosk.js', (ctx) => {
    ctx.type = 'application/javascript; charset=utf-8';
    ctx.body = KIOSK_PAGE_SCRIPT;
  });

  api.route({
    method: 'post',
    path: '/v1/parking/kiosk/pair',
    summary: 'Pair a kiosk with the code staff gave it; answers its revocable token once',
    tags: ['parking'],
    body: z.strictObject({ pairingCode: z.string().min(6).max(16) }),
    response: z.object({ token: z.string(), kioskId: z.string(), lotName: z.string() }),
    handler: ({ body }) => kiosks.pair(body.pairingCode),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/kiosk/quote',
    summary: 'Kiosk: the fee for a typed plate (never the entry time)',
    tags: ['parking'],
    before: [kiosk],
    body: PlateBody,
    response: KioskQuoteSchema,
    handler: ({ body, ctx }) => kiosks.quote(kioskOf(ctx), body.plate),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/kiosk/orders',
    summary: 'Kiosk: a WeChat Pay NATIVE order for the fee, with its QR code',
    tags: ['parking'],
    before: [kiosk],
    body: PlateBody,
    response: z.object({
      orderId: z.string(),
      status: z.string(),
      amountFen: z.number(),
      expiresAt: z.string(),
      qrSvg: z.string().optional(),
    }),
    handler: ({ body, ctx }) => kiosks.order(kioskOf(ctx), body.plate, clientIpOf(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/parking/kiosk/orders/:orderId',
    summary: 'Kiosk: whether its order was paid',
    tags: ['parking'],
    before: [kiosk],
    params: z.object({ orderId: z.string().min(1).max(32) }),
    response: z.object({ orderId: z.string(), status: z.string(), amountFen: z.number() }),
    handler: ({ params, ctx }) => kiosks.orderStatus(kioskOf(ctx), params.orderId),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/tickets',
    summary: 'A car without a plate takes a ticket at the entry barrier (scanned QR code)',
    tags: ['parking'],
    status: 201,
    body: z.strictObject({ gate: GATE_CODE }),
    response: z.object({ ticket: z.string(), lotName: z.string(), entryAt: z.string() }),
    handler: ({ body }) => tickets.take(body.gate),
  });

  api.route({
    method: 'get',
    path: '/v1/parking/tickets/:ticket',
    summary: 'The fee of a ticket',
    tags: ['parking'],
    params: z.object({ ticket: TICKET }),
    response: StaySummarySchema.extend({ entryAt: z.string() }),
    handler: ({ params }) => tickets.quote(params.ticket),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/tickets/:ticket/pay',
    summary: 'Pay a ticket in the mini-program (JSAPI); the wx.login code names the payer',
    tags: ['parking'],
    params: z.object({ ticket: TICKET }),
    body: z.strictObject({ wechatCode: z.string().min(1).max(128) }),
    response: PaymentSchema,
    handler: ({ params, body, ctx }) =>
      tickets.pay(params.ticket, body.wechatCode, clientIpOf(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/parking/tickets/:ticket/orders/:orderId',
    summary: 'Whether a ticket payment was paid',
    tags: ['parking'],
    params: z.object({ ticket: TICKET, orderId: z.string().min(1).max(32) }),
    response: PaymentSchema,
    handler: ({ params }) => tickets.order(params.ticket, params.orderId),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/tickets/:ticket/exit',
    summary: 'Leave with a ticket: the exit barrier opens once when nothing is due',
    tags: ['parking'],
    params: z.object({ ticket: TICKET }),
    body: z.strictObject({ gate: GATE_CODE }),
    response: z.object({ opened: z.boolean(), dueFen: z.number() }),
    handler: ({ params, body }) => tickets.leave(params.ticket, body.gate),
  });
}
