import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { bearer, send, sendJson, staffToken } from '../campaigns/collection-support';

describeEachDatabase('C-4.2.2.1 service-desk sign-up over HTTP', (database) => {
  let server: RunningServer;
  let desk: string;

  beforeAll(async () => {
    server = await testServer(database().url);
    desk = await staffToken(server, 'service-desk');
  });

  afterAll(async () => {
    await server.stop();
  });

  async function startAtDesk() {
    const started = await sendJson(
      server.url,
      'POST',
      '/v1/service-desk/signups',
      { storeCode: 'S01' },
      bearer(desk),
    );
    expect(started.status).toBe(201);
    return started.body as { id: string; status: string; code: { token: string; url: string } };
  }

  /** The shopper's own phone: wx.login, then the sign-up with their own choices. */
  async function joinOnPhone(token: string, choices: Record<string, boolean>, extra = {}) {
    const code = server.simulators!.wechat.issueLoginCode();
    const login = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code });
    const notice = await send(server.url, 'GET', '/v1/notices/current');
    return sendJson(server.url, 'POST', `/v1/desk-signups/${token}/members`, {
      ticket: login.body.signupTicket,
      noticeVersion: notice.body.version,
      choices,
      ...extra,
    });
  }

  it('starts at the desk with a QR code that holds only the H5 page and a token', async () => {
    const started = await startAtDesk();

    expect(started.status).toBe('open');
    expect(started.code.url).toMatch(/\/h5\/#\/pages\/scan\/index\?d=D[0-9A-Z]{17}$/);
  });

  it('shows the phone the fields collected and says binding the phone is optional', async () => {
    const started = await startAtDesk();

    const view = await send(server.url, 'GET', `/v1/desk-signups/${started.code.token}`);

    expect(view.body.channel).toBe('service-desk');
    expect(view.body.phoneBinding).toEqual({
      optional: true,
      text: expect.stringContaining('选填'),
    });
    expect(
      view.body.purposes.find((purpose: { purpose: string }) => purpose.purpose === 'membership')
        .fields,
    ).toEqual(expect.arrayContaining(['name', 'phone']));
  });

  it('lets the shopper join and consent on their own phone, without a phone number, as channel service-desk', async () => {
    const started = await startAtDesk();

    const joined = await joinOnPhone(started.code.token, { membership: true, surveys: true });
    const status = await send(server.url, 'GET', `/v1/service-desk/signups/${started.id}`, {
      headers: bearer(desk),
    });
    const me = await send(server.url, 'GET', '/v1/me', {
      headers: bearer(joined.body.session.token),
    });
    const consents = await send(server.url, 'GET', '/v1/me/consents', {
      headers: bearer(joined.body.session.token),
    });

    expect(joined.status).toBe(201);
    expect(status.body).toMatchObject({ status: 'used', completedAt: expect.any(String) });
    expect(me.body.phone).toBeNull();
    const member = await server.services.databases
      .core('members')
      .where({ id: joined.body.memberId })
      .first();
    expect(member.joined_via).toBe('service-desk');
    const channels = new Set(
      consents.body.history.map((record: { channel: string }) => record.channel),
    );
    expect(channels).toEqual(new Set(['service-desk']));
  });

  it('never takes consent from the staff device: a consent in the start request is refused (VALIDATION_FAILED)', async () => {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/service-desk/signups',
      { choices: { membership: true } },
      bearer(desk),
    );

    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('cannot be finished by staff without the shopper own login ticket (VALIDATION_FAILED)', async () => {
    const started = await startAtDesk();
    const notice = await send(server.url, 'GET', '/v1/notices/current');

    const answer = await sendJson(
      server.url,
      'POST',
      `/v1/desk-signups/${started.code.token}/members`,
      { noticeVersion: notice.body.version, choices: { membership: true } },
      bearer(desk),
    );

    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('refuses a channel sent by the phone: the desk sets it (VALIDATION_FAILED)', async () => {
    const started = await startAtDesk();

    const answer = await joinOnPhone(
      started.code.token,
      { membership: true },
      { channel: 'weapp' },
    );

    expect(answer.body.error.code).toBe('VALIDATION_FAILED');
  });

  it('works once: a second phone gets DESK_SIGNUP_USED', async () => {
    const started = await startAtDesk();
    await joinOnPhone(started.code.token, { membership: true });

    const second = await joinOnPhone(started.code.token, { membership: true });

    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('DESK_SIGNUP_USED');
  });

  it('stays usable when the sign-up behind it fails (BASIC_CONSENT_REQUIRED), then works', async () => {
    const started = await startAtDesk();

    const refused = await joinOnPhone(started.code.token, { membership: false });
    const retried = await joinOnPhone(started.code.token, { membership: true });

    expect(refused.body.error.code).toBe('BASIC_CONSENT_REQUIRED');
    expect(retried.status).toBe(201);
  });

  it('expires: DESK_SIGNUP_EXPIRED, and the desk sees it expired', async () => {
    const started = await startAtDesk();
    await server.services.databases
      .core('desk_signups')
      .where({ id: started.id })
      .update({ expires_at: '2000-01-01 00:00:00.000' });

    const answer = await joinOnPhone(started.code.token, { membership: true });
    const status = await send(server.url, 'GET', `/v1/service-desk/signups/${started.id}`, {
      headers: bearer(desk),
    });

    expect(answer.status).toBe(410);
    expect(answer.body.error.code).toBe('DESK_SIGNUP_EXPIRED');
    expect(status.body.status).toBe('expired');
  });

  it('lets only service-desk staff start one (STAFF_ROLE_FORBIDDEN)', async () => {
    const answer = await sendJson(
      server.url,
      'POST',
      '/v1/service-desk/signups',
      {},
      bearer(await staffToken(server, 'marketing')),
    );

    expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
  });

  it('stores no shopper data in the desk sign-up row', async () => {
    const rows = await server.services.databases.core('desk_signups').select('*');

    expect(Object.keys(rows[0]).sort()).toEqual([
      'code',
      'completed_at',
      'created_at',
      'expires_at',
      'id',
      'staff_id',
      'status',
      'store_code',
    ]);
  });
});
