import { z } from 'zod';
import type { Services } from '../container';
import { memberSession, staffOnly } from '../auth/auth-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { parseInput } from '../platform/http/validate';
import { publicOrigin, registerQrImageRoutes } from '../campaigns/qr-codes';
import { AnswersSchema, CreateSurveySchema } from './survey-schemas';

const SurveyParams = z.object({ surveyId: z.string().regex(/^sv_[0-9a-f]{24}$/) });
const TokenParams = z.object({ token: z.string().min(1).max(64) });
const AnyObject = z.record(z.string(), z.unknown());

const staffIdOf = (ctx: AppContext) => ctx.state.staffId as string;

export function registerSurveyRoutes(api: ApiRouter, services: Services): void {
  const { surveys } = services.collection;
  const marketing = staffOnly(services.staff, ['marketing']);
  const session = memberSession(services.sessions, services.vault);

  api.route({
    method: 'post',
    path: '/v1/admin/surveys',
    summary: 'Define a survey: single, multiple, scale and free-text questions (C-4.2.2.5)',
    tags: ['surveys'],
    security: 'staffToken',
    before: [marketing],
    status: 201,
    body: CreateSurveySchema,
    response: AnyObject,
    handler: ({ body, ctx }) => surveys.create(body, staffIdOf(ctx), publicOrigin(ctx)),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/surveys/:surveyId',
    summary: 'A survey, its questions, response count and QR code token',
    tags: ['surveys'],
    security: 'staffToken',
    before: [marketing],
    params: SurveyParams,
    response: AnyObject,
    handler: ({ params, ctx }) => surveys.summary(params.surveyId, publicOrigin(ctx)),
  });

  api.route({
    method: 'post',
    path: '/v1/admin/surveys/:surveyId/close',
    summary: 'Close a survey: no more answers are taken',
    tags: ['surveys'],
    security: 'staffToken',
    before: [marketing],
    params: SurveyParams,
    response: z.object({ status: z.literal('closed') }),
    handler: ({ params }) => surveys.close(params.surveyId),
  });

  api.route({
    method: 'get',
    path: '/v1/admin/surveys/:surveyId/results',
    summary: 'Results per question, with no identities (C-4.2.2.5)',
    tags: ['surveys'],
    security: 'staffToken',
    before: [marketing],
    params: SurveyParams,
    response: AnyObject,
    handler: ({ params, ctx }) => surveys.results(params.surveyId, staffIdOf(ctx)),
  });

  // CSV is not JSON, so it sits on the plain router, behind the same guard.
  api.router.get('/v1/admin/surveys/:surveyId/results.csv', marketing, async (ctx) => {
    const { surveyId } = parseInput(SurveyParams, ctx.params);
    ctx.set('Content-Disposition', `attachment; filename="survey-${surveyId}.csv"`);
    ctx.set('Cache-Control', 'no-store');
    ctx.type = 'text/csv; charset=utf-8';
    ctx.body = await surveys.exportCsv(surveyId, staffIdOf(ctx as AppContext));
  });

  registerQrImageRoutes(api.router, '/v1/admin/surveys/:surveyId/qr', [marketing], (ctx) =>
    surveys.qrFor((ctx.params as { surveyId: string }).surveyId, publicOrigin(ctx)),
  );

  api.route({
    method: 'get',
    path: '/v1/surveys/:token',
    summary: 'A survey as this member may see it; identifying questions only with consent',
    tags: ['surveys'],
    security: 'memberSession',
    before: [session],
    params: TokenParams,
    response: AnyObject,
    handler: ({ params, ctx }) => surveys.forMember(params.token, ctx.state.pseudonym as string),
  });

  api.route({
    method: 'post',
    path: '/v1/surveys/:token/responses',
    summary: 'Answer a survey once, under the survey consent; stored under the pseudonym',
    tags: ['surveys'],
    security: 'memberSession',
    before: [session],
    params: TokenParams,
    body: AnswersSchema,
    status: 201,
    response: z.object({ responseId: z.string(), answeredAt: z.string() }),
    handler: ({ params, body, ctx }) =>
      surveys.answer(params.token, ctx.state.pseudonym as string, body.answers),
  });
}
