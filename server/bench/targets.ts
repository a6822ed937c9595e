import { createServices, type Services } from '../src/container';
import { startServer } from '../src/server';
import { benchConfig, benchLogger } from './bench-config';
import type { BenchServer } from './bench-server';
import { deferCleanup } from './cleanup';
import type { ScratchDatabase } from './scratch-databases';
import { startVaultServer } from './vault-server';

/** The real server (migrations, Koa, every middleware) on a scratch database, aimed at /healthz. */
export async function startHealthzTarget(database: ScratchDatabase): Promise<BenchServer> {
  const running = await startServer(benchConfig(database), benchLogger());
  return { url: `${running.url}/healthz`, stop: deferCleanup(() => running.stop()) };
}

/** The identity vault wired as in the product, behind the bench's own node:http front. */
export async function startVaultTarget(database: ScratchDatabase): Promise<BenchServer> {
  return startWithServices(database, startVaultServer);
}

/** Services wired as in the product on the scratch database, and a front started on them. */
export async function startWithServices(
  database: ScratchDatabase,
  start: (services: Services) => Promise<BenchServer>,
): Promise<BenchServer> {
  const services = await createServices(benchConfig(database), benchLogger());
  const closeServices = deferCleanup(() => services.close());
  const server = await start(services).catch(async (error: unknown) => {
    await closeServices();
    throw error;
  });

  const stop = deferCleanup(async () => {
    await server.stop();
    await closeServices();
  });
  return { ...server, stop };
}
