import Router from '@koa/router';
import type { OpenAPIRegistry } from '@asteasolutions/zod-to-openapi';
import type { Middleware } from 'koa';
import { z } from 'zod';
import type { AppContext } from './koa-types';
import { parseInput } from './validate';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';
export type Security = 'deviceSignature' | 'memberSession' | 'staffToken';

export interface RouteInput<B, Q, P> {
  body: B;
  query: Q;
  params: P;
  ctx: AppContext;
}

export interface RouteDefinition<
  BS extends z.ZodType,
  QS extends z.ZodType,
  PS extends z.ZodType,
  RS extends z.ZodType,
> {
  method: HttpMethod;
  path: string;
  summary: string;
  tags: string[];
  body?: BS;
  query?: QS;
  params?: PS;
  response: RS;
  status?: number;
  security?: Security;
  /** Middleware that runs before validation, e.g. device authentication or idempotency. */
  before?: Middleware[];
  handler: (input: RouteInput<z.output<BS>, z.output<QS>, z.output<PS>>) => Promise<z.input<RS>>;
}

// A route that declares no body takes none: unknown fields are refused, not ignored.
const NO_BODY = z.strictObject({}).optional();

const ErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).optional(),
  }),
});

/**
 * A router whose routes carry their schemas: one definition validates the request, shapes the
 * answer and documents itself in /openapi.json. Routes stay short: validate, call a service,
 * return what the service gives.
 */
export class ApiRouter {
  readonly router = new Router();

  constructor(private readonly registry: OpenAPIRegistry) {}

  route<BS extends z.ZodType, QS extends z.ZodType, PS extends z.ZodType, RS extends z.ZodType>(
    definition: RouteDefinition<BS, QS, PS, RS>,
  ): void {
    this.document(definition);
    const handle: Middleware = async (ctx) => {
      const appCtx = ctx as AppContext;
      appCtx.state.routePath = definition.path;
      const input = {
        body: parseInput(definition.body ?? NO_BODY, (ctx.request as { body?: unknown }).body),
        query: parseInput(definition.query ?? z.unknown(), ctx.query),
        params: parseInput(
          definition.params ?? z.unknown(),
          (ctx as unknown as { params: unknown }).params,
        ),
        ctx: appCtx,
      };
      const result = await definition.handler(
        input as RouteInput<z.output<BS>, z.output<QS>, z.output<PS>>,
      );
      ctx.status = definition.status ?? 200;
      ctx.body = result;
    };
    this.router[definition.method](definition.path, ...(definition.before ?? []), handle);
  }

  private document(definition: RouteDefinition<z.ZodType, z.ZodType, z.ZodType, z.ZodType>): void {
    const status = String(definition.status ?? 200);
    this.registry.registerPath({
      method: definition.method,
      path: definition.path.replace(/:(\w+)/g, '{$1}'),
      summary: definition.summary,
      tags: definition.tags,
      security: definition.security ? [{ [definition.security]: [] }] : undefined,
      request: {
        body: definition.body
          ? { content: { 'application/json': { schema: definition.body } } }
          : undefined,
        query: definition.query as never,
        params: definition.params as never,
      },
      responses: {
        [status]: {
          description: 'Success',
          content: { 'application/json': { schema: definition.response } },
        },
        '4XX': {
          description: 'A coded client error',
          content: { 'application/json': { schema: ErrorSchema } },
        },
      },
    });
  }
}
