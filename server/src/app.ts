import Koa from 'koa';
import type { Services } from './container';
import { registerDeviceRoutes } from './devices/device-routes';
import { registerHealthRoutes } from './health/health-routes';
import { ApiRouter } from './platform/http/api-router';
import { errorMiddleware } from './platform/http/error-middleware';
import { jsonBody } from './platform/http/json-body';
import { requestContext } from './platform/http/request-context';
import { createOpenApiRegistry, generateOpenApiDocument } from './platform/http/openapi';

/** The Koa application: request context, one error boundary, JSON bodies, then the routes. */
export function createApp(services: Services): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true;
  const registry = createOpenApiRegistry();
  const api = new ApiRouter(registry);
  registerHealthRoutes(api, services);
  registerDeviceRoutes(api, services);

  const openApiDocument = generateOpenApiDocument(registry);
  api.router.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });

  app.use(requestContext(services.log));
  app.use(errorMiddleware());
  app.use(jsonBody(services.config.bodyLimitBytes));
  app.use(api.router.routes());
  app.use(api.router.allowedMethods({ throw: true }));
  return app;
}
