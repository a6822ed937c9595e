import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendSigned } from '../support/http-client';
import { capturingLogger, testServer } from '../support/test-services';

const HEARTBEAT = '/v1/devices/heartbeat';

describeEachDatabase('bad input gets a coded 4xx and changes nothing', (database) => {
  let server: RunningServer;
  let device: { deviceId: string; secret: string };
  const captured = capturingLogger('debug');

  beforeAll(async () => {
    server = await testServer(database().url, {}, captured.log);
    device = await server.services.devices.register('till 1', 'pos');
  });

  afterAll(async () => {
    await server.stop();
  });

  function expectCodedClientError(
    answer: { status: number; body: { error?: { code?: string } }; text: string },
    status: number,
    code: string,
  ) {
    expect(answer.status).toBe(status);
    expect(answer.body.error?.code).toBe(code);
    expect(answer.text).not.toMatch(/at .+\(.+:\d+:\d+\)|node_modules|\.ts:/);
  }

  async function idempotencyRows(): Promise<number> {
    const row = await server.services.databases.core('idempotency_keys').count({ n: '*' }).first();
    return Number(row?.n);
  }

  it('refuses malformed JSON with 400 JSON_INVALID', async () => {
    const answer = await send(server.url, 'POST', HEARTBEAT, {
      body: '{"softwareVersion": "1.0",',
      headers: { 'Content-Type': 'application/json' },
    });

    expectCodedClientError(answer, 400, 'JSON_INVALID');
  });

  it('refuses a JSON body that is not an object or array (strict JSON) with 400 JSON_INVALID', async () => {
    const answer = await send(server.url, 'POST', HEARTBEAT, {
      body: '"just a string"',
      headers: { 'Content-Type': 'application/json' },
    });

    expectCodedClientError(answer, 400, 'JSON_INVALID');
  });

  it('refuses a body over 1 MB with 413 BODY_TOO_LARGE', async () => {
    const body = JSON.stringify({ softwareVersion: '1', padding: 'x'.repeat(1024 * 1024) });

    const answer = await send(server.url, 'POST', HEARTBEAT, {
      body,
      headers: { 'Content-Type': 'application/json' },
    });
    expectCodedClientError(answer, 413, 'BODY_TOO_LARGE');
  });

  it.each([
    ['application/x-www-form-urlencoded', 'softwareVersion=1'],
    ['text/plain', '{"softwareVersion":"1"}'],
    ['multipart/form-data; boundary=x', '--x\r\n\r\n--x--'],
  ])('refuses content type %s with 415 CONTENT_TYPE_UNSUPPORTED', async (contentType, body) => {
    const answer = await send(server.url, 'POST', HEARTBEAT, {
      body,
      headers: { 'Content-Type': contentType },
    });

    expectCodedClientError(answer, 415, 'CONTENT_TYPE_UNSUPPORTED');
  });

  it('refuses unknown fields with 400 VALIDATION_FAILED naming the field, and stores nothing', async () => {
    const before = await idempotencyRows();

    const answer = await sendSigned(
      server.url,
      device,
      'POST',
      HEARTBEAT,
      { softwareVersion: '1', isAdmin: true },
      { 'Idempotency-Key': 'unknown-fields' },
    );
    expectCodedClientError(answer, 400, 'VALIDATION_FAILED');
    expect(JSON.stringify(answer.body.error.details)).toContain('isAdmin');
    const device_ = await server.services.databases
      .core('devices')
      .where({ id: device.deviceId })
      .first();
    expect(device_.software_version).toBeNull();
    expect(await idempotencyRows()).toBe(before + 1);
  });

  it('refuses a wrong field type with 400 VALIDATION_FAILED', async () => {
    const answer = await sendSigned(
      server.url,
      device,
      'POST',
      HEARTBEAT,
      { softwareVersion: 12 },
      { 'Idempotency-Key': 'wrong-type' },
    );

    expectCodedClientError(answer, 400, 'VALIDATION_FAILED');
  });

  it('answers an unknown path with 404 NOT_FOUND and a wrong method with 405 METHOD_NOT_ALLOWED', async () => {
    expectCodedClientError(await send(server.url, 'GET', '/v1/nothing-here'), 404, 'NOT_FOUND');
    expectCodedClientError(await send(server.url, 'DELETE', '/healthz'), 405, 'METHOD_NOT_ALLOWED');
  });

  it('never logs request bodies', () => {
    expect(captured.lines.join('\n')).not.toContain('isAdmin');
  });
});
