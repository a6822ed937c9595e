import http from 'node:http';
import { listenOnFreePort, type BenchServer } from './bench-server';

const BODY = JSON.stringify({ status: 'ok' });

/**
 * The floor every figure is divided by: bare node:http answering the same tiny JSON as
 * /healthz, in this process, so it pays the same CPU and autocannon share as the target.
 */
export function startBareServer(): Promise<BenchServer> {
  const server = http.createServer((_request, response) => {
    response.writeHead(200, {
      'content-type': 'application/json; charset=utf-8',
      'content-length': Buffer.byteLength(BODY),
    });
    response.end(BODY);
  });
  return listenOnFreePort(server);
}
