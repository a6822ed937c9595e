import type http from 'node:http';
import type { AddressInfo } from 'node:net';

/** Something autocannon can hit, and how to take it down again. */
export interface BenchServer {
  url: string;
  stop(): Promise<void>;
  /** Why requests failed, when the server knows better than a status code. */
  describeFailure?(): string | undefined;
}

/** Listen on a free loopback port with the same keep-alive as startServer, so both sides match. */
export async function listenOnFreePort(server: http.Server): Promise<BenchServer> {
  server.keepAliveTimeout = 65_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, stop: () => closeServer(server) };
}

async function closeServer(server: http.Server): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  // autocannon's keep-alive sockets would otherwise hold close() open for keepAliveTimeout.
  server.closeAllConnections();
  await closed;
}
