#!/usr/bin/env node
import { Command } from 'commander';
import { AdapterConfigError, loadAdapterConfig } from '../config';
import { LocalStore } from '../local-store';
import { createAdapterLogger } from '../logger';
import { ADAPTER_VERSION, startAdapter } from '../parking-adapter';

/**
 * `parking-adapter serve --config adapter.json`: runs beside the gates, takes the cameras'
 * pushes and asks the server; `parking-adapter status --config adapter.json`: the outbox.
 */
const program = new Command('parking-adapter')
  .description('Retail Member Kit parking adapter: camera pushes, gate decisions, offline rules')
  .version(ADAPTER_VERSION);

program
  .command('serve')
  .description('listen for camera pushes and decide (alone while the server is away)')
  .option('-c, --config <file>', 'settings file (JSON); PARKING_* variables override it')
  .action(async (options: { config?: string }) => {
    const config = loadAdapterConfig(options.config);
    const log = createAdapterLogger(config.logLevel);
    const adapter = await startAdapter(config, log);
    const stop = () => {
      log.info('stopping');
      void adapter.stop().finally(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });

program
  .command('status')
  .description('print the outbox backlog and what was replayed')
  .option('-c, --config <file>', 'settings file (JSON)')
  .action((options: { config?: string }) => {
    const config = loadAdapterConfig(options.config);
    const store = new LocalStore(config.dataFile, config.deviceSecret);
    const status = {
      backlog: store.backlog(),
      setAside: store.setAsideCount(),
      replayed: store.counter('replayed'),
      hasRules: store.loadRules() !== undefined,
    };
    store.close();
    process.stdout.write(`${JSON.stringify(status, null, 2)}\n`);
  });

program.parseAsync().catch((error: unknown) => {
  if (error instanceof AdapterConfigError) console.error(error.message);
  else console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
