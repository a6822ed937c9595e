import { z } from 'zod';
import { memberSession } from '../auth/auth-middleware';
import type { Services } from '../container';
import { deviceAuth } from '../devices/device-auth-middleware';
import { idempotency } from '../devices/idempotency-middleware';
import type { ApiRouter } from '../platform/http/api-router';
import { OnlineEventsAnswer, OnlineEventsBody, OwnOnlineEventSchema } from './online-event-schemas';

const IDEMPOTENCY_LEASE_SECONDS = 60;

/** C-4.2.1.5: the retailer's own online channels report shopping events; members see theirs. */
export function registerOnlineEventRoutes(api: ApiRouter, services: Services): void {
  const channel = deviceAuth(services.devices, ['online-channel']);
  const onceOnly = idempotency(services.idempotency, IDEMPOTENCY_LEASE_SECONDS);
  const session = memberSession(services.sessions, services.vault);
  const { onlineEvents } = services;

  api.route({
    method: 'post',
    path: '/v1/online-events',
    summary:
      'Record up to 100 shopping events under the pseudonym, each only with consent. An event ' +
      'for an unknown member, or one without consent, is refused as ONLINE_EVENT_NOT_RECORDED ' +
      'with no reason given',
    tags: ['online-events'],
    security: 'deviceSignature',
    before: [channel, onceOnly],
    body: OnlineEventsBody,
    response: OnlineEventsAnswer,
    handler: async ({ body, ctx }) => {
      const deviceId = ctx.state.deviceId as string;
      const { answer, refusals } = await onlineEvents.service.record(deviceId, body.events);
      onlineEvents.retention.runWhenDue();
      const { recorded, duplicates, refused } = answer;
      // The real reason for each refusal is kept here, by its place in the batch, not told.
      ctx.state.log.info(
        { deviceId, recorded, duplicates, refused, refusals },
        'online events received',
      );
      return answer;
    },
  });

  api.route({
    method: 'get',
    path: '/v1/me/online-events',
    summary: 'My online shopping events, newest first',
    tags: ['online-events'],
    security: 'memberSession',
    before: [session],
    query: z.object({ limit: z.coerce.number().int().min(1).max(500).default(100) }),
    response: z.object({ events: z.array(OwnOnlineEventSchema) }),
    handler: async ({ query, ctx }) => ({
      events: await onlineEvents.service.listOwn(ctx.state.pseudonym as string, query.limit),
    }),
  });
}
