import type { Context, Middleware } from 'koa';
import { AppError, isAppError } from '@memberkit/shared';

/** How a route that does not speak JSON (WeChat Pay's XML notify_url) shapes its errors. */
export type ErrorAnswer = (ctx: Context, error: AppError) => void;

/**
 * The one place errors become answers. 4xx: the code, the message and safe details. 5xx: a
 * generic message and the request id, never a stack trace. The error is logged once, here: a
 * 4xx as one line with its code and the internal reason the caller is not told (never a stack),
 * a 5xx with its stack. A 429 says when to come back in Retry-After.
 */
export function errorMiddleware(options: { answer?: ErrorAnswer } = {}): Middleware {
  const answer = options.answer ?? answerJson;
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND');
    } catch (caught) {
      const error = isAppError(caught) ? caught : translateKoaError(caught);
      logOnce(ctx, error, caught);
      const retryAfter = error.details?.retryAfterSeconds;
      if (typeof retryAfter === 'number') ctx.set('Retry-After', String(retryAfter));
      answer(ctx, error);
    }
  };
}

function answerJson(ctx: Context, error: AppError): void {
  ctx.status = error.status;
  ctx.body = { error: publicError(error, ctx.state.requestId) };
}

/**
 * A provider that failed or did not answer (502-504) is not our bug, and its code tells the
 * caller what to do: PAYMENT_OUTCOME_UNKNOWN means "do not charge again, ask later". Those keep
 * their code and message; their details, which may name internals, are not shown.
 */
const UPSTREAM_STATUSES = new Set([502, 503, 504]);

/** The JSON error object a caller sees; also used for answers written outside Koa. */
export function publicError(error: AppError, requestId?: string) {
  if (error.status < 500)
    return { code: error.code, message: error.message, details: error.details };
  if (UPSTREAM_STATUSES.has(error.status) && error.code !== 'INTERNAL')
    return { code: error.code, message: error.message, requestId };
  return { code: 'INTERNAL', message: 'Something went wrong on our side', requestId };
}

function logOnce(ctx: Context, error: AppError, caught: unknown): void {
  if (error.status >= 500) {
    ctx.state.log?.error({ err: caught, code: error.code }, 'request failed');
    return;
  }
  // The route template, never the path itself: a path may carry a plate or a card number.
  const route = ctx.state.routePath ?? (ctx as { _matchedRoute?: unknown })._matchedRoute;
  ctx.state.log?.info(
    { code: error.code, status: error.status, route, ...internalReason(error) },
    'request refused',
  );
}

/**
 * A refusal that hides its cause from the caller (BINDING_REFUSED, a throttled login) keeps it
 * for the log: the code of the cause and its `reason` / `kind` detail, never values.
 */
function internalReason(error: AppError): Record<string, unknown> {
  const cause = error.cause;
  const reason = error.details?.reason;
  if (!isAppError(cause)) return typeof reason === 'string' ? { reason } : {};
  return {
    reason: cause.code,
    ...(typeof cause.details?.reason === 'string' ? { detail: cause.details.reason } : {}),
    ...(typeof cause.details?.kind === 'string' ? { kind: cause.details.kind } : {}),
  };
}

/** Errors thrown by Koa, the router or the body parser carry an HTTP status of their own. */
function translateKoaError(caught: unknown): AppError {
  const status =
    (caught as { status?: number; statusCode?: number })?.status ??
    (caught as { statusCode?: number })?.statusCode;
  const type = (caught as { type?: string })?.type;
  if (status === 413 || type === 'entity.too.large') return new AppError('BODY_TOO_LARGE');
  if (type === 'entity.parse.failed' || (status === 400 && caught instanceof SyntaxError))
    return new AppError('JSON_INVALID');
  if (status === 415) return new AppError('CONTENT_TYPE_UNSUPPORTED');
  // 501 is the router's answer to a method it does not know at all (TRACE, PROPFIND...).
  if (status === 405 || status === 501) return new AppError('METHOD_NOT_ALLOWED');
  if (status === 404) return new AppError('NOT_FOUND');
  if (status && status >= 400 && status < 500)
    return new AppError('VALIDATION_FAILED', { details: { reason: type ?? 'bad request' } });
  return new AppError('INTERNAL', { cause: caught });
}
