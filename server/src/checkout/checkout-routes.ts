import { z } from 'zod';
import {
  CheckoutAnswerSchema,
  CheckoutIdSchema,
  CheckoutRefundAnswerSchema,
  CheckoutRefundRequestSchema,
  CheckoutRequestSchema,
} from '@memberkit/shared';
import type { Services } from '../container';
import { publicOrigin } from '../campaigns/qr-codes';
import { deviceAuth } from '../devices/device-auth-middleware';
import { idempotency } from '../devices/idempotency-middleware';
import { clientIpOf } from '../parking/client-ip';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';

const deviceOf = (ctx: AppContext) => ctx.state.deviceId as string;

/** The till's endpoints (shared/src/checkout): signed pos-device requests, every one idempotent. */
export function registerCheckoutDeviceRoutes(api: ApiRouter, services: Services): void {
  const authenticate = deviceAuth(services.devices, ['pos']);
  // The lease is configurable (CHECKOUT_LEASE_SECONDS) and outlasts a payment attempt.
  const onceOnly = idempotency(services.idempotency, services.config.checkout.leaseSeconds);
  const { checkout } = services;

  api.route({
    method: 'post',
    path: '/v1/checkouts',
    summary: 'A till sale: charge the payment code, record it, link a consenting member, award',
    tags: ['checkout'],
    security: 'deviceSignature',
    before: [authenticate, onceOnly],
    body: CheckoutRequestSchema,
    response: CheckoutAnswerSchema,
    handler: async ({ body, ctx }) => {
      const answer = await checkout.sales.checkout(
        {
          deviceId: deviceOf(ctx),
          idempotencyKey: ctx.get('Idempotency-Key'),
          clientIp: clientIpOf(ctx),
          // Not ctx.origin: in Koa 3 that is the request's Origin header, chosen by the caller.
          origin: publicOrigin(ctx),
        },
        body,
      );
      ctx.state.log.info(
        { transactionId: answer.transactionId, status: answer.status, linked: !!answer.member },
        'checkout answered',
      );
      return answer;
    },
  });

  api.route({
    method: 'post',
    path: '/v1/checkouts/:checkoutId/refunds',
    summary: 'Refund part or all of a till sale; points go back in proportion',
    tags: ['checkout'],
    security: 'deviceSignature',
    before: [authenticate, onceOnly],
    params: z.object({ checkoutId: CheckoutIdSchema }),
    body: CheckoutRefundRequestSchema,
    response: CheckoutRefundAnswerSchema,
    handler: ({ params, body, ctx }) =>
      checkout.refunds.refund(deviceOf(ctx), params.checkoutId, body),
  });
}
