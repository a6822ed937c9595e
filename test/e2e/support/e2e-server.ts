import {
  createTestDatabase,
  type DatabaseKind,
  type TestDatabase,
} from '../../../server/test/support/test-databases';
import { testServer } from '../../../server/test/support/test-services';
import type { RunningServer } from '../../../server/src/server';

export interface E2eServer {
  server: RunningServer;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The real server in-process, with its WeChat and SMS simulators, serving the H5 build under
 * /h5/. SMS send limits are raised: every request in a run comes from 127.0.0.1, and a journey
 * may bind a phone and log in with it again within the same minute.
 */
export async function startE2eServer(
  h5Dir: string,
  database: TestDatabase | DatabaseKind,
): Promise<E2eServer> {
  const owned = typeof database === 'string';
  const db = owned ? await createTestDatabase(database) : database;
  const server = await testServer(db.url, {
    H5_DIR: h5Dir,
    SMS_PER_CLIENT_PER_HOUR: '1000',
    SMS_PER_PHONE_PER_MINUTE: '10',
    SMS_PER_PHONE_PER_HOUR: '50',
  });
  return {
    server,
    database: db,
    async stop() {
      await server.stop();
      if (owned) await db.drop();
    },
  };
}
