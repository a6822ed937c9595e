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
}
