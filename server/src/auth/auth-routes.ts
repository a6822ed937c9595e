import { z } from 'zod';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import { ChannelSchema } from '../members/member-schemas';

const PhoneText = z.string().min(11).max(20);
const SessionAnswer = z.object({ token: z.string(), expiresAt: z.string() });
const LoginAnswer = z.union([
  z.object({ status: z.literal('member'), session: SessionAnswer }),
  z.object({ status: z.literal('new'), signupTicket: z.string() }),
]);

export function registerAuthRoutes(api: ApiRouter, services: Services): void {
  api.route({
    method: 'post',
    path: '/v1/auth/wechat/login',
    summary: 'Log in with a wx.login code; a shopper who is not a member gets a sign-up ticket',
    tags: ['auth'],
    body: z.strictObject({
      code: z.string().min(1).max(128),
      channel: ChannelSchema.default('weapp'),
    }),
    response: LoginAnswer,
    handler: ({ body }) => services.login.withWechat(body.code, body.channel),
  });

  api.route({
    method: 'post',
    path: '/v1/auth/sms/send',
    summary: 'Send a six-digit SMS code (login, phone binding or password change)',
    tags: ['auth'],
    body: z.strictObject({ phone: PhoneText, purpose: z.enum(['login', 'bind', 'password']) }),
    response: z.object({ expiresInSeconds: z.number() }),
    handler: ({ body, ctx }) => services.smsCodes.send(body.phone, body.purpose, ctx.ip),
  });

  api.route({
    method: 'post',
    path: '/v1/auth/sms/login',
    summary: 'Log in with phone + SMS code (website and the SMS path of the mini-program)',
    tags: ['auth'],
    body: z.strictObject({
      phone: PhoneText,
      code: z.string().regex(/^\d{6}$/),
      channel: ChannelSchema.default('website'),
    }),
    response: LoginAnswer,
    handler: ({ body }) => services.login.withSmsCode(body.phone, body.code, body.channel),
  });

  api.route({
    method: 'post',
    path: '/v1/auth/password/login',
    summary: 'Website login with phone + password (members who set one); throttled (C-4.1.4a)',
    tags: ['auth'],
    body: z.strictObject({ phone: PhoneText, password: z.string().min(1).max(128) }),
    response: SessionAnswer,
    handler: ({ body, ctx }) => services.passwords.login(body.phone, body.password, ctx.ip),
  });
}
