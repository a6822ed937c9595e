import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseAdapterConfig } from '../../../parking-adapter/src/config';
import { createAdapterLogger } from '../../../parking-adapter/src/logger';
import { startAdapter, type RunningAdapter } from '../../../parking-adapter/src/parking-adapter';

export interface GateAdapter {
  adapter: RunningAdapter;
  /** Stops the adapter and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * The real parking-adapter beside a test server, on a free port with its own data folder,
 * polling gate instructions and retrying fast so browser journeys do not wait on it.
 */
export async function startGateAdapter(
  serverUrl: string,
  device: { deviceId: string; secret: string },
): Promise<GateAdapter> {
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'parking-e2e-'));
  const config = parseAdapterConfig({
    serverUrl,
    deviceId: device.deviceId,
    deviceSecret: device.secret,
    host: '127.0.0.1',
    port: 0,
    dataFile: path.join(folder, 'adapter.sqlite'),
    commandPollMs: 200,
    retryMs: 200,
    logLevel: 'silent',
  });
  const adapter = await startAdapter(config, createAdapterLogger('silent'));
  return {
    adapter,
    async stop() {
      await adapter.stop();
      fs.rmSync(folder, { recursive: true, force: true });
    },
  };
}
