import crypto from 'node:crypto';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  countAllRows,
  getJson,
  joinAsMember,
  publishNotice,
  staffToken,
  startMemberServer,
  wechatLogin,
} from '../members/member-kit';

describeEachDatabase('privacy notices (C-4.1.2a, U-6.1.2)', (database) => {
  let server: RunningServer;
  let officer: string;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    officer = await staffToken(server, 'privacy-officer');
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('GET /v1/notices/current', () => {
    describe('on a fresh install', () => {
      it('shows version, text, its hash and every purpose with fields and retention (C-4.1.2a, C-4.1.1)', async () => {
        const notice = await getJson(server, '/v1/notices/current');

        expect(notice.status).toBe(200);
        expect(notice.body.version).toBe(1);
        expect(notice.body.text.length).toBeGreaterThan(100);
        expect(notice.body.textHash).toBe(
          crypto.createHash('sha256').update(notice.body.text, 'utf8').digest('hex'),
        );
        expect(notice.body.purposes.map((purpose: { id: string }) => purpose.id)).toEqual([
          'membership',
          'transaction_linking',
          'parking',
          'marketing_messages',
          'personalised_offers',
          'surveys',
          'sensitive_id',
          'online_shopping',
        ]);
        for (const purpose of notice.body.purposes) {
          expect(purpose.fields.length).toBeGreaterThan(0);
          expect(purpose.retentionDays).toBeGreaterThan(0);
          expect(['basic', 'extended']).toContain(purpose.kind);
        }
      });

      it('names why the sensitive purpose is needed and how it affects the shopper (C-4.1.2c)', async () => {
        const notice = await getJson(server, '/v1/notices/current');

        const sensitive = notice.body.purposes.find(
          (purpose: { id: string }) => purpose.id === 'sensitive_id',
        );

        expect(sensitive).toMatchObject({ sensitive: true, fields: ['resident_id'] });
        expect(sensitive.impact.length).toBeGreaterThan(0);
      });
    });
  });

  describe('a consent', () => {
    describe('given at sign-up in the mini-program', () => {
      it('records the notice version and the channel (C-4.1.2a)', async () => {
        const version = (await getJson(server, '/v1/notices/current')).body.version;
        const { token } = await joinAsMember(server, { membership: true, parking: true });

        const history = (await getJson(server, '/v1/me/consents', token)).body.history;

        expect(history.length).toBeGreaterThan(0);
        for (const record of history)
          expect(record).toMatchObject({ noticeVersion: version, channel: 'weapp' });
      });
    });

    describe('given later on the website', () => {
      it('records the website channel for that decision (C-4.1.2a)', async () => {
        const { token } = await joinAsMember(server, { membership: true });
        const version = (await getJson(server, '/v1/notices/current')).body.version;

        await sendJson(
          server.url,
          'POST',
          '/v1/me/consents',
          { noticeVersion: version, choices: { surveys: true }, channel: 'website' },
          bearer(token),
        );
        const history = (await getJson(server, '/v1/me/consents', token)).body.history;

        const surveys = history.filter(
          (record: { purpose: string }) => record.purpose === 'surveys',
        );
        expect(surveys).toEqual([
          expect.objectContaining({
            status: 'granted',
            noticeVersion: version,
            channel: 'website',
          }),
        ]);
      });
    });
  });

  describe('an outdated noticeVersion', () => {
    describe('at sign-up, after a newer notice was published', () => {
      it('refuses with NOTICE_VERSION_OUTDATED and stores nothing (U-6.1.2)', async () => {
        const { ticket } = await wechatLogin(server);
        const read = (await getJson(server, '/v1/notices/current')).body.version;
        expect((await publishNotice(server, officer)).status).toBe(201);
        const before = await countAllRows(server);

        const answer = await sendJson(server.url, 'POST', '/v1/members', {
          ticket,
          noticeVersion: read,
          channel: 'weapp',
          choices: { membership: true },
        });

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('NOTICE_VERSION_OUTDATED');
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('when agreeing to a purpose', () => {
      it('refuses with NOTICE_VERSION_OUTDATED (U-6.1.2)', async () => {
        const { token } = await joinAsMember(server, { membership: true });
        const read = (await getJson(server, '/v1/notices/current')).body.version;
        await publishNotice(server, officer);

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/consents',
          { noticeVersion: read, choices: { parking: true } },
          bearer(token),
        );

        expect(answer.status).toBe(409);
        expect(answer.body.error.code).toBe('NOTICE_VERSION_OUTDATED');
      });
    });
  });

  describe('POST /v1/admin/notices', () => {
    describe('by a privacy officer', () => {
      it('publishes the next version, which GET /v1/notices/current then shows (C-4.1.2a)', async () => {
        const before = (await getJson(server, '/v1/notices/current')).body.version;

        const published = await publishNotice(server, officer);
        const current = await getJson(server, '/v1/notices/current');

        expect(published.status).toBe(201);
        expect(published.body).toEqual({ version: before + 1, widened: [], marked: 0 });
        expect(current.body.version).toBe(before + 1);
      });
    });

    describe('without a staff token, or with a member session instead', () => {
      it('refuses with STAFF_TOKEN_INVALID (S-5.3b)', async () => {
        const { token } = await joinAsMember(server, { membership: true });
        const body = JSON.stringify({ text: 'x'.repeat(30), scope: {} });
        const headers = { 'Content-Type': 'application/json' };

        const anonymous = await send(server.url, 'POST', '/v1/admin/notices', { body, headers });
        const member = await send(server.url, 'POST', '/v1/admin/notices', {
          body,
          headers: { ...headers, ...bearer(token) },
        });

        expect(anonymous.body.error.code).toBe('STAFF_TOKEN_INVALID');
        expect(member.body.error.code).toBe('STAFF_TOKEN_INVALID');
      });
    });

    describe('by marketing staff', () => {
      it('refuses with STAFF_ROLE_FORBIDDEN (S-5.3b)', async () => {
        const marketing = await staffToken(server, 'marketing');

        const answer = await publishNotice(server, marketing);

        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
      });
    });

    describe('by a revoked privacy officer', () => {
      it('refuses with STAFF_TOKEN_INVALID (S-22239)', async () => {
        const revoked = await server.services.staff.add('leaver', 'privacy-officer');
        await server.services.staff.revoke(revoked.id);

        const answer = await publishNotice(server, revoked.token);

        expect(answer.body.error.code).toBe('STAFF_TOKEN_INVALID');
      });
    });
  });
});
