import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** A pass-through to the server that can be made slow, to test the 300 ms budget. */
export interface DelayProxy {
  url: string;
  delayMs: number;
  stop(): Promise<void>;
}

export async function startDelayProxy(target: () => string): Promise<DelayProxy> {
  const proxy: DelayProxy = { url: '', delayMs: 0, stop: async () => undefined };
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      setTimeout(() => forward(target(), request, Buffer.concat(chunks), response), proxy.delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  proxy.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  proxy.stop = async () => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    server.closeAllConnections();
    await closed;
  };
  return proxy;
}

function forward(
  target: string,
  request: http.IncomingMessage,
  body: Buffer,
  response: http.ServerResponse,
): void {
  const upstream = http.request(
    `${target}${request.url}`,
    { method: request.method, headers: request.headers },
    (answer) => {
      response.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(response);
    },
  );
  upstream.on('error', () => {
    if (!response.headersSent) response.writeHead(502);
    response.end();
  });
  upstream.end(body);
}
