import crypto from 'node:crypto';
import type { Middleware } from 'koa';
import { AppError, isAppError } from '@memberkit/shared';
import { fromSqlDateTime } from '../platform/db/sql-time';
import type { AppContext } from '../platform/http/koa-types';
import type { IdempotencyRepository } from './idempotency-repository';

const KEY_PATTERN = /^[\w.:-]{1,128}$/;
// A key that breaks the rule is a client bug, not a missing key: say what the rule is.
const KEY_RULE = {
  details: { header: 'Idempotency-Key', maxLength: 128, allowed: 'A-Z a-z 0-9 _ . : -' },
};

/**
 * Idempotency for device writes (design.md "Interfaces"). Same key and body: the stored answer
 * again. Other body: 409 IDEMPOTENCY_MISMATCH. Still running: 409 IDEMPOTENCY_IN_PROGRESS.
 * A run that died (server killed) holds its key only until its lease ends; then a retry runs it
 * again, and the handler's own business keys keep that second run from doubling anything.
 */
export function idempotency(repository: IdempotencyRepository, leaseSeconds: number): Middleware {
  return async (ctx, next) => {
    const appCtx = ctx as AppContext;
    const key = ctx.get('Idempotency-Key');
    if (!key) throw new AppError('IDEMPOTENCY_KEY_REQUIRED');
    if (!KEY_PATTERN.test(key)) throw new AppError('IDEMPOTENCY_KEY_INVALID', KEY_RULE);

    const deviceId = appCtx.state.deviceId as string;
    const rawBody = (ctx.request as { rawBody?: string }).rawBody ?? '';
    const requestHash = crypto
      .createHash('sha256')
      .update(`${ctx.method}\n${ctx.path}\n${rawBody}`)
      .digest('hex');
    const lease = () => new Date(Date.now() + leaseSeconds * 1000);
    if (!(await repository.claim(deviceId, key, requestHash, lease()))) {
      const replayed = await answerFromStore(appCtx, repository, deviceId, key, requestHash, lease);
      if (replayed) return;
    }

    await runAndStore(appCtx, next, repository, deviceId, key);
  };
}

/** True when the stored answer was sent; false when this request took over a dead run. */
async function answerFromStore(
  ctx: AppContext,
  repository: IdempotencyRepository,
  deviceId: string,
  key: string,
  requestHash: string,
  lease: () => Date,
): Promise<boolean> {
  const record = await repository.find(deviceId, key);
  if (!record) throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  if (record.requestHash !== requestHash) throw new AppError('IDEMPOTENCY_MISMATCH');
  if (record.state === 'done') {
    ctx.status = record.responseStatus ?? 200;
    ctx.body = record.responseBody ? JSON.parse(record.responseBody) : null;
    ctx.set('Idempotent-Replayed', 'true');
    return true;
  }

  const leaseEnded = fromSqlDateTime(record.lockedUntil).getTime() < Date.now();
  if (!leaseEnded || !(await repository.takeOver(deviceId, key, record.lockedUntil, lease()))) {
    throw new AppError('IDEMPOTENCY_IN_PROGRESS');
  }
  return false;
}

async function runAndStore(
  ctx: AppContext,
  next: () => Promise<unknown>,
  repository: IdempotencyRepository,
  deviceId: string,
  key: string,
) {
  try {
    await next();
  } catch (error) {
    if (isAppError(error) && error.status < 500) {
      const body = { error: { code: error.code, message: error.message, details: error.details } };
      await repository.complete(deviceId, key, error.status, JSON.stringify(body));
    } else {
      await repository.release(deviceId, key);
    }
    throw error;
  }

  await repository.complete(deviceId, key, ctx.status, JSON.stringify(ctx.body ?? null));
}
