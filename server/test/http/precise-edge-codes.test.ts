import crypto from 'node:crypto';
import net from 'node:net';
import zlib from 'node:zlib';
import { signDeviceRequest } from '@memberkit/shared/node';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendSigned } from '../support/http-client';
import { testServer } from '../support/test-services';

const HEARTBEAT = '/v1/devices/heartbeat';

/** What a client that speaks raw HTTP/1.1 gets back: status line, headers and body text. */
function rawExchange(url: string, request: string): Promise<{ status: number; body: string }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname, () => socket.write(request));
    let text = '';
    socket.on('data', (chunk) => (text += chunk));
    socket.on('error', reject);
    socket.on('close', () => {
      const [head, ...rest] = text.split('\r\n\r\n');
      resolve({ status: Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0), body: rest.join('') });
    });
  });
}

describeEachDatabase('precise error codes at the HTTP edge (C-4.1.4a security)', (database) => {
  let server: RunningServer;
  let device: { deviceId: string; secret: string };

  beforeAll(async () => {
    server = await testServer(database().url);
    device = await server.services.devices.register('till edge', 'pos');
  });

  afterAll(async () => {
    await server.stop();
  });

  async function deviceRow() {
    return server.services.databases.core('devices').where({ id: device.deviceId }).first();
  }

  function signed(body: string, nonce = crypto.randomBytes(16).toString('hex')) {
    const timestamp = String(Math.floor(Date.now() / 1000));
    return {
      'X-Device-Id': device.deviceId,
      'X-Timestamp': timestamp,
      'X-Nonce': nonce,
      'X-Signature': signDeviceRequest(device.secret, 'POST', HEARTBEAT, timestamp, nonce, body),
      'Content-Type': 'application/json',
      'Idempotency-Key': crypto.randomUUID(),
    };
  }

  describe('a JSON body with a prototype key', () => {
    it.each([
      ['{"__proto__": {"isAdmin": true}, "softwareVersion": "1"}', '__proto__'],
      ['{"softwareVersion": "1", "extra": {"__proto__": {"x": 1}}}', 'extra.__proto__'],
      ['{"constructor": {"prototype": {"x": 1}}}', 'constructor'],
      ['[{"constructor": 1}]', '0.constructor'],
    ])('refuses %s with 400 VALIDATION_FAILED naming %s', async (body, path) => {
      const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers: signed(body) });

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
      expect(answer.body.error.details.issues).toEqual([{ path, problem: 'forbidden key' }]);
      expect((await deviceRow()).software_version).toBeNull();
    });
  });

  describe('a body with a Content-Encoding the server cannot decode', () => {
    it.each(['compress', 'x-unknown', 'gzip, br'])(
      'refuses Content-Encoding %s with 415 CONTENT_ENCODING_UNSUPPORTED',
      async (encoding) => {
        const body = '{"softwareVersion":"1"}';

        const answer = await send(server.url, 'POST', HEARTBEAT, {
          body,
          headers: { ...signed(body), 'Content-Encoding': encoding },
        });

        expect(answer.status).toBe(415);
        expect(answer.body.error.code).toBe('CONTENT_ENCODING_UNSUPPORTED');
      },
    );

    it('refuses a body that says gzip but is not with 400 CONTENT_ENCODING_INVALID', async () => {
      const body = '{"softwareVersion":"1"}';

      const answer = await send(server.url, 'POST', HEARTBEAT, {
        body,
        headers: { ...signed(body), 'Content-Encoding': 'gzip' },
      });

      expect(answer.status).toBe(400);
      expect(answer.body.error.code).toBe('CONTENT_ENCODING_INVALID');
      expect((await deviceRow()).software_version).toBeNull();
    });

    it('still reads a real gzip body', async () => {
      const body = '{"softwareVersion":"1.2.3"}';

      const answer = await fetch(`${server.url}${HEARTBEAT}`, {
        method: 'POST',
        body: zlib.gzipSync(body),
        headers: { ...signed(body), 'Content-Encoding': 'gzip' },
      });

      expect(answer.status).toBe(200);
    });
  });

  describe('an Idempotency-Key that breaks the header rule', () => {
    it.each([
      ['129 characters', 'k'.repeat(129)],
      ['a space', 'key with space'],
    ])(
      'refuses one of %s with 400 IDEMPOTENCY_KEY_INVALID naming the limit',
      async (_label, key) => {
        const answer = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '9' },
          { 'Idempotency-Key': key },
        );

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_INVALID');
        expect(answer.body.error.details).toEqual({
          header: 'Idempotency-Key',
          maxLength: 128,
          allowed: 'A-Z a-z 0-9 _ . : -',
        });
        expect((await deviceRow()).software_version).not.toBe('9');
      },
    );

    it('keeps IDEMPOTENCY_KEY_REQUIRED for a write without the header (design.md)', async () => {
      const body = '{"softwareVersion":"9"}';
      const headers: Record<string, string> = signed(body);
      delete headers['Idempotency-Key'];

      const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers });

      expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
    });
  });

  describe('an X-Nonce shorter than 16 bytes of hex, correctly signed', () => {
    it.each(['abcd', 'a'.repeat(31), 'z'.repeat(32), 'a'.repeat(129)])(
      'refuses %s with 400 NONCE_INVALID, not SIGNATURE_INVALID',
      async (nonce) => {
        const body = '{"softwareVersion":"1"}';

        const answer = await send(server.url, 'POST', HEARTBEAT, {
          body,
          headers: signed(body, nonce),
        });

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('NONCE_INVALID');
        expect(answer.body.error.details).toEqual({ header: 'X-Nonce', pattern: 'hex{32,128}' });
      },
    );
  });

  describe('requests Node cannot parse', () => {
    it('answers headers over the limit with 431 and a JSON HEADERS_TOO_LARGE body', async () => {
      const answer = await rawExchange(
        server.url,
        `GET /healthz HTTP/1.1\r\nHost: x\r\nX-Padding: ${'a'.repeat(20_000)}\r\n\r\n`,
      );

      expect(answer.status).toBe(431);
      expect(JSON.parse(answer.body).error.code).toBe('HEADERS_TOO_LARGE');
    });

    it('answers the unknown method FOO with 405 and a JSON METHOD_NOT_ALLOWED body', async () => {
      const answer = await rawExchange(server.url, 'FOO /healthz HTTP/1.1\r\nHost: x\r\n\r\n');

      expect(answer.status).toBe(405);
      expect(JSON.parse(answer.body).error.code).toBe('METHOD_NOT_ALLOWED');
    });

    it('answers a garbled request line with 400 and a JSON REQUEST_MALFORMED body', async () => {
      const answer = await rawExchange(server.url, 'GET /healthz NOT-HTTP\r\n\r\n');

      expect(answer.status).toBe(400);
      expect(JSON.parse(answer.body).error.code).toBe('REQUEST_MALFORMED');
    });
  });
});
