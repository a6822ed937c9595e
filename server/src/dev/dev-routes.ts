import { AppError } from '@memberkit/shared';
import { z } from 'zod';
import type { ApiRouter } from '../platform/http/api-router';
import type { Simulators } from '../server';

/**
 * Development only (never registered in production): the H5 build has no wx.login and no
 * phone-number button, so it asks here for the codes WeChat would have given, and the
 * simulators take them through the real protocol from there (design.md "How the parts talk").
 */
export function registerDevRoutes(api: ApiRouter, simulators: Simulators): void {
  api.route({
    method: 'post',
    path: '/v1/dev/wechat/login-code',
    summary: 'Development: a wx.login code from the WeChat simulator',
    tags: ['development'],
    body: z.strictObject({
      openid: z
        .string()
        .regex(/^[\w-]{6,64}$/)
        .optional(),
    }),
    response: z.object({ code: z.string() }),
    handler: async ({ body }) => ({ code: simulators.wechat.issueLoginCode(body.openid) }),
  });

  api.route({
    method: 'post',
    path: '/v1/dev/wechat/phone-code',
    summary: 'Development: a phone-number button code from the WeChat simulator',
    tags: ['development'],
    body: z.strictObject({ phone: z.string().regex(/^1[3-9]\d{9}$/) }),
    response: z.object({ code: z.string() }),
    handler: async ({ body }) => ({ code: simulators.wechat.issuePhoneCode(body.phone) }),
  });

  registerSimulatedPaymentRoutes(api, simulators);
}

/**
 * No browser can open WeChat's payment sheet, so the H5 parking page and the kiosk page ask
 * here whether a simulated payment is on offer, and take it: the WeChat Pay simulator pays the
 * order and notifies the server (dev-payments.ts). In production neither route exists.
 */
function registerSimulatedPaymentRoutes(api: ApiRouter, simulators: Simulators): void {
  api.route({
    method: 'get',
    path: '/v1/dev/info',
    summary: 'Development: which simulated steps this server offers',
    tags: ['development'],
    response: z.object({ simulatedPayment: z.boolean() }),
    handler: async () => ({ simulatedPayment: Boolean(simulators.wechatPay) }),
  });

  api.route({
    method: 'post',
    path: '/v1/dev/parking/orders/:orderId/simulate-payment',
    summary: 'Development: pay a pending parking order as a phone would (C-4.2.2.6)',
    tags: ['development'],
    params: z.object({ orderId: z.string().regex(/^[0-9A-Za-z_-]{1,32}$/) }),
    response: z.object({ orderId: z.string(), status: z.string() }),
    handler: async ({ params }) => {
      if (!simulators.wechatPay) throw new AppError('SIMULATED_PAYMENT_UNAVAILABLE');
      return simulators.wechatPay.payParkingOrder(params.orderId);
    },
  });
}
