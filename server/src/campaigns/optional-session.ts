import type { Middleware } from 'koa';

/**
 * A member session when the request carries one, nothing otherwise: public pages (what a
 * campaign collects and why) also show a member their own state. A bad token is still refused.
 */
export function optionalMemberSession(session: Middleware): Middleware {
  return (ctx, next) => (ctx.get('Authorization') ? session(ctx, next) : next());
}
