import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { createServices, type Services } from './container';
import type { Config } from './platform/config';
import type { Logger } from './platform/logger';

export interface RunningServer {
  services: Services;
  server: http.Server;
  url: string;
  stop(): Promise<void>;
}

/** Migrate, wire the services and listen. Used by `memberkit start`, tests and benchmarks. */
export async function startServer(config: Readonly<Config>, log: Logger): Promise<RunningServer> {
  const services = await createServices(config, log);
  const app = createApp(services);
  const server = http.createServer(app.callback());
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(config.port, config.host, resolve));
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host}:${port}`;
  return {
    services,
    server,
    url,
    async stop() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections();
      await services.close();
    },
  };
}
