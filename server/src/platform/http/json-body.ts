import { bodyParser } from '@koa/bodyparser';
import type { Middleware } from 'koa';
import compose from 'koa-compose';
import { AppError, ValidationError } from '@memberkit/shared';
import { findForbiddenKeys } from './forbidden-keys';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

// zlib's codes for compressed data that does not decompress (inflate.c, brotli decoder).
const CORRUPT_COMPRESSION_CODES = new Set([
  'Z_DATA_ERROR',
  'Z_BUF_ERROR',
  'ERR_BROTLI_DECOMPRESSION_FAILED',
  'ERR__ERROR_FORMAT_PADDING_1',
]);

/**
 * Bodies are JSON and at most `limitBytes`. A body of another type is refused with 415 before
 * it is read (WeChat's encryptedData must arrive byte for byte, so never as a form); malformed
 * JSON is 400 JSON_INVALID; an oversized body is 413 BODY_TOO_LARGE; a Content-Encoding other
 * than gzip, deflate or br is 415 CONTENT_ENCODING_UNSUPPORTED and a body that does not
 * decompress 400 CONTENT_ENCODING_INVALID; a `__proto__` or `constructor` key anywhere is 400
 * VALIDATION_FAILED naming it (C-4.1.4a: no prototype pollution through any later merge). Routes
 * that speak another wire format (XML notifications, camera pushes) mount their own parser
 * outside this one.
 */
export function jsonBody(limitBytes: number): Middleware {
  return compose([requireJsonContentType(), parseJson(limitBytes), refuseForbiddenKeys()]);
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
      throw translateParseError(error);
    },
  });
  return parser as unknown as Middleware;
}

function translateParseError(error: Error): AppError {
  const { type, status, code, body } = error as {
    type?: string;
    status?: number;
    code?: string;
    body?: unknown;
  };
  if (type === 'entity.too.large') return new AppError('BODY_TOO_LARGE');
  // The inflation package answers an encoding it does not know with a bare status 415.
  if (status === 415 || type === 'encoding.unsupported')
    return new AppError('CONTENT_ENCODING_UNSUPPORTED');
  if (code && CORRUPT_COMPRESSION_CODES.has(code))
    return new AppError('CONTENT_ENCODING_INVALID', { cause: error });
  // The parser refuses prototype keys as a syntax error; valid JSON is named precisely instead.
  const forbidden = typeof body === 'string' ? forbiddenKeysOfJson(body) : [];
  if (forbidden.length > 0) return forbiddenKeysError(forbidden);
  return new AppError('JSON_INVALID', { cause: error });
}

function refuseForbiddenKeys(): Middleware {
  return async (ctx, next) => {
    const forbidden = findForbiddenKeys((ctx.request as { body?: unknown }).body);
    if (forbidden.length > 0) throw forbiddenKeysError(forbidden);
    await next();
  };
}

function forbiddenKeysOfJson(text: string): string[] {
  try {
    return findForbiddenKeys(JSON.parse(text));
  } catch {
    return [];
  }
}

function forbiddenKeysError(paths: string[]): ValidationError {
  return new ValidationError(paths.map((path) => ({ path, problem: 'forbidden key' })));
}
