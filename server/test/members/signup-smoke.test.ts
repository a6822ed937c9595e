import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer, signUpWithWechat, smsCodeFor } from '../support/member-flows';
import { testServer } from '../support/test-services';

describeEachDatabase('C-4.2.1.3a sign-up and phone binding, end to end over HTTP', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await testServer(database().url, { SMS_PER_CLIENT_PER_HOUR: '1000' });
  });

  afterAll(async () => {
    await server.stop();
  });

  it('signs up with chosen purposes and profile fields (C-4.2.1.1), binds a phone by SMS, and shows exactly those consents', async () => {
    const { answer, token } = await signUpWithWechat(
      server,
      { membership: true, parking: true, marketing_messages: false },
      { profile: { name: '测试🐟用户', birthDate: '1990-01-01' } },
    );
    expect(answer.status).toBe(201);

    const code = await smsCodeFor(server, '13900000401', 'bind');
    const bound = await sendJson(
      server.url,
      'POST',
      '/v1/me/phone',
      { method: 'sms', phone: '13900000401', code },
      bearer(token),
    );
    expect(bound.body).toEqual({ phone: '139****0401' });

    const consents = await send(server.url, 'GET', '/v1/me/consents', { headers: bearer(token) });
    const active = consents.body.purposes
      .filter((state: { active: boolean }) => state.active)
      .map((state: { purpose: string }) => state.purpose);
    expect(active.sort()).toEqual(['membership', 'parking']);
    const me = await send(server.url, 'GET', '/v1/me', { headers: bearer(token) });
    expect(me.body.profile.name).toBe('测试🐟用户');
    expect(me.body.phone).toBe('139****0401');
  });
});
