import { COLLECTED_FIELDS, PURPOSE_IDS } from '@memberkit/shared';
import { z } from 'zod';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import { staffOnly } from '../auth/auth-middleware';

export function registerAdminRoutes(api: ApiRouter, services: Services): void {
  const privacyOfficer = staffOnly(services.staff, ['privacy-officer']);
  const marketing = staffOnly(services.staff, ['marketing']);

  api.route({
    method: 'post',
    path: '/v1/admin/notices',
    summary:
      'Publish a new privacy notice; consents whose purpose widened must be given again (U-6.1.2)',
    tags: ['admin'],
    security: 'staffToken',
    before: [privacyOfficer],
    status: 201,
    body: z.strictObject({
      text: z.string().min(20).max(100_000),
      scope: z.partialRecord(z.enum(PURPOSE_IDS), z.array(z.enum(COLLECTED_FIELDS)).min(1)),
    }),
    response: z.object({ version: z.number(), widened: z.array(z.string()), marked: z.number() }),
    handler: ({ body, ctx }) =>
      services.consents.publishNotice(body.text, body.scope, `staff:${ctx.state.staffId}`),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/marketing/messages',
    summary: 'Send a subscription message to a member by pseudonym, only under marketing consent',
    tags: ['admin'],
    security: 'staffToken',
    before: [marketing],
    body: z.strictObject({
      pseudonym: z.string().regex(/^p_[0-9a-f]{24}$/),
      templateId: z.string().min(1).max(64),
      data: z.record(z.string(), z.object({ value: z.string().max(200) })),
    }),
    response: z.object({ sent: z.literal(true) }),
    handler: ({ body, ctx }) =>
      services.marketing.sendSubscribeMessage(
        ctx.state.staffId as string,
        body.pseudonym,
        body.templateId,
        body.data,
      ),
  });
}
