import {
  lastWindow,
  measurePushes,
  startGateTarget,
  startKnexSelectTarget,
  startOfflineTarget,
  type ParkingTarget,
} from './parking-bench';
import type { Benchmark } from './run-benchmarks';
import {
  createScratchMariaDb,
  createScratchSqlite,
  type ScratchDatabase,
} from './scratch-databases';

// A mall has tens of gate cameras, each pushing one car at a time.
const GATE_CONNECTIONS = 10;

const notes: string[] = [];

/** What the parking targets saw, for the notes under the table. */
export function parkingNotes(): string[] {
  return notes.splice(0);
}

/**
 * Issue #7: gate decisions per second and p99 from camera push to reply (through the adapter
 * and the server), beside a knex primary-key select endpoint on the same database; and the
 * adapter deciding alone with the server stopped, beside bare node:http.
 */
export function parkingBenchmarks(mysqlUrl: string | undefined): Benchmark[] {
  const gates = (label: string, createDatabase: Benchmark['createDatabase']): Benchmark => ({
    name: `parking gate decision, camera push -> adapter -> server -> reply (${label}); baseline: knex PK select`,
    connections: GATE_CONNECTIONS,
    createDatabase,
    startTarget: (database) => noted(label, startGateTarget(database)),
    startBaseline: startKnexSelectTarget,
    measure: measurePushes,
  });

  return [
    gates('SQLite', createScratchSqlite),
    ...(mysqlUrl ? [gates('MariaDB', () => createScratchMariaDb(mysqlUrl))] : []),
    offline(GATE_CONNECTIONS),
    // One camera at a time: the time of one offline decision, without queueing behind others.
    offline(1),
  ];
}

function offline(connections: number): Benchmark {
  return {
    name: 'parking adapter offline decision, camera push -> cached rules + outbox -> reply',
    connections,
    createDatabase: createScratchSqlite,
    startTarget: (database: ScratchDatabase) => startOfflineTarget(database),
    measure: measurePushes,
  };
}

/** When the target stops, note how many pushes the adapter had to decide alone. */
async function noted(label: string, starting: Promise<ParkingTarget>): Promise<ParkingTarget> {
  const target = await starting;
  const stop = target.stop;
  return {
    ...target,
    stop: async () => {
      const counts = lastWindow(target.url);
      if (counts)
        notes.push(
          `parking gate decision (${label}): of ${counts.total} measured pushes, ${counts.alone} ` +
            'were decided by the adapter alone (server over the 300 ms budget), the rest by the server.',
        );
      await stop();
    },
  };
}
