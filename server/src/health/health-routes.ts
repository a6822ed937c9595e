import { z } from 'zod';
import type { ApiRouter } from '../platform/http/api-router';
import type { Services } from '../container';

const HealthSchema = z.object({ status: z.literal('ok') });
const ReadySchema = z.object({
  status: z.literal('ready'),
  core: z.literal('ok'),
  vault: z.literal('ok'),
});

export function registerHealthRoutes(api: ApiRouter, services: Services): void {
  api.route({
    method: 'get',
    path: '/healthz',
    summary: 'The process is up',
    tags: ['health'],
    response: HealthSchema,
    handler: async () => ({ status: 'ok' as const }),
  });

  api.route({
    method: 'get',
    path: '/readyz',
    summary: 'Both databases answer',
    tags: ['health'],
    response: ReadySchema,
    handler: async () => {
      await services.databases.core.raw('select 1');
      await services.databases.vault.raw('select 1');
      return { status: 'ready' as const, core: 'ok' as const, vault: 'ok' as const };
    },
  });
}
