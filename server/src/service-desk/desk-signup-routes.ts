import { z } from 'zod';
import type { Services } from '../container';
import { staffOnly } from '../auth/auth-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { SignUpSchema } from '../members/member-schemas';
import { StoreCodeSchema } from '../campaigns/campaign-schemas';
import { publicOrigin, registerQrImageRoutes } from '../campaigns/qr-codes';

const SignupParams = z.object({ signupId: z.string().regex(/^ds_[0-9a-f]{24}$/) });
const TokenParams = z.object({ token: z.string().min(1).max(64) });
const DeskStatus = z.object({
  id: z.string(),
  status: z.enum(['open', 'used', 'expired']),
  storeCode: z.string().nullable(),
  expiresAt: z.string(),
  completedAt: z.string().nullable(),
});
const QrTargetsAnswer = z.object({
  token: z.string(),
  scene: z.string(),
  url: z.string(),
  page: z.string(),
});

export function registerDeskSignupRoutes(api: ApiRouter, services: Services): void {
  const { deskSignups } = services.collection;
  const desk = staffOnly(services.staff, ['service-desk']);

  api.route({
    method: 'post',
    path: '/v1/service-desk/signups',
    summary:
      'Start a sign-up at the service desk and show its QR code (C-4.2.2.1); no consent here',
    tags: ['service-desk'],
    security: 'staffToken',
    before: [desk],
    status: 201,
    // Strict: a staff device cannot send consent choices or shopper data (C-4.2.2.1).
    body: z.strictObject({ storeCode: StoreCodeSchema.optional() }),
    response: DeskStatus.extend({ code: QrTargetsAnswer }),
    handler: ({ body, ctx }) =>
      deskSignups.start(
        (ctx as AppContext).state.staffId as string,
        body.storeCode,
        publicOrigin(ctx),
      ),
  });

  api.route({
    method: 'get',
    path: '/v1/service-desk/signups/:signupId',
    summary: 'Whether the shopper finished the sign-up on their phone',
    tags: ['service-desk'],
    security: 'staffToken',
    before: [desk],
    params: SignupParams,
    response: DeskStatus,
    handler: ({ params }) => deskSignups.status(params.signupId),
  });

  registerQrImageRoutes(api.router, '/v1/service-desk/signups/:signupId/qr', [desk], (ctx) =>
    deskSignups.qrFor((ctx.params as { signupId: string }).signupId, publicOrigin(ctx)),
  );

  api.route({
    method: 'get',
    path: '/v1/desk-signups/:token',
    summary: 'On the shopper phone: the fields a sign-up collects; binding a phone is optional',
    tags: ['service-desk'],
    params: TokenParams,
    response: z.record(z.string(), z.unknown()),
    handler: ({ params }) => deskSignups.describe(params.token),
  });

  api.route({
    method: 'post',
    path: '/v1/desk-signups/:token/members',
    summary: 'The shopper signs up and consents on their own phone (channel service-desk)',
    tags: ['service-desk'],
    status: 201,
    params: TokenParams,
    body: SignUpSchema.omit({ channel: true }),
    response: z.object({
      memberId: z.string(),
      cardNo: z.string(),
      session: z.object({ token: z.string(), expiresAt: z.string() }),
    }),
    handler: ({ params, body }) => deskSignups.join(params.token, body),
  });
}
