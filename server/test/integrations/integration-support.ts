import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** One clock for a client and its simulator, so a test can move time past lifetimes. */
export function fakeClock(start = Date.parse('2025-03-01T02:00:00Z')) {
  let current = start;
  return {
    now: () => current,
    advance: (ms: number) => {
      current += ms;
    },
  };
}

/** The AppError a promise rejects with, for assertions on its code and details. */
export async function rejectionOf(
  promise: Promise<unknown>,
): Promise<{ code?: string; status?: number; details?: Record<string, unknown> }> {
  try {
    await promise;
  } catch (error) {
    return error as { code?: string; status?: number; details?: Record<string, unknown> };
  }
  throw new Error('expected a rejection');
}

/** A server that accepts connections and never answers: for timeouts. */
export async function startSilentServer(): Promise<{ url: string; stop(): Promise<void> }> {
  const server = http.createServer(() => undefined);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    stop: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** A port nothing listens on: bound, then released. */
export async function closedPortUrl(): Promise<string> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return `http://127.0.0.1:${port}`;
}
