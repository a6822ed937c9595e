import { AppError } from '@memberkit/shared';
import type { Middleware } from 'koa';
import { z } from 'zod';
import { memberSession } from '../auth/auth-middleware';
import type { Services } from '../container';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import { FixedWindowCounter } from './fixed-window-counter';

/**
 * The page asks once per 30 s step and again when it comes back to the front; twenty a minute
 * leaves room for that and stops a client that loops.
 */
const CODE_REQUESTS_PER_MINUTE = 20;

const IssuedCodeSchema = z.object({
  code: z.string().regex(/^88\d{16}$/),
  expiresAt: z.string(),
  stepSeconds: z.number().int(),
});

function perMemberLimit(): Middleware {
  const counter = new FixedWindowCounter(CODE_REQUESTS_PER_MINUTE, 60_000);
  return async (ctx, next) => {
    const memberId = (ctx as AppContext).state.memberId as string;
    if (!counter.hit(memberId)) {
      const retryAfterSeconds = Math.max(1, Math.ceil(counter.msUntilReset(memberId) / 1000));
      throw new AppError('RATE_LIMITED', { details: { retryAfterSeconds } });
    }
    await next();
  };
}

/** The member's own code for the till, shown in the mini-program (issue #6, C-4.2.1.4). */
export function registerMemberCodeRoutes(api: ApiRouter, services: Services): void {
  api.route({
    method: 'get',
    path: '/v1/me/member-code',
    summary: 'My member code for the till: 18 digits, single use, valid for one 30 s step',
    tags: ['members'],
    security: 'memberSession',
    before: [memberSession(services.sessions, services.vault), perMemberLimit()],
    response: IssuedCodeSchema,
    handler: ({ ctx }) => services.memberCodes.issue(ctx.state.memberId as string),
  });
}
