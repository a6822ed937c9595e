// `npm run bench`: every figure beside a baseline measured in the same run, because these
// machines are too noisy for remembered numbers (toolchain.md, "What this machine can do").
import { performance } from 'node:perf_hooks';
import { startBareServer } from './baselines';
import type { BenchServer } from './bench-server';
import { runPendingCleanups } from './cleanup';
import { measure, WARM_UP_SECONDS, type LoadOptions, type Measurement } from './harness';
import { formatReport, writeReport, type Comparison } from './report';
import {
  createScratchMariaDb,
  createScratchSqlite,
  probeMariaDb,
  type ScratchDatabase,
} from './scratch-databases';
import { readBenchSettings, type BenchSettings } from './settings';
import { startPointsAwardTarget, startSingleInsertBaseline } from './points-targets';
import { startHealthzTarget, startVaultTarget } from './targets';
import { parkingBenchmarks, parkingNotes } from './parking-benchmarks';
import { checkoutBenchmarks } from './checkout-bench';

/** One target: where its data lives and how to start it. */
export interface Benchmark {
  name: string;
  connections: number;
  createDatabase(): ScratchDatabase | Promise<ScratchDatabase>;
  startTarget(database: ScratchDatabase): Promise<BenchServer>;
  /** A baseline of its own on the same database; bare node:http when absent. */
  startBaseline?(database: ScratchDatabase): Promise<BenchServer>;
  /** How the target is loaded; plain GETs (harness.ts) when absent. */
  measure?(url: string, options: LoadOptions): Promise<Measurement>;
  /** Requests/s the load is held at; absent when the target is driven as fast as it goes. */
  fixedRate?: number;
}

// 50 as toolchain.md measured; the vault saturates its 10-connection pool (DB_POOL_MAX) at 10.
const HEALTHZ_CONNECTIONS = 50;
const VAULT_CONNECTIONS = 10;
// Awards also run on the 10-connection pool; spread over members, and all to one member (each
// award then waits for the one before it on that member's account row).
const POINTS_CONNECTIONS = 10;
const POINTS_MEMBERS = 50;

async function main(): Promise<void> {
  const startedAt = performance.now();
  const settings = readBenchSettings();
  const { benchmarks, notes } = await chooseBenchmarks(settings);

  const comparisons: Comparison[] = [];
  for (const benchmark of benchmarks) {
    console.error(`running: ${benchmark.name}`);
    comparisons.push(await compare(benchmark, settings.seconds));
  }
  notes.push(...parkingNotes());

  const totalSeconds = Math.round((performance.now() - startedAt) / 1000);
  const context = {
    seconds: settings.seconds,
    warmUpSeconds: WARM_UP_SECONDS,
    totalSeconds,
    notes,
  };
  const markdown = formatReport(comparisons, context);
  const file = writeReport(markdown);
  console.log(markdown);
  console.log(`written to ${file}`);
}

async function chooseBenchmarks(settings: BenchSettings) {
  const benchmarks: Benchmark[] = [
    {
      name: 'GET /healthz, real server (SQLite)',
      connections: HEALTHZ_CONNECTIONS,
      createDatabase: createScratchSqlite,
      startTarget: startHealthzTarget,
    },
    vaultBenchmark('SQLite', createScratchSqlite),
  ];

  const mariaDbProblem = await probeMariaDb(settings.mysqlUrl);
  if (!mariaDbProblem) {
    const createMariaDb = () => createScratchMariaDb(settings.mysqlUrl);
    benchmarks.push(vaultBenchmark('MariaDB', createMariaDb));
    benchmarks.push(pointsBenchmark(POINTS_MEMBERS, createMariaDb));
    benchmarks.push(pointsBenchmark(1, createMariaDb));
  }
  benchmarks.push(...parkingBenchmarks(mariaDbProblem ? undefined : settings.mysqlUrl));
  benchmarks.push(...checkoutBenchmarks(mariaDbProblem ? undefined : settings.mysqlUrl));

  const where = new URL(settings.mysqlUrl).host;
  const notes = mariaDbProblem
    ? [`MariaDB at ${where} skipped: ${mariaDbProblem}.`]
    : [
        'Points award rows: the baseline is one single-row INSERT per request into a scratch ' +
          'table of the same MariaDB, through the same pool (10) and a bare node:http front.',
      ];
  return { benchmarks, notes };
}

function pointsBenchmark(members: number, createDatabase: Benchmark['createDatabase']): Benchmark {
  return {
    name: `points award, ${members === 1 ? 'one member' : `${members} members`} (MariaDB); baseline: single-row INSERT`,
    connections: POINTS_CONNECTIONS,
    createDatabase,
    startTarget: (database) => startPointsAwardTarget(database, members),
    startBaseline: startSingleInsertBaseline,
  };
}

function vaultBenchmark(label: string, createDatabase: Benchmark['createDatabase']): Benchmark {
  return {
    name: `vault createMember + findMemberByIdentifier (${label})`,
    connections: VAULT_CONNECTIONS,
    createDatabase,
    startTarget: startVaultTarget,
  };
}

/**
 * Start the target first (migrations are slow), then measure the baseline right before the
 * target, so both figures see the machine in the same mood.
 */
async function compare(benchmark: Benchmark, seconds: number): Promise<Comparison> {
  const options = { connections: benchmark.connections, seconds };
  const database = await benchmark.createDatabase();
  try {
    const target = await benchmark.startTarget(database);
    try {
      const baseline = await measureBaseline(options, () =>
        benchmark.startBaseline ? benchmark.startBaseline(database) : startBareServer(),
      );
      const measured = await measureServer(benchmark.name, target, options, benchmark.measure);
      const { name, fixedRate } = benchmark;
      return { name, connections: options.connections, fixedRate, baseline, ...measured };
    } finally {
      await target.stop();
    }
  } finally {
    await database.drop();
  }
}

async function measureBaseline(
  options: LoadOptions,
  startBaseline: () => Promise<BenchServer>,
): Promise<Measurement> {
  const baseline = await startBaseline();
  try {
    return (await measureServer('baseline', baseline, options)).target;
  } finally {
    await baseline.stop();
  }
}

// A few failed requests barely move the figure and are worth a note; a failing target answers
// fast, so past this share the figure would flatter it and is refused.
const MAX_FAILED_SHARE = 0.01;

async function measureServer(
  name: string,
  server: BenchServer,
  options: LoadOptions,
  load: (url: string, options: LoadOptions) => Promise<Measurement> = measure,
): Promise<{ target: Measurement; failures?: string }> {
  const target = await load(server.url, options);
  if (target.failures === 0) return { target };

  const reason = server.describeFailure?.() ?? 'no reason known; see the status codes';
  const failures = `${target.failures} of ${target.requests} requests failed, first: ${reason}`;
  if (target.failures > target.requests * MAX_FAILED_SHARE) throw new Error(`${name}: ${failures}`);
  return { target, failures };
}

// Ctrl-C must still stop the servers and drop the scratch databases.
process.once('SIGINT', () => {
  console.error('interrupted: cleaning up');
  void runPendingCleanups().finally(() => process.exit(130));
});

main().catch(async (error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  await runPendingCleanups();
  process.exitCode = 1;
});
