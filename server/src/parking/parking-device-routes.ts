import { z } from 'zod';
import type { Services } from '../container';
import { deviceAuth } from '../devices/device-auth-middleware';
import { idempotency } from '../devices/idempotency-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import type { AppContext } from '../platform/http/koa-types';
import {
  GateCommandsSchema,
  GateDecisionSchema,
  GateEventBody,
  OfflineRulesSchema,
} from './parking-schemas';

const IDEMPOTENCY_LEASE_SECONDS = 60;

const deviceOf = (ctx: AppContext) => ctx.state.deviceId as string;

/** The parking adapters' endpoints: signed device requests, every write idempotent. */
export function registerParkingDeviceRoutes(api: ApiRouter, services: Services): void {
  const authenticate = deviceAuth(services.devices, ['parking']);
  const onceOnly = idempotency(services.idempotency, IDEMPOTENCY_LEASE_SECONDS);
  const { parking } = services;

  api.route({
    method: 'post',
    path: '/v1/parking/gate-events',
    summary: 'A camera read at a gate: decide (live) or apply what the barrier did (replayed)',
    tags: ['parking'],
    security: 'deviceSignature',
    before: [authenticate, onceOnly],
    body: GateEventBody,
    response: GateDecisionSchema,
    handler: async ({ body, ctx }) => {
      const decision = await parking.gateEvents.handle(deviceOf(ctx), body);
      ctx.state.log.debug(
        { deviceId: deviceOf(ctx), reason: decision.reason, open: decision.open },
        'gate decision',
      );
      return decision;
    },
  });

  api.route({
    method: 'get',
    path: '/v1/parking/offline-rules',
    summary: 'What the adapter may decide alone: policy, passes and paid stays as keyed hashes',
    tags: ['parking'],
    security: 'deviceSignature',
    before: [authenticate],
    response: OfflineRulesSchema,
    handler: async ({ ctx }) => {
      parking.retention.runWhenDue();
      return parking.offlineRules.rulesFor(deviceOf(ctx));
    },
  });

  api.route({
    method: 'get',
    path: '/v1/parking/gate-commands',
    summary: '"Open once" and "read again" instructions waiting for this adapter\'s cameras',
    tags: ['parking'],
    security: 'deviceSignature',
    before: [authenticate],
    response: GateCommandsSchema,
    handler: async ({ ctx }) => ({ commands: await parking.commands.pendingFor(deviceOf(ctx)) }),
  });

  api.route({
    method: 'post',
    path: '/v1/parking/gate-commands/:commandId/delivered',
    summary: 'The adapter handed the instruction to the camera',
    tags: ['parking'],
    security: 'deviceSignature',
    before: [authenticate, onceOnly],
    params: z.object({ commandId: z.string().min(1).max(40) }),
    response: z.object({ delivered: z.boolean() }),
    handler: async ({ params, ctx }) => ({
      delivered: await parking.commands.acknowledge(deviceOf(ctx), params.commandId),
    }),
  });
}
