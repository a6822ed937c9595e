import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send } from '../support/http-client';
import { testServer } from '../support/test-services';

describeEachDatabase('health, readiness and the OpenAPI document', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await testServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('answers /healthz', async () => {
    const answer = await send(server.url, 'GET', '/healthz');

    expect(answer.status).toBe(200);
    expect(answer.body).toEqual({ status: 'ok' });
  });

  it('answers /readyz after checking both databases', async () => {
    const answer = await send(server.url, 'GET', '/readyz');

    expect(answer.body).toEqual({ status: 'ready', core: 'ok', vault: 'ok' });
  });

  it('echoes a well-formed X-Request-Id and makes one up otherwise', async () => {
    const echoed = await send(server.url, 'GET', '/healthz', {
      headers: { 'X-Request-Id': 'till-3-req-000042' },
    });
    const made = await send(server.url, 'GET', '/healthz', {
      headers: { 'X-Request-Id': '<script>' },
    });

    expect(echoed.headers.get('x-request-id')).toBe('till-3-req-000042');
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('serves /openapi.json generated from the route schemas', async () => {
    const answer = await send(server.url, 'GET', '/openapi.json');

    expect(answer.body.openapi).toBe('3.1.0');
    const heartbeat = answer.body.paths['/v1/devices/heartbeat'].post;
    expect(
      heartbeat.requestBody.content['application/json'].schema.properties.softwareVersion,
    ).toBeDefined();
    expect(heartbeat.requestBody.content['application/json'].schema.additionalProperties).toBe(
      false,
    );
    expect(heartbeat.security).toEqual([{ deviceSignature: [] }]);
  });
});
