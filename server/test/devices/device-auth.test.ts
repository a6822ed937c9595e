import crypto from 'node:crypto';
import { signDeviceRequest } from '@memberkit/shared/node';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendSigned } from '../support/http-client';
import { testServer } from '../support/test-services';

const HEARTBEAT = '/v1/devices/heartbeat';

describeEachDatabase(
  'device authentication and idempotency (design.md Interfaces, S-22239)',
  (database) => {
    let server: RunningServer;
    let device: { deviceId: string; secret: string };

    beforeAll(async () => {
      server = await testServer(database().url);
      device = await server.services.devices.register('till 1', 'pos');
    });

    afterAll(async () => {
      await server.stop();
    });

    function signedHeaders(
      body: string,
      overrides: Partial<Record<'timestamp' | 'nonce' | 'secret', string>> = {},
    ) {
      const timestamp = overrides.timestamp ?? String(Math.floor(Date.now() / 1000));
      const nonce = overrides.nonce ?? crypto.randomBytes(16).toString('hex');
      const signature = signDeviceRequest(
        overrides.secret ?? device.secret,
        'POST',
        HEARTBEAT,
        timestamp,
        nonce,
        body,
      );
      return {
        'X-Device-Id': device.deviceId,
        'X-Timestamp': timestamp,
        'X-Nonce': nonce,
        'X-Signature': signature,
        'Content-Type': 'application/json',
        'Idempotency-Key': crypto.randomUUID(),
      };
    }

    describe('a correctly signed write', () => {
      it('is accepted', async () => {
        const answer = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '1.0.0' },
          { 'Idempotency-Key': 'hb-ok-1' },
        );

        expect(answer.status).toBe(200);
        expect(answer.body.deviceId).toBe(device.deviceId);
      });
    });

    describe('refusals, each with its own code', () => {
      it('refuses a bad signature with SIGNATURE_INVALID', async () => {
        const body = JSON.stringify({ softwareVersion: '1.0.0' });
        const headers = signedHeaders(body, { secret: 'not-the-secret' });

        const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers });
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('SIGNATURE_INVALID');
      });

      it('refuses a body changed after signing with SIGNATURE_INVALID', async () => {
        const headers = signedHeaders(JSON.stringify({ softwareVersion: '1.0.0' }));

        const answer = await send(server.url, 'POST', HEARTBEAT, {
          body: JSON.stringify({ softwareVersion: '6.6.6' }),
          headers,
        });
        expect(answer.body.error.code).toBe('SIGNATURE_INVALID');
      });

      it('refuses a timestamp 301 s old with TIMESTAMP_STALE', async () => {
        const body = JSON.stringify({ softwareVersion: '1.0.0' });
        const headers = signedHeaders(body, {
          timestamp: String(Math.floor(Date.now() / 1000) - 301),
        });

        const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers });
        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('TIMESTAMP_STALE');
      });

      it('refuses a timestamp from the future beyond the window with TIMESTAMP_STALE', async () => {
        const body = JSON.stringify({ softwareVersion: '1.0.0' });
        const headers = signedHeaders(body, {
          timestamp: String(Math.floor(Date.now() / 1000) + 400),
        });

        const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers });
        expect(answer.body.error.code).toBe('TIMESTAMP_STALE');
      });

      it.each([
        ['letters', 'abc'],
        ['a decimal', '1767225600.5'],
        ['exponent notation', '1.7e9'],
        ['a negative number', '-1767225600'],
        ['milliseconds', String(Date.now())],
      ])(
        'refuses %s as X-Timestamp with 400 TIMESTAMP_INVALID naming the header',
        async (_name, timestamp) => {
          const body = JSON.stringify({ softwareVersion: '1.0.0' });
          const headers = signedHeaders(body, { timestamp });

          const answer = await send(server.url, 'POST', HEARTBEAT, { body, headers });
          expect(answer.status).toBe(400);
          expect(answer.body.error.code).toBe('TIMESTAMP_INVALID');
          expect(answer.body.error.details.header).toBe('X-Timestamp');
        },
      );

      it('leaves a malformed timestamp nonce unused, so the corrected request goes through', async () => {
        const body = JSON.stringify({ softwareVersion: '1.0.0' });
        const nonce = crypto.randomBytes(16).toString('hex');

        const malformed = await send(server.url, 'POST', HEARTBEAT, {
          body,
          headers: signedHeaders(body, { timestamp: 'now', nonce }),
        });
        const corrected = await send(server.url, 'POST', HEARTBEAT, {
          body,
          headers: signedHeaders(body, { nonce }),
        });
        expect(malformed.body.error.code).toBe('TIMESTAMP_INVALID');
        expect(corrected.status).toBe(200);
      });

      it('refuses a registered device of the wrong kind with 403 DEVICE_KIND_FORBIDDEN and changes nothing', async () => {
        const rowsBefore = await server.services.databases.core('online_events').count({ n: '*' });

        const answer = await sendSigned(
          server.url,
          device,
          'POST',
          '/v1/online-events',
          { events: [] },
          { 'Idempotency-Key': 'wrong-kind-1' },
        );
        const rowsAfter = await server.services.databases.core('online_events').count({ n: '*' });
        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('DEVICE_KIND_FORBIDDEN');
        expect(answer.body.error.details).toMatchObject({
          kind: 'pos',
          allowedKinds: ['online-channel'],
        });
        expect(rowsAfter).toEqual(rowsBefore);
      });

      it('refuses a replayed nonce with NONCE_REPLAYED', async () => {
        const body = JSON.stringify({ softwareVersion: '1.0.0' });
        const headers = signedHeaders(body);

        const first = await send(server.url, 'POST', HEARTBEAT, { body, headers });
        const replay = await send(server.url, 'POST', HEARTBEAT, { body, headers });
        expect(first.status).toBe(200);
        expect(replay.status).toBe(401);
        expect(replay.body.error.code).toBe('NONCE_REPLAYED');
      });

      it('refuses an unknown or revoked device with DEVICE_UNKNOWN', async () => {
        const revoked = await server.services.devices.register('old till', 'pos');
        await server.services.devices.revoke(revoked.deviceId);

        const unknown = await sendSigned(
          server.url,
          { deviceId: 'dev_nope', secret: 'x' },
          'POST',
          HEARTBEAT,
          { softwareVersion: '1' },
          { 'Idempotency-Key': 'k1' },
        );
        const gone = await sendSigned(
          server.url,
          revoked,
          'POST',
          HEARTBEAT,
          { softwareVersion: '1' },
          { 'Idempotency-Key': 'k2' },
        );
        expect(unknown.body.error.code).toBe('DEVICE_UNKNOWN');
        expect(gone.body.error.code).toBe('DEVICE_UNKNOWN');
      });

      it('refuses a request without device headers with DEVICE_HEADERS_MISSING', async () => {
        const answer = await send(server.url, 'POST', HEARTBEAT, {
          body: '{"softwareVersion":"1"}',
          headers: { 'Content-Type': 'application/json' },
        });

        expect(answer.status).toBe(401);
        expect(answer.body.error.code).toBe('DEVICE_HEADERS_MISSING');
      });
    });

    describe('idempotency keys', () => {
      it('answers a repeated key and body with the first answer, without running the write again', async () => {
        const first = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '2.0.0' },
          { 'Idempotency-Key': 'hb-repeat' },
        );
        await new Promise((resolve) => setTimeout(resolve, 20));
        const again = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '2.0.0' },
          { 'Idempotency-Key': 'hb-repeat' },
        );

        expect(again.status).toBe(200);
        expect(again.body).toEqual(first.body);
        expect(again.headers.get('idempotent-replayed')).toBe('true');
      });

      it('refuses the same key with another body with IDEMPOTENCY_MISMATCH', async () => {
        await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '3.0.0' },
          { 'Idempotency-Key': 'hb-mismatch' },
        );

        const other = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '3.0.1' },
          { 'Idempotency-Key': 'hb-mismatch' },
        );
        expect(other.status).toBe(409);
        expect(other.body.error.code).toBe('IDEMPOTENCY_MISMATCH');
      });

      it('refuses the same key while the first run is still going with IDEMPOTENCY_IN_PROGRESS', async () => {
        const body = JSON.stringify({ softwareVersion: '4.0.0' });
        const requestHash = crypto
          .createHash('sha256')
          .update(`POST\n${HEARTBEAT}\n${body}`)
          .digest('hex');
        await server.services.idempotency.claim(
          device.deviceId,
          'hb-running',
          requestHash,
          new Date(Date.now() + 60_000),
        );

        const answer = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '4.0.0' },
          { 'Idempotency-Key': 'hb-running' },
        );
        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('IDEMPOTENCY_IN_PROGRESS');
      });

      it('lets a retry take over a run whose lease ended (its server was killed)', async () => {
        const body = JSON.stringify({ softwareVersion: '5.0.0' });
        const requestHash = crypto
          .createHash('sha256')
          .update(`POST\n${HEARTBEAT}\n${body}`)
          .digest('hex');
        await server.services.idempotency.claim(
          device.deviceId,
          'hb-dead',
          requestHash,
          new Date(Date.now() - 1000),
        );

        const answer = await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '5.0.0' },
          { 'Idempotency-Key': 'hb-dead' },
        );
        expect(answer.status).toBe(200);
      });

      it('keeps keys apart per device', async () => {
        const other = await server.services.devices.register('till 2', 'pos');
        await sendSigned(
          server.url,
          device,
          'POST',
          HEARTBEAT,
          { softwareVersion: '6.0.0' },
          { 'Idempotency-Key': 'shared-key' },
        );

        const answer = await sendSigned(
          server.url,
          other,
          'POST',
          HEARTBEAT,
          { softwareVersion: '6.0.1' },
          { 'Idempotency-Key': 'shared-key' },
        );
        expect(answer.status).toBe(200);
        expect(answer.body.deviceId).toBe(other.deviceId);
      });

      it('refuses a device write without a key with IDEMPOTENCY_KEY_REQUIRED and changes nothing', async () => {
        const before = await server.services.databases
          .core('devices')
          .where({ id: device.deviceId })
          .first();

        const answer = await sendSigned(server.url, device, 'POST', HEARTBEAT, {
          softwareVersion: '9.9.9',
        });
        const after = await server.services.databases
          .core('devices')
          .where({ id: device.deviceId })
          .first();
        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('IDEMPOTENCY_KEY_REQUIRED');
        expect(after.software_version).toBe(before.software_version);
      });
    });
  },
);
