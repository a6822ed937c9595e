import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import compose from 'koa-compose';
import { AppError } from '@memberkit/shared';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Bodies are JSON and at most `limitBytes`. A body of another type is refused with 415 before
 * it is read (WeChat's encryptedData must arrive byte for byte, so never as a form); malformed
 * JSON is 400 JSON_INVALID; an oversized body is 413 BODY_TOO_LARGE. Routes that speak another
 * wire format (XML notifications, camera pushes) mount their own parser outside this one.
 */
export function jsonBody(limitBytes: number): Middleware {
  return compose([requireJsonContentType(), parseJson(limitBytes)]);
}

function requireJsonContentType(): Middleware {
  return async (ctx, next) => {
    const hasBody =
      Number(ctx.get('Content-Length') || 0) > 0 || Boolean(ctx.get('Transfer-Encoding'));
    if (WRITE_METHODS.has(ctx.method) && hasBody && !ctx.is('application/json')) {
      throw new AppError('CONTENT_TYPE_UNSUPPORTED');
    }
    await next();
  };
}

function parseJson(limitBytes: number): Middleware {
  const parser = bodyParser({
    enableTypes: ['json'],
    jsonLimit: limitBytes,
    jsonStrict: true,
    parsedMethods: [...WRITE_METHODS],
    onError(error) {
      const type = (error as { type?: string }).type;
      if (type === 'entity.too.large') throw new AppError('BODY_TOO_LARGE');
      throw new AppError('JSON_INVALID', { cause: error });
    },
  });
  return parser as unknown as Middleware;
}
