import { z } from 'zod';
import type { ApiRouter } from '../platform/http/api-router';
import type { Services } from '../container';
import { nowSql } from '../platform/db/sql-time';
import { deviceAuth } from './device-auth-middleware';
import { idempotency } from './idempotency-middleware';

const HeartbeatBody = z.strictObject({
  softwareVersion: z.string().min(1).max(40),
  backlog: z.number().int().min(0).optional(),
});

const HeartbeatAnswer = z.object({ deviceId: z.string(), receivedAt: z.string() });

const IDEMPOTENCY_LEASE_SECONDS = 60;

/** Device endpoints; every device write is signed and idempotent (design.md "Interfaces"). */
export function registerDeviceRoutes(api: ApiRouter, services: Services): void {
  const authenticate = deviceAuth(services.devices);
  const onceOnly = idempotency(services.idempotency, IDEMPOTENCY_LEASE_SECONDS);

  api.route({
    method: 'post',
    path: '/v1/devices/heartbeat',
    summary: 'A device reports that it is alive, with its version and outbox backlog',
    tags: ['devices'],
    security: 'deviceSignature',
    before: [authenticate, onceOnly],
    body: HeartbeatBody,
    response: HeartbeatAnswer,
    handler: async ({ body, ctx }) => {
      const deviceId = ctx.state.deviceId as string;
      const receivedAt = nowSql();
      await services.deviceRepository.recordHeartbeat(deviceId, body.softwareVersion, receivedAt);
      ctx.state.log.info({ deviceId, backlog: body.backlog ?? 0 }, 'device heartbeat');
      return { deviceId, receivedAt };
    },
  });
}
