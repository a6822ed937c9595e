import { createServices } from '../src/container';
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
  const services = await createServices(benchConfig(database), benchLogger());
  const closeServices = deferCleanup(() => services.close());
  const server = await startVaultServer(services).catch(async (error: unknown) => {
    await closeServices();
    throw error;
  });

  const stop = deferCleanup(async () => {
    await server.stop();
    await closeServices();
  });
  return { ...server, stop };
}
