import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * The small HTTP plumbing the simulators share: node:http on 127.0.0.1, port 0 by default, so
 * tests run side by side without clashing.
 */
export interface SimulatorRequest {
  method: string;
  url: URL;
  headers: http.IncomingHttpHeaders;
  body: string;
}

export interface SimulatorAnswer {
  status: number;
  body: unknown;
}

export type SimulatorHandler = (
  request: SimulatorRequest,
) => SimulatorAnswer | Promise<SimulatorAnswer>;

export interface RunningSimulator {
  url: string;
  stop(): Promise<void>;
}

const BODY_LIMIT_BYTES = 1024 * 1024;

export async function startSimulatorServer(
  handler: SimulatorHandler,
  port = 0,
): Promise<RunningSimulator> {
  const server = http.createServer((req, res) => {
    void answer(handler, req, res);
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve());
  });

  const { port: boundPort } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${boundPort}`, stop: () => stopServer(server) };
}

async function answer(
  handler: SimulatorHandler,
  req: http.IncomingMessage,
  res: http.ServerResponse,
): Promise<void> {
  try {
    const body = await readBody(req);
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const reply = await handler({ method: req.method ?? 'GET', url, headers: req.headers, body });
    sendJson(res, reply.status, reply.body);
  } catch (error) {
    sendJson(res, 500, { error: error instanceof Error ? error.message : 'simulator failure' });
  }
}

/** The request body as text, refusing more than `limitBytes`. */
export function readBody(
  req: http.IncomingMessage,
  limitBytes = BODY_LIMIT_BYTES,
): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limitBytes) req.destroy(new Error('body too large'));
      else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function sendText(
  res: http.ServerResponse,
  status: number,
  type: string,
  text: string,
): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(text) });
  res.end(text);
}

function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': Buffer.byteLength(text),
  });
  res.end(text);
}

/** fetch keeps connections alive, so close() alone would wait for them to time out. */
export function stopServer(server: http.Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
}

/** A JSON body, or undefined when it is not JSON (the caller answers with its own error). */
export function parseJsonBody(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return undefined;
  }
}
