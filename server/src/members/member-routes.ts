import { z } from 'zod';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { memberSession } from '../auth/auth-middleware';
import { OptionalFieldsSchema, ProfileSchema, SignUpSchema } from './member-schemas';

const memberId = (ctx: AppContext) => ctx.state.memberId as string;

const PhoneBindingSchema = z.discriminatedUnion('method', [
  z.strictObject({
    method: z.literal('sms'),
    phone: z.string().min(11).max(20),
    code: z.string().regex(/^\d{6}$/),
  }),
  z.strictObject({ method: z.literal('wechat'), code: z.string().min(1).max(256) }),
  z.strictObject({
    method: z.literal('wechat-legacy'),
    encryptedData: z.string().min(1).max(4096),
    iv: z.string().min(1).max(64),
  }),
]);

const PasswordProof = {
  currentPassword: z.string().max(128).optional(),
  smsCode: z
    .string()
    .regex(/^\d{6}$/)
    .optional(),
};

export function registerMemberRoutes(api: ApiRouter, services: Services): void {
  const session = memberSession(services.sessions, services.vault);
  const ok = z.object({ ok: z.literal(true) });

  api.route({
    method: 'post',
    path: '/v1/members',
    summary: 'Become a member: consents per purpose, then only the fields they allow (C-4.2.1.1)',
    tags: ['members'],
    status: 201,
    body: SignUpSchema,
    response: z.object({
      memberId: z.string(),
      cardNo: z.string(),
      session: z.object({ token: z.string(), expiresAt: z.string() }),
    }),
    handler: ({ body }) => services.signup.signUp(body),
  });

  api.route({
    method: 'get',
    path: '/v1/me',
    summary: 'My account: profile, masked phone, cards, points',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    response: z.record(z.string(), z.unknown()),
    handler: async ({ ctx }) => ({
      ...(await services.account.profile(memberId(ctx))),
      hasPassword: await services.passwords.hasPassword(memberId(ctx)),
    }),
  });

  api.route({
    method: 'patch',
    path: '/v1/me/profile',
    summary: 'Edit my profile; optional fields only if I add them (C-4.2.1.3b)',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    body: z.strictObject({
      profile: ProfileSchema.default({}),
      optional: OptionalFieldsSchema.default({}),
    }),
    response: ok,
    handler: async ({ body, ctx }) => {
      await services.account.updateProfile(memberId(ctx), body.profile, body.optional);
      return { ok: true as const };
    },
  });

  api.route({
    method: 'post',
    path: '/v1/me/phone',
    summary: 'Bind my phone by SMS code or by the WeChat phone-number button (optional)',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    body: PhoneBindingSchema,
    response: z.object({ phone: z.string() }),
    handler: ({ body, ctx }) =>
      services.phoneBinding.bind(memberId(ctx), ctx.state.sessionTokenHash as string, body),
  });

  api.route({
    method: 'post',
    path: '/v1/me/cards',
    summary: 'Bind my offline membership card; its points move to me (C-4.2.1.3a)',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    body: z.strictObject({ cardNo: z.string().regex(/^\d{6,20}$/) }),
    response: z.object({ cardNo: z.string(), pointsMoved: z.number(), balance: z.number() }),
    handler: ({ body, ctx }) => services.cardBinding.bind(memberId(ctx), body.cardNo),
  });

  api.route({
    method: 'put',
    path: '/v1/me/password',
    summary: 'Set or change my website password (a change needs the current one or an SMS code)',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    body: z.strictObject({ newPassword: z.string().max(128), ...PasswordProof }),
    response: ok,
    handler: async ({ body, ctx }) => {
      await services.passwords.set(memberId(ctx), body.newPassword, body);
      return { ok: true as const };
    },
  });

  api.route({
    method: 'post',
    path: '/v1/me/password/remove',
    summary: 'Remove my website password',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    body: z.strictObject(PasswordProof),
    response: ok,
    handler: async ({ body, ctx }) => {
      await services.passwords.remove(memberId(ctx), body);
      return { ok: true as const };
    },
  });

  api.route({
    method: 'get',
    path: '/v1/me/export',
    summary: 'Export everything held about me as JSON',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    response: z.record(z.string(), z.unknown()),
    handler: ({ ctx }) => services.account.export(memberId(ctx)),
  });

  api.route({
    method: 'delete',
    path: '/v1/me',
    summary: 'Delete my account in one action and get a deletion receipt (D-7.2)',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    response: z.record(z.string(), z.unknown()),
    handler: ({ ctx }) => services.account.deleteAccount(memberId(ctx)),
  });

  api.route({
    method: 'post',
    path: '/v1/me/logout',
    summary: 'End this session',
    tags: ['members'],
    security: 'memberSession',
    before: [session],
    response: ok,
    handler: async ({ ctx }) => {
      await services.sessions.logout(ctx.state.sessionTokenHash as string);
      return { ok: true as const };
    },
  });
}
