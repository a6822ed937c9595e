import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { toSqlDateTime } from '../../src/platform/db/sql-time';
import { testServer } from '../support/test-services';
import { freshPhone } from '../members/member-kit';

/**
 * The real send limits (config defaults): one code per phone per minute, five per phone per
 * hour, twenty per client address per hour. Time passes by moving stored rows into the past.
 */
describeEachDatabase('SMS send limits (C-4.2.1.3a)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await testServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  function sendCode(phone: string, headers: Record<string, string> = {}) {
    return sendJson(server.url, 'POST', '/v1/auth/sms/send', { phone, purpose: 'login' }, headers);
  }

  /** Move every stored code `minutes` into the past, as if that much time had passed. */
  async function letTimePass(minutes: number) {
    const rows = await server.services.databases.core('sms_codes').select('id', 'created_at');
    for (const row of rows) {
      const created = new Date(`${String(row.created_at).replace(' ', 'T')}Z`);
      await server.services.databases
        .core('sms_codes')
        .where({ id: row.id })
        .update({ created_at: toSqlDateTime(new Date(created.getTime() - minutes * 60_000)) });
    }
  }

  describe('a second code for one phone within a minute', () => {
    it('is refused with SMS_SEND_LIMITED and never reaches the gateway', async () => {
      const phone = freshPhone();
      expect((await sendCode(phone)).status).toBe(200);

      const again = await sendCode(phone);

      expect(again.status).toBe(429);
      expect(again.body.error.code).toBe('SMS_SEND_LIMITED');
      expect(server.simulators!.sms.sentCount(phone)).toBe(1);
    });

    it('is refused when the same phone is written another way (+86 139 0000 0001)', async () => {
      expect((await sendCode('13900000001')).status).toBe(200);

      const again = await sendCode('+86 139 0000 0001');

      expect(again.body.error.code).toBe('SMS_SEND_LIMITED');
    });
  });

  describe('a sixth code for one phone within an hour', () => {
    it('is refused with SMS_SEND_LIMITED', async () => {
      const phone = freshPhone();
      for (let sent = 1; sent <= 5; sent += 1) {
        expect((await sendCode(phone)).status).toBe(200);
        await letTimePass(2);
      }

      const sixth = await sendCode(phone);

      expect(sixth.body.error.code).toBe('SMS_SEND_LIMITED');
      expect(server.simulators!.sms.sentCount(phone)).toBe(5);
    });

    it('is sent again once the hour has passed', async () => {
      const phone = freshPhone();
      for (let sent = 1; sent <= 5; sent += 1) {
        await sendCode(phone);
        await letTimePass(2);
      }

      await letTimePass(61);

      expect((await sendCode(phone)).status).toBe(200);
    });
  });

  describe('a twenty-first code from one client address within an hour', () => {
    it('is refused with SMS_SEND_LIMITED, whatever phone it is for', async () => {
      await letTimePass(120);
      for (let sent = 1; sent <= 20; sent += 1)
        expect((await sendCode(freshPhone())).status).toBe(200);

      const answer = await sendCode(freshPhone());

      expect(answer.status).toBe(429);
      expect(answer.body.error.code).toBe('SMS_SEND_LIMITED');
    });

    it('is refused even with a made-up X-Forwarded-For header', async () => {
      const answer = await sendCode(freshPhone(), { 'X-Forwarded-For': '203.0.113.9' });

      expect(answer.body.error.code).toBe('SMS_SEND_LIMITED');
    });
  });

  describe('ten codes for one phone requested at once', () => {
    it('sends at most one (SMS bombing)', async () => {
      await letTimePass(120);
      const phone = freshPhone();

      const answers = await Promise.all(Array.from({ length: 10 }, () => sendCode(phone)));

      expect(answers.filter((answer) => answer.status === 200).length).toBeLessThanOrEqual(1);
      expect(server.simulators!.sms.sentCount(phone)).toBeLessThanOrEqual(1);
    });
  });
});
