import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { DeviceServerLink, signDeviceRequest, signaturesMatch } from '../../src/node';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
}

type Reply = (request: Received, response: http.ServerResponse) => void;

/** A real HTTP server that records what arrived and answers as the test says. */
async function startServer(reply: Reply) {
  const received: Received[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const entry = {
        method: request.method ?? '',
        url: request.url ?? '',
        headers: request.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      };
      received.push(entry);
      reply(entry, response);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const close = () => {
    server.closeAllConnections();
    return new Promise<void>((resolve) => server.close(() => resolve()));
  };
  return { url, received, close };
}

function json(response: http.ServerResponse, status: number, value: unknown): void {
  response.writeHead(status, { 'Content-Type': 'application/json' });
  response.end(JSON.stringify(value));
}

function signatureHolds(request: Received, secret: string): boolean {
  const expected = signDeviceRequest(
    secret,
    request.method,
    request.url,
    String(request.headers['x-timestamp']),
    String(request.headers['x-nonce']),
    request.body,
  );
  return signaturesMatch(expected, String(request.headers['x-signature']));
}

/** A port nothing listens on: a server that was opened and closed again. */
async function closedPortUrl(): Promise<string> {
  const server = await startServer(() => undefined);
  await server.close();
  return server.url;
}

describe('DeviceServerLink (design.md "Interfaces": signed device requests, S-22239)', () => {
  const secret = 'device-secret';

  it('sends a write byte for byte, signed, with its Idempotency-Key, and reads a coded refusal', async () => {
    const server = await startServer((_request, response) =>
      json(response, 409, { error: { code: 'IDEMPOTENCY_KEY_REUSED' } }),
    );
    try {
      const link = new DeviceServerLink(`${server.url}/`, 'till-1', secret);
      const body = '{"checkoutId":"c-1", "amountFen":1990}';
      const result = await link.call('POST', '/v1/checkouts', body, 2000, 'pos:c-1:1:ab');

      expect(result).toEqual({
        kind: 'answered',
        status: 409,
        body: { error: { code: 'IDEMPOTENCY_KEY_REUSED' } },
        errorCode: 'IDEMPOTENCY_KEY_REUSED',
      });
      const [request] = server.received;
      expect(request).toMatchObject({ method: 'POST', url: '/v1/checkouts', body });
      expect(request.headers).toMatchObject({
        'x-device-id': 'till-1',
        'content-type': 'application/json',
        'idempotency-key': 'pos:c-1:1:ab',
      });
      expect(signatureHolds(request, secret)).toBe(true);
      expect(signatureHolds(request, 'another-secret')).toBe(false);
    } finally {
      await server.close();
    }
  });

  it('sends a read with no body, no Content-Type and no key, and a non-JSON answer has no body', async () => {
    const server = await startServer((_request, response) => {
      response.writeHead(200, { 'Content-Type': 'text/plain' });
      response.end('ok');
    });
    try {
      const link = new DeviceServerLink(server.url, 'gate-1', secret);
      const result = await link.call('GET', '/v1/parking/offline-rules', '', 2000);

      expect(result).toEqual({ kind: 'answered', status: 200, body: undefined });
      const [request] = server.received;
      expect(request.body).toBe('');
      expect(request.headers['content-type']).toBeUndefined();
      expect(request.headers['idempotency-key']).toBeUndefined();
      expect(signatureHolds(request, secret)).toBe(true);
    } finally {
      await server.close();
    }
  });

  it('signs every call afresh: a repeated write carries a new nonce', async () => {
    const server = await startServer((_request, response) => json(response, 200, { ok: true }));
    try {
      const link = new DeviceServerLink(server.url, 'till-1', secret);
      await link.call('POST', '/v1/checkouts', '{}', 2000, 'k-1');
      await link.call('POST', '/v1/checkouts', '{}', 2000, 'k-1');
      const [first, second] = server.received;
      expect(first.headers['x-nonce']).not.toBe(second.headers['x-nonce']);
    } finally {
      await server.close();
    }
  });

  it('gives the error back when no server listens (nothing was sent)', async () => {
    const link = new DeviceServerLink(await closedPortUrl(), 'till-1', secret);
    const result = await link.call('POST', '/v1/checkouts', '{}', 2000, 'k-1');
    expect(result.kind).toBe('failed');
    const error = (result as { error: { cause?: { code?: string } } }).error;
    expect(error.cause?.code).toBe('ECONNREFUSED');
  });

  it('gives a TimeoutError back when the server does not answer within the deadline', async () => {
    const server = await startServer(() => undefined);
    try {
      const link = new DeviceServerLink(server.url, 'gate-1', secret);
      const result = await link.call('POST', '/v1/parking/gate-events', '{}', 100, 'k-1');
      expect(result.kind).toBe('failed');
      expect((result as { error: { name?: string } }).error.name).toBe('TimeoutError');
    } finally {
      await server.close();
    }
  });

  it('checks /healthz: true on 2xx, false on an error status or no server', async () => {
    let status = 200;
    const server = await startServer((_request, response) => json(response, status, {}));
    try {
      const link = new DeviceServerLink(server.url, 'till-1', secret);
      expect(await link.healthy(2000)).toBe(true);
      status = 503;
      expect(await link.healthy(2000)).toBe(false);
      expect(server.received.map((request) => request.url)).toEqual(['/healthz', '/healthz']);
    } finally {
      await server.close();
    }
    const gone = new DeviceServerLink(await closedPortUrl(), 'till-1', secret);
    expect(await gone.healthy(2000)).toBe(false);
  });
});
