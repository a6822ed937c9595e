import { z } from 'zod';
import type { Services } from '../container';
import { memberSession, staffOnly } from '../auth/auth-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { ClaimAnswer, ClaimSchema, CollectsAnswer, CreateCampaignSchema } from './campaign-schemas';
import { optionalMemberSession } from './optional-session';
import { publicOrigin, registerQrImageRoutes } from './qr-codes';

const TokenParams = z.object({ token: z.string().min(1).max(64) });
const CampaignParams = z.object({ campaignId: z.string().regex(/^cp_[0-9a-f]{24}$/) });
const ClaimParams = CampaignParams.extend({ claimId: z.string().regex(/^cl_[0-9a-f]{24}$/) });

const CampaignSummary = z.object({
  id: z.string(),
  kind: z.string(),
  title: z.string(),
  stockTotal: z.number(),
  stockLeft: z.number(),
  claims: z.number(),
  perMemberLimit: z.number(),
  startsAt: z.string(),
  endsAt: z.string(),
  collects: CollectsAnswer,
  codes: z.array(
    z.object({
      storeCode: z.string(),
      token: z.string(),
      scene: z.string(),
      url: z.string(),
      page: z.string(),
    }),
  ),
});

const staffIdOf = (ctx: AppContext) => ctx.state.staffId as string;

export function registerCampaignRoutes(api: ApiRouter, services: Services): void {
  const { campaigns } = services.collection;
  const campaignStaff = staffOnly(services.staff, ['marketing', 'operations']);
  const counterStaff = staffOnly(services.staff, ['operations', 'service-desk']);
  const session = memberSession(services.sessions, services.vault);

  api.route({
    method: 'post',
    path: '/v1/admin/campaigns',
    summary: 'Create a gift, coupon or sample campaign with its fields and purposes (C-4.2.2.3/4)',
    tags: ['campaigns'],
    security: 'staffToken',
    before: [campaignStaff],
    status: 201,
    body: CreateCampaignSchema,
    response: CampaignSummary,
    handler: ({ body, ctx }) => campaigns.create(body, staffIdOf(ctx), publicOrigin(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/campaigns/:campaignId',
    summary: 'A campaign: stock left, claims so far, and each store QR code token',
    tags: ['campaigns'],
    security: 'staffToken',
    before: [campaignStaff],
    params: CampaignParams,
    response: CampaignSummary,
    handler: ({ params, ctx }) => campaigns.summary(params.campaignId, publicOrigin(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/campaigns/:campaignId/claims/:claimId',
    summary: 'Read one claim form to hand the item over at the counter (audited decrypt)',
    tags: ['campaigns'],
    security: 'staffToken',
    before: [counterStaff],
    params: ClaimParams,
    response: ClaimAnswer.extend({ values: z.record(z.string(), z.string()) }),
    handler: ({ params, ctx }) =>
      campaigns.readClaimValues(params.campaignId, params.claimId, staffIdOf(ctx)),
  });

  registerQrImageRoutes(
    api.router,
    '/v1/admin/campaigns/:campaignId/qr',
    [campaignStaff],
    (ctx, query) =>
      campaigns.qrFor(
        (ctx.params as { campaignId: string }).campaignId,
        query.store,
        publicOrigin(ctx),
      ),
  );

  api.route({
    method: 'get',
    path: '/v1/campaigns/:token',
    summary: 'What a campaign QR code offers, which fields it collects and why (C-4.1.2a)',
    tags: ['campaigns'],
    before: [optionalMemberSession(session)],
    params: TokenParams,
    response: z.record(z.string(), z.unknown()),
    handler: ({ params, ctx }) =>
      campaigns.describe(params.token, ctx.state.pseudonym as string | undefined),
  });

  api.route({
    method: 'post',
    path: '/v1/campaigns/:token/claims',
    summary: 'Claim with only the declared fields; the same code twice gives the first answer',
    tags: ['campaigns'],
    security: 'memberSession',
    before: [session],
    params: TokenParams,
    body: ClaimSchema,
    response: ClaimAnswer,
    handler: ({ params, body, ctx }) =>
      campaigns.claim(ctx.state.pseudonym as string, params.token, body),
  });
}
