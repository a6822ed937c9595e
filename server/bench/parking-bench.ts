import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import autocannon from 'autocannon';
import { startServer, type RunningServer } from '../src/server';
import { benchConfig, benchLogger } from './bench-config';
import { listenOnFreePort, type BenchServer } from './bench-server';
import { deferCleanup } from './cleanup';
import { WARM_UP_SECONDS, type LoadOptions, type Measurement } from './harness';
import { loadParkingAdapter, type RunningParkingAdapter } from './parking-adapter-loader';
import type { ScratchDatabase } from './scratch-databases';

const ENTRY_CAMERA = 'BENCH-IN';
const EXIT_CAMERA = 'BENCH-OUT';
const LETTERS = 'ABCDEFGHJKLMNPQRSTUVWXYZ';

/** A parking target: the adapter's camera URL, and what it saw during the run. */
export interface ParkingTarget extends BenchServer {
  adapter: RunningParkingAdapter;
  /** How many pushes the adapter answered alone (server away or over the 300 ms budget). */
  decidedAlone(): number;
}

/** Pushes of the measured window, by who decided them; read for the notes. */
export interface PushCounts {
  total: number;
  alone: number;
}

const targets = new Map<string, ParkingTarget>();
const windows = new Map<string, PushCounts>();

/** Who decided the pushes of the last measured window at this adapter URL. */
export function lastWindow(url: string): PushCounts | undefined {
  return windows.get(url);
}

/**
 * Gate decisions end to end: the real server on a scratch database with one lot and two
 * cameras, and the parking adapter in front of it. The load is camera pushes in the documented
 * shape: each car enters, then leaves; every push is a new camera record.
 */
export async function startGateTarget(database: ScratchDatabase): Promise<ParkingTarget> {
  const running = await startServer(benchConfig(database), benchLogger());
  const stopServer = deferCleanup(() => running.stop());
  const adapter = await startBenchAdapter(running, database);
  const stop = deferCleanup(async () => {
    await adapter.stop();
    await stopServer();
  });
  return remember({
    url: adapter.url,
    adapter,
    stop,
    decidedAlone: () => adapter.status().replayed + adapter.status().backlog,
  });
}

/**
 * The adapter deciding alone: the server answered once (offline rules fetched), then stopped.
 * Each push is decided from the cached rules and queued in the adapter's SQLite outbox.
 */
export async function startOfflineTarget(database: ScratchDatabase): Promise<ParkingTarget> {
  const running = await startServer(benchConfig(database), benchLogger());
  const adapter = await startBenchAdapter(running, database);
  await running.stop();
  adapter.connectivity.markDown();
  const stop = deferCleanup(() => adapter.stop());
  return remember({
    url: adapter.url,
    adapter,
    stop,
    decidedAlone: () => adapter.status().backlog,
  });
}

function remember(target: ParkingTarget): ParkingTarget {
  targets.set(target.url, target);
  return target;
}

/** The baseline the gate decisions are read beside: one knex primary-key select per request. */
export async function startKnexSelectTarget(database: ScratchDatabase): Promise<BenchServer> {
  const running = await startServer(benchConfig(database), benchLogger());
  const knex = running.services.databases.core;
  await knex('devices').insert({
    id: 'bench-device',
    name: 'bench',
    kind: 'parking',
    secret_enc: 'none',
    created_at: '2024-01-01 00:00:00.000',
  });
  const server = http.createServer((_request, response) => {
    knex('devices')
      .where({ id: 'bench-device' })
      .first('id', 'kind')
      .then(
        (row) => answer(response, 200, row),
        () => answer(response, 500, { code: 'BENCH_SELECT_FAILED' }),
      );
  });
  const listening = await listenOnFreePort(server);
  const stop = deferCleanup(async () => {
    await listening.stop();
    await running.stop();
  });
  return { url: listening.url, stop };
}

/** autocannon with camera pushes as bodies: record ids and plates never repeat. */
export async function measurePushes(url: string, options: LoadOptions): Promise<Measurement> {
  const pushes = pushSequence();
  const load = (duration: number) =>
    autocannon({
      url,
      connections: options.connections,
      duration,
      requests: [
        {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          setupRequest: (request) => ({ ...request, body: JSON.stringify(pushes()) }),
        },
      ],
    });
  await load(WARM_UP_SECONDS);
  const target = targets.get(url);
  // The warm-up may have left events queued (a cold server missing the budget): let the
  // adapter catch up, so the figure is the steady state.
  if (target?.adapter.connectivity.isUp) await target.adapter.settle();
  const aloneBefore = target?.decidedAlone() ?? 0;
  const result = await load(options.seconds);
  windows.set(url, {
    total: result.requests.total,
    alone: (target?.decidedAlone() ?? 0) - aloneBefore,
  });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors,
  };
}

async function startBenchAdapter(
  running: RunningServer,
  database: ScratchDatabase,
): Promise<RunningParkingAdapter> {
  const { parking, devices } = running.services;
  const device = await devices.register('bench adapter', 'parking');
  const lot = await parking.lots.createLot({
    name: 'bench',
    tariff: { freeMinutes: 15, blockMinutes: 30, blockFen: 300, capFenPer24h: 3000 },
  });
  for (const [direction, cameraSerial] of [
    ['entry', ENTRY_CAMERA],
    ['exit', EXIT_CAMERA],
  ] as const)
    await parking.lots.addGate(lot.id, {
      name: direction,
      direction,
      cameraSerial,
      deviceId: device.deviceId,
    });

  const module = loadParkingAdapter();
  const dataFile = path.join(database.dataDir, 'parking-adapter.sqlite');
  fs.rmSync(dataFile, { force: true });
  const config = module.parseAdapterConfig({
    serverUrl: running.url,
    deviceId: device.deviceId,
    deviceSecret: device.secret,
    host: '127.0.0.1',
    port: 0,
    dataFile,
    logLevel: 'silent',
    rulesRefreshMs: 600_000,
    heartbeatMs: 600_000,
  });
  const adapter = await module.startAdapter(config, module.createAdapterLogger('silent'));
  if (!(await adapter.refreshRules())) throw new Error('the adapter could not fetch its rules');
  return adapter;
}

// Exits trail entries by this many cars, so a car leaves after its entry is stored (as at a
// real gate, minutes apart), never racing it.
const EXIT_LAG = 50;

/** Entries and exits alternate; each push is a new camera record and a car leaves once. */
function pushSequence(): () => object {
  let sequence = 0;
  let entered = 0;
  let left = 0;
  const started = Math.floor(Date.now() / 1000);
  return () => {
    sequence += 1;
    const leaving = sequence % 2 === 0 && left + EXIT_LAG <= entered;
    const car = leaving ? left++ : entered++;
    return {
      AlarmInfoPlate: {
        serialno: leaving ? EXIT_CAMERA : ENTRY_CAMERA,
        result: {
          PlateResult: {
            license: benchPlate(car),
            confidence: 95,
            plateid: sequence,
            isoffline: 0,
            timeStamp: { Timeval: { sec: started + (leaving ? 60 : 0) } },
          },
        },
      },
    };
  };
}

function benchPlate(car: number): string {
  const letter = LETTERS[Math.floor(car / 100_000) % LETTERS.length];
  return `粤${letter}${String(car % 100_000).padStart(5, '0')}`;
}

function answer(response: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body ?? null);
  response.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  response.end(text);
}
