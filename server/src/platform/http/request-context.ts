import crypto from 'node:crypto';
import type { Middleware } from 'koa';
import type { Logger } from '../logger';

const REQUEST_ID_PATTERN = /^[\w.-]{8,64}$/;

/** A request id (the caller's if well-formed) and a child logger carrying it. */
export function requestContext(log: Logger): Middleware {
  return async (ctx, next) => {
    const offered = ctx.get('X-Request-Id');
    const requestId = REQUEST_ID_PATTERN.test(offered) ? offered : crypto.randomUUID();
    ctx.state.requestId = requestId;
    ctx.state.log = log.child({ requestId });
    ctx.set('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    await next();
    const ms = Number(process.hrtime.bigint() - started) / 1e6;
    ctx.state.log.debug(
      { method: ctx.method, route: ctx.state.routePath ?? ctx.path, status: ctx.status, ms },
      'request done',
    );
  };
}
