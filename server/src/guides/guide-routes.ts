import { z } from 'zod';
import type { Services } from '../container';
import { staffOnly } from '../auth/auth-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { StoreCodeSchema } from '../campaigns/campaign-schemas';
import { publicOrigin, registerQrImageRoutes } from '../campaigns/qr-codes';

const AnyObject = z.record(z.string(), z.unknown());

export function registerGuideRoutes(api: ApiRouter, services: Services): void {
  const { guides } = services.collection;
  const operations = staffOnly(services.staff, ['operations']);
  const reportReaders = staffOnly(services.staff, ['operations', 'marketing']);

  api.route({
    method: 'post',
    path: '/v1/admin/guides',
    summary: 'Add a shopping guide with a counter QR code and a joining reward (C-4.2.2.2)',
    tags: ['guides'],
    security: 'staffToken',
    before: [operations],
    status: 201,
    body: z.strictObject({
      displayName: z.string().trim().min(1).max(40),
      storeCode: StoreCodeSchema,
      joiningRewardPoints: z.number().int().min(0).max(100_000).default(0),
    }),
    response: AnyObject,
    handler: ({ body, ctx }) =>
      guides.create(body, (ctx as AppContext).state.staffId as string, publicOrigin(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/guides',
    summary: 'Every shopping guide with its QR code token',
    tags: ['guides'],
    security: 'staffToken',
    before: [operations],
    response: z.object({ guides: z.array(AnyObject) }),
    handler: async ({ ctx }) => ({ guides: await guides.list(publicOrigin(ctx)) }),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/guides/report',
    summary: 'Sign-ups attributed to each guide, in an optional time window; no identities',
    tags: ['guides'],
    security: 'staffToken',
    before: [reportReaders],
    query: z.object({
      from: z.iso.datetime({ offset: true }).optional(),
      to: z.iso.datetime({ offset: true }).optional(),
    }),
    response: AnyObject,
    handler: ({ query }) =>
      guides.report({
        from: query.from ? new Date(query.from) : undefined,
        to: query.to ? new Date(query.to) : undefined,
      }),
  });

  registerQrImageRoutes(api.router, '/v1/admin/guides/:guideId/qr', [operations], (ctx) =>
    guides.qrFor((ctx.params as { guideId: string }).guideId, publicOrigin(ctx)),
  );

  api.route({
    method: 'get',
    path: '/v1/guides/:token',
    summary: 'A guide QR code: who helps you join and the joining reward (C-4.2.2.2)',
    tags: ['guides'],
    params: z.object({ token: z.string().min(1).max(64) }),
    response: AnyObject,
    handler: ({ params }) => guides.landing(params.token),
  });
}
