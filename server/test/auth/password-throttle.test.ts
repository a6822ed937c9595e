import type { RunningServer } from '../../src/server';
import { toSqlDateTime } from '../../src/platform/db/sql-time';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { bindPhoneBySms, freshPhone, joinAsMember, startMemberServer } from '../members/member-kit';

const PASSWORD = 'Shop2024pass';
const WRONG = 'Wrong2024pass';

describeEachDatabase('password login throttling (C-4.1.4a security, C-4.2.1.2)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  // Every request here comes from 127.0.0.1: start each test with no counters.
  beforeEach(async () => {
    await server.services.databases.core('login_throttle').delete();
  });

  function login(phone: string, password: string) {
    return sendJson(server.url, 'POST', '/v1/auth/password/login', { phone, password });
  }

  async function memberWithPassword(): Promise<string> {
    const phone = freshPhone('1390');
    const member = await joinAsMember(server);
    await bindPhoneBySms(server, member.token, phone);
    const set = await sendJson(
      server.url,
      'PUT',
      '/v1/me/password',
      { newPassword: PASSWORD },
      bearer(member.token),
    );
    expect(set.status).toBe(200);
    return phone;
  }

  async function sessionCount(): Promise<number> {
    const row = await server.services.databases.core('member_sessions').count({ n: '*' }).first();
    return Number(row?.n);
  }

  describe('49 wrong passwords for one account, then the right one', () => {
    it('answers 401 five times, then 429 RATE_LIMITED with Retry-After, the right one included', async () => {
      const phone = await memberWithPassword();
      const sessionsBefore = await sessionCount();

      const statuses: number[] = [];
      for (let attempt = 0; attempt < 49; attempt += 1)
        statuses.push((await login(phone, WRONG)).status);
      const right = await login(phone, PASSWORD);

      expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
      expect(new Set(statuses.slice(5))).toEqual(new Set([429]));
      expect(right.status).toBe(429);
      expect(right.body.error.code).toBe('RATE_LIMITED');
      const retryAfter = Number(right.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThan(0);
      expect(retryAfter).toBeLessThanOrEqual(15 * 60);
      expect(await sessionCount()).toBe(sessionsBefore);
    });
  });

  describe('when the lock-out window has passed', () => {
    it('lets the right password in again', async () => {
      const phone = await memberWithPassword();
      for (let attempt = 0; attempt < 6; attempt += 1) await login(phone, WRONG);
      const past = toSqlDateTime(new Date(Date.now() - 1000));
      await server.services.databases
        .core('login_throttle')
        .update({ locked_until: past, window_ends_at: past });

      expect((await login(phone, PASSWORD)).status).toBe(200);
    });
  });

  describe('a successful login', () => {
    it('resets the account counter: four wrong, right, four wrong, right all answered', async () => {
      const phone = await memberWithPassword();
      const statuses: number[] = [];

      for (const password of [WRONG, WRONG, WRONG, WRONG, PASSWORD, WRONG, WRONG, WRONG, WRONG])
        statuses.push((await login(phone, password)).status);
      statuses.push((await login(phone, PASSWORD)).status);

      expect(statuses).toEqual([401, 401, 401, 401, 200, 401, 401, 401, 401, 200]);
    });
  });

  describe('a phone that no member has', () => {
    it('is locked after five tries too, so the lock tells nothing about membership', async () => {
      const phone = freshPhone('1350');
      const statuses: number[] = [];

      for (let attempt = 0; attempt < 6; attempt += 1)
        statuses.push((await login(phone, WRONG)).status);

      expect(statuses).toEqual([401, 401, 401, 401, 401, 429]);
    });
  });

  describe('one client trying many accounts', () => {
    it('is locked after 20 failed tries across accounts, with Retry-After', async () => {
      const statuses: number[] = [];

      for (let attempt = 0; attempt < 21; attempt += 1)
        statuses.push((await login(freshPhone('1351'), WRONG)).status);
      const last = await login(freshPhone('1351'), WRONG);

      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      expect(statuses[20]).toBe(429);
      expect(last.body.error.code).toBe('RATE_LIMITED');
      expect(Number(last.headers.get('retry-after'))).toBeGreaterThan(0);
    });

    it('does not count successful logins against the client', async () => {
      const phone = await memberWithPassword();
      const statuses: number[] = [];

      for (let attempt = 0; attempt < 21; attempt += 1)
        statuses.push((await login(phone, PASSWORD)).status);

      expect(new Set(statuses)).toEqual(new Set([200]));
    });
  });

  describe('20 wrong passwords for one account sent at once', () => {
    it('lets only five reach the password check', async () => {
      const phone = await memberWithPassword();

      const answers = await Promise.all(Array.from({ length: 20 }, () => login(phone, WRONG)));

      const statuses = answers.map((answer) => answer.status);
      expect(statuses.filter((status) => status === 401)).toHaveLength(5);
      expect(statuses.filter((status) => status === 429)).toHaveLength(15);
    });
  });

  describe('the stored counters', () => {
    it('hold no phone number and no client address', async () => {
      const phone = freshPhone('1352');
      await login(phone, WRONG);

      const rows = await server.services.databases.core('login_throttle').select();
      const stored = JSON.stringify(rows);

      expect(rows.length).toBe(2);
      expect(stored).not.toContain(phone);
      expect(stored).not.toContain(phone.slice(3));
      expect(stored).not.toContain('127.0.0.1');
    });
  });
});
