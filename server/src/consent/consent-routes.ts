import { CONSENT_PURPOSES, PURPOSE_IDS, type PurposeId } from '@memberkit/shared';
import { z } from 'zod';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { memberSession } from '../auth/auth-middleware';
import { ConsentChoicesSchema, ChannelSchema } from '../members/member-schemas';

const PurposeStateSchema = z.object({
  purpose: z.enum(PURPOSE_IDS),
  kind: z.enum(['basic', 'extended']),
  status: z.enum(['granted', 'refused', 'withdrawn', 'none']),
  noticeVersion: z.number().nullable(),
  needsReconsent: z.boolean(),
  active: z.boolean(),
  askAgain: z.boolean(),
});

const pseudonymOf = (ctx: AppContext) => ctx.state.pseudonym as string;

export function registerConsentRoutes(api: ApiRouter, services: Services): void {
  const session = memberSession(services.sessions, services.vault);

  api.route({
    method: 'get',
    path: '/v1/notices/current',
    summary: 'The current privacy notice with every purpose, its fields and retention (C-4.1.2a)',
    tags: ['consent'],
    response: z.record(z.string(), z.unknown()),
    handler: async () => {
      const notice = await services.consents.currentNotice();
      const purposes = PURPOSE_IDS.map((id) => ({
        ...CONSENT_PURPOSES[id],
        fields: notice.scope[id] ?? [],
      }));
      return {
        version: notice.version,
        text: notice.text,
        textHash: notice.textHash,
        publishedAt: notice.publishedAt,
        purposes,
      };
    },
  });

  api.route({
    method: 'get',
    path: '/v1/me/consents',
    summary: 'My consents now, what to ask again, and the full history',
    tags: ['consent'],
    security: 'memberSession',
    before: [session],
    response: z.record(z.string(), z.unknown()),
    handler: async ({ ctx }) => {
      const notice = await services.consents.currentNotice();
      return {
        noticeVersion: notice.version,
        purposes: await services.consents.states(pseudonymOf(ctx)),
        events: await services.consents.events(pseudonymOf(ctx)),
        history: (await services.consents.history(pseudonymOf(ctx))).map(
          ({ pseudonym: _omitted, ...record }) => record,
        ),
      };
    },
  });

  api.route({
    method: 'post',
    path: '/v1/me/consents',
    summary: 'Agree to or refuse purposes under the current notice (also re-consent, U-6.1.2)',
    tags: ['consent'],
    security: 'memberSession',
    before: [session],
    body: z.strictObject({
      noticeVersion: z.number().int().min(1),
      choices: ConsentChoicesSchema,
      channel: ChannelSchema.default('weapp'),
    }),
    response: z.object({ purposes: z.array(PurposeStateSchema) }),
    handler: async ({ body, ctx }) => {
      await services.consents.recordChoices(
        services.databases.core,
        pseudonymOf(ctx),
        body.choices,
        body.noticeVersion,
        body.channel,
      );
      return { purposes: await services.consents.states(pseudonymOf(ctx)) };
    },
  });

  api.route({
    method: 'post',
    path: '/v1/me/consents/:purpose/withdraw',
    summary:
      'Withdraw a consent in one action (C-4.1.2b); withdrawing membership closes the account',
    tags: ['consent'],
    security: 'memberSession',
    before: [session],
    params: z.object({ purpose: z.enum(PURPOSE_IDS) }),
    body: z.strictObject({ channel: ChannelSchema.default('weapp') }).optional(),
    response: z.record(z.string(), z.unknown()),
    handler: async ({ params, body, ctx }) => {
      const purpose = params.purpose as PurposeId;
      if (purpose === 'membership')
        return {
          accountDeleted: true,
          receipt: await services.account.deleteAccount(ctx.state.memberId as string),
        };
      const erased = await services.withdrawals.withdraw(
        ctx.state.memberId as string,
        purpose,
        body?.channel ?? 'weapp',
      );
      return {
        withdrawn: purpose,
        erased,
        purposes: await services.consents.states(pseudonymOf(ctx)),
      };
    },
  });

  api.route({
    method: 'get',
    path: '/v1/me/consents/receipt',
    summary: 'A signed consent receipt to keep: what I agreed to, under which notice, when',
    tags: ['consent'],
    security: 'memberSession',
    before: [session],
    response: z.record(z.string(), z.unknown()),
    handler: async ({ ctx }) => {
      const states = await services.consents.states(pseudonymOf(ctx));
      const notice = await services.consents.currentNotice();
      const history = await services.consents.history(pseudonymOf(ctx));
      return services.receipts.sign('consent', {
        cardNo: (await services.vault.requireActive(ctx.state.memberId as string)).cardNo,
        currentNoticeVersion: notice.version,
        currentNoticeHash: notice.textHash,
        purposes: states.map((state) => ({
          purpose: state.purpose,
          title: CONSENT_PURPOSES[state.purpose].title,
          status: state.status,
          noticeVersion: state.noticeVersion,
        })),
        decisions: history.map((record) => ({
          purpose: record.purpose,
          status: record.status,
          noticeVersion: record.noticeVersion,
          channel: record.channel,
          decidedAt: record.decidedAt,
          withdrawnAt: record.withdrawnAt,
        })),
        events: await services.consents.events(pseudonymOf(ctx)),
      });
    },
  });
}
