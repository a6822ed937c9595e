import fs from 'node:fs';
import Koa from 'koa';
import mount from 'koa-mount';
import serve from 'koa-static';
import { registerAdminRoutes } from './admin/admin-routes';
import { registerAuthRoutes } from './auth/auth-routes';
import { registerConsentRoutes } from './consent/consent-routes';
import type { Services } from './container';
import { registerDevRoutes } from './dev/dev-routes';
import { registerDeviceRoutes } from './devices/device-routes';
import { registerHealthRoutes } from './health/health-routes';
import { registerMemberRoutes } from './members/member-routes';
import { registerPointsRoutes } from './points/points-module';
import { registerCollectionRoutes } from './campaigns/campaigns-module';
import { registerParkingRoutes } from './parking/parking-module';
import { registerCheckoutRoutes } from './checkout/checkout-module';
import { registerSupplierRoutes } from './suppliers/suppliers-module';
import { registerOnlineEventRoutes } from './online-events/online-events-module';
import { registerMemberCodeRoutes } from './member-codes/member-codes-module';
import { ApiRouter } from './platform/http/api-router';
import { errorMiddleware } from './platform/http/error-middleware';
import { jsonBody } from './platform/http/json-body';
import { requestContext } from './platform/http/request-context';
import { createOpenApiRegistry, generateOpenApiDocument } from './platform/http/openapi';
import type { Simulators } from './server';
import { registerSiteRoutes } from './site/site-routes';

/** The Koa application: request context, one error boundary, JSON bodies, then the routes. */
export function createApp(services: Services, options: { simulators?: Simulators } = {}): Koa {
  const app = new Koa({ proxy: false });
  app.silent = true;
  const registry = createOpenApiRegistry();
  const api = new ApiRouter(registry);
  registerHealthRoutes(api, services);
  registerDeviceRoutes(api, services);
  registerAuthRoutes(api, services);
  registerMemberRoutes(api, services);
  registerConsentRoutes(api, services);
  registerAdminRoutes(api, services);
  registerPointsRoutes(api, services);
  registerCollectionRoutes(api, services);
  registerCheckoutRoutes(api, services);
  registerMemberCodeRoutes(api, services);
  app.use(registerParkingRoutes(api, services));
  registerSupplierRoutes(api, services);
  registerOnlineEventRoutes(api, services);
  if (options.simulators) registerDevRoutes(api, options.simulators);
  registerSiteRoutes(api.router);

  const openApiDocument = generateOpenApiDocument(registry);
  api.router.get('/openapi.json', (ctx) => {
    ctx.body = openApiDocument;
  });

  app.use(requestContext(services.log));
  app.use(errorMiddleware());
  if (fs.existsSync(services.config.h5Dir))
    app.use(mount('/h5', serve(services.config.h5Dir, { maxage: 60_000 })));
  app.use(jsonBody(services.config.bodyLimitBytes));
  app.use(api.router.routes());
  app.use(api.router.allowedMethods({ throw: true }));
  return app;
}
