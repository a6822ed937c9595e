import type { Middleware } from 'koa';
import { AppError, isAppError } from '@memberkit/shared';

/**
 * The one place errors become answers. 4xx: the code, the message and safe details. 5xx: a
 * generic message and the request id, never a stack trace; the error is logged once, here.
 */
export function errorMiddleware(): Middleware {
  return async (ctx, next) => {
    try {
      await next();
      if (ctx.status === 404 && ctx.body === undefined) throw new AppError('NOT_FOUND');
    } catch (caught) {
      const error = isAppError(caught) ? caught : translateKoaError(caught);
      const isClientError = error.status < 500;
      if (!isClientError) ctx.state.log?.error({ err: caught, code: error.code }, 'request failed');
      ctx.status = error.status;
      ctx.body = {
        error: isClientError
          ? { code: error.code, message: error.message, details: error.details }
          : {
              code: 'INTERNAL',
              message: 'Something went wrong on our side',
              requestId: ctx.state.requestId,
            },
      };
    }
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
