import { Command, Option } from 'commander';
import { createServices, type Services } from '../container';
import { seedDemoMall } from '../demo/demo-seed';
import { startDemoStack } from '../demo/demo-stack';
import { printDemoStack } from '../demo/stack-banner';
import { watchParent } from '../demo/parent-watch';
import { checkDeviceName, DEVICE_KINDS, type DeviceKind } from '../devices/device-service';
import { verifyAuditChain, describeAuditProblem } from '../platform/audit/audit-verifier';
import { loadConfig } from '../platform/config';
import { addMasterKeyVersion } from '../platform/crypto/master-keys';
import { openDatabases } from '../platform/db/databases';
import { migrateLatest } from '../platform/db/migrate';
import { createLogger } from '../platform/logger';
import { startServer, type RunningServer } from '../server';
import { reconcileVaultOrphans } from '../vault/vault-reconciler';
import { runKeyRotation } from './rotate-keys-command';
import { attachDevWechatPay } from '../dev/dev-payments';
import { printLine, printNote } from './terminal-output';
import { STAFF_ROLES, type StaffRole } from '../staff/staff-roles';

async function withServices<T>(
  work: (services: Services) => Promise<T>,
  options: { migrate?: boolean } = {},
): Promise<T> {
  const config = loadConfig();
  const services = await createServices(
    config,
    createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel),
    options,
  );
  try {
    return await work(services);
  } finally {
    await services.close();
  }
}

export function buildProgram(): Command {
  const program = new Command('memberkit').description(
    'Retail Member Kit: membership, consent, points, checkout and parking',
  );

  program
    .command('start')
    .description('migrate, seed the demo mall on first run, and serve')
    .option('--no-seed', 'do not seed the demo mall')
    .option('--no-adapters', 'do not start the pos-adapter and parking-adapter (development)')
    .action(async (options: { seed: boolean; adapters: boolean }) => {
      const config = loadConfig();
      const log = createLogger(config.logLevel);
      const running = await startServer(config, log);
      const payments = running.simulators ? await attachDevWechatPay(running) : undefined;
      const seeded =
        options.seed && config.env !== 'production'
          ? await seedDemoMall(running.services)
          : undefined;
      // Development only: the adapters, the car park and the demo's logins (issue #8).
      const stack =
        seeded && options.adapters && running.simulators
          ? await startDemoStack(running, (name, code) =>
              printNote(`${name} stopped unexpectedly (exit ${code}); the rest keeps running`),
            )
          : undefined;
      printStarted(running, config.databaseUrl.split(':')[0], seeded, payments?.url);
      if (stack) printDemoStack(stack);
      printLine('Press Ctrl+C to stop.');
      // Ctrl+C reaches `npm start` and this process both, and npm start passes it on: the
      // second signal must not cut the first stop short (the adapters would be orphaned).
      let stopping = false;
      const stop = () => {
        if (stopping) return;
        stopping = true;
        void (stack ? stack.stop() : Promise.resolve())
          .then(() => running.stop())
          .then(() => process.exit(0));
      };
      for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, stop);
      // The adapters are this process's children: when whatever started it dies without a
      // signal (npm killed on its own), stop them and the server rather than orphan them.
      if (stack) watchParent(stop);
    });

  program
    .command('migrate')
    .description('bring the core and vault schemas up to date')
    .action(async () => {
      const config = loadConfig();
      const databases = openDatabases(
        config.databaseUrl,
        config.vaultDatabaseUrl,
        config.dbPoolMax,
      );
      try {
        const applied = await migrateLatest(databases.core, databases.vault);
        printLine(`core: ${applied.core.length} applied, vault: ${applied.vault.length} applied`);
      } finally {
        await databases.close();
      }
    });

  program
    .command('seed')
    .description('seed the demo mall (only into an empty database)')
    .action(async () => {
      await withServices(async (services) =>
        printLine(JSON.stringify(await seedDemoMall(services))),
      );
    });

  const audit = program.command('audit').description('the audit chain');
  audit
    .command('verify')
    .description('walk the audit chain and name the first broken row')
    .action(async () => {
      await withServices(async (services) => {
        const result = await verifyAuditChain(services.auditRepository, services.audit);
        if (result.ok) {
          printLine(`audit chain ok: ${result.rowsChecked} rows`);
          return;
        }
        printNote(
          `audit chain BROKEN after ${result.rowsChecked} good rows: ${describeAuditProblem(result.problem!)}`,
        );
        process.exitCode = 2;
      });
    });

  program
    .command('rotate-keys')
    .description(
      're-encrypt every encrypted column and blind index under the current master key version',
    )
    .option(
      '--generate',
      'add a new master key version to the key file first (file-based keys only)',
    )
    .action(async (options: { generate?: boolean }) => {
      if (options.generate)
        printLine(`new master key version ${addMasterKeyVersion(loadConfig().masterKeysFile)}`);
      await withServices(async (services) => {
        const report = await runKeyRotation(services, Boolean(process.stdout.isTTY));
        printLine(`rotated to key version ${report.version}`);
        for (const column of report.columns)
          printLine(`  ${column.column}: ${column.rewritten} rewritten`);
      });
    });

  const device = program.command('device').description('adapters and kiosks');
  device
    .command('add')
    .description('register a device and print its credentials once')
    .requiredOption('--name <name>', 'a name staff will recognise, e.g. "till 3" (1-64 characters)')
    .addOption(
      new Option('--kind <kind>', 'what the device is')
        .choices([...DEVICE_KINDS])
        .makeOptionMandatory(),
    )
    .action(async (options: { name: string; kind: DeviceKind }) => {
      // Checked before the database is opened: a bad name changes nothing.
      const name = checkDeviceName(options.name);
      await withServices(async (services) => {
        const created = await services.devices.register(name, options.kind);
        printLine(JSON.stringify(created, null, 2));
        printNote('Keep the secret now: it is not shown again.');
      });
    });
  device.command('list').action(async () => {
    await withServices(async (services) =>
      printLine(JSON.stringify(await services.deviceRepository.list(), null, 2)),
    );
  });
  device.command('revoke <deviceId>').action(async (deviceId: string) => {
    await withServices(async (services) =>
      reportRevocation(await services.devices.revoke(deviceId), 'no such active device'),
    );
  });

  const staff = program.command('staff').description('staff accounts for the admin API');
  staff
    .command('add')
    .description('create a staff account and print its token once')
    .requiredOption('--name <name>', 'who this is')
    .addOption(
      new Option('--role <role>', 'what they may do (S-5.3b)')
        .choices([...STAFF_ROLES])
        .makeOptionMandatory(),
    )
    .action(async (options: { name: string; role: StaffRole }) => {
      await withServices(async (services) => {
        printLine(JSON.stringify(await services.staff.add(options.name, options.role), null, 2));
        printNote('Keep the token now: it is not shown again.');
      });
    });
  staff.command('revoke <staffId>').action(async (staffId: string) => {
    await withServices(async (services) =>
      reportRevocation(await services.staff.revoke(staffId), 'no such active staff account'),
    );
  });

  program
    .command('reconcile')
    .description('remove vault rows that no member points to (separate vault database)')
    .action(async () => {
      await withServices(async (services) =>
        printLine(
          `removed ${await reconcileVaultOrphans(services.databases, services.identity, services.members)} orphaned vault values`,
        ),
      );
    });

  return program;
}

/** Revoking something that is not there is a failure a script must be able to see. */
function reportRevocation(revoked: boolean, notFound: string): void {
  if (revoked) {
    printLine('revoked');
    return;
  }
  printNote(notFound);
  process.exitCode = 1;
}

function printStarted(
  running: RunningServer,
  database: string,
  seeded?: { seeded: boolean; members: number },
  wechatPayUrl?: string,
) {
  const { url } = running;
  printLine('');
  printLine('Retail Member Kit is running');
  printLine(`  Mini-program (H5):  ${url}/h5/`);
  printLine(`  Website sign-up QR: ${url}/v1/site/signup-qr.svg`);
  printLine(`  API:                ${url}  (OpenAPI: ${url}/openapi.json, health: ${url}/healthz)`);
  printLine(`  Database:           ${database}`);
  if (running.simulators) {
    printLine(`  WeChat simulator:   ${running.simulators.wechat.url}`);
    printLine(
      `  SMS simulator:      ${running.simulators.sms.url}  (codes: ${running.simulators.sms.url}/__sim/last-code?phone=...)`,
    );
  }
  if (wechatPayUrl) printLine(`  WeChat Pay sim:     ${wechatPayUrl}`);
  if (seeded)
    printLine(
      `  Demo mall:          ${seeded.seeded ? 'seeded' : 'already present'} (${seeded.members} members)`,
    );
}
