import type { RunningServer } from '../../src/server';
import { toSqlDateTime } from '../../src/platform/db/sql-time';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer, smsCodeFor } from '../support/member-flows';
import {
  currentNoticeVersion,
  freshPhone,
  startMemberServer,
  wechatLogin,
} from '../members/member-kit';

describeEachDatabase(
  'sign-up tickets are single use (C-4.1.4a security, C-4.2.1.3a)',
  (database) => {
    let server: RunningServer;

    beforeAll(async () => {
      server = await startMemberServer(database().url);
    });

    afterAll(async () => {
      await server.stop();
    });

    async function signUp(ticket: string, choices: Record<string, boolean> = { membership: true }) {
      return sendJson(server.url, 'POST', '/v1/members', {
        ticket,
        noticeVersion: await currentNoticeVersion(server),
        channel: 'weapp',
        choices,
      });
    }

    async function smsTicket(phone = freshPhone()): Promise<string> {
      const code = await smsCodeFor(server, phone, 'login');
      const login = await sendJson(server.url, 'POST', '/v1/auth/sms/login', { phone, code });
      return login.body.signupTicket as string;
    }

    async function memberCount(): Promise<number> {
      const row = await server.services.databases.core('members').count({ n: '*' }).first();
      return Number(row?.n);
    }

    function deleteAccount(token: string) {
      return send(server.url, 'DELETE', '/v1/me', { headers: bearer(token) });
    }

    describe('a WeChat ticket posted again after the account it made was deleted', () => {
      it('is refused with SIGNUP_TICKET_USED and makes no second member', async () => {
        const { ticket } = await wechatLogin(server);
        const first = await signUp(ticket);
        expect(first.status).toBe(201);
        expect((await deleteAccount(first.body.session.token)).status).toBe(200);
        const before = await memberCount();

        const again = await signUp(ticket);

        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('SIGNUP_TICKET_USED');
        expect(await memberCount()).toBe(before);
      });
    });

    describe('an SMS ticket posted again after the account it made was deleted', () => {
      it('is refused with SIGNUP_TICKET_USED and makes no second member', async () => {
        const ticket = await smsTicket();
        const first = await signUp(ticket);
        expect(first.status).toBe(201);
        await deleteAccount(first.body.session.token);
        const before = await memberCount();

        const again = await signUp(ticket);

        expect(again.body.error.code).toBe('SIGNUP_TICKET_USED');
        expect(await memberCount()).toBe(before);
      });
    });

    describe('one SMS ticket posted twice at the same moment', () => {
      it('makes exactly one member; the other answer is a coded 409', async () => {
        const ticket = await smsTicket();
        const before = await memberCount();

        const answers = await Promise.all([signUp(ticket), signUp(ticket)]);

        const statuses = answers.map((answer) => answer.status).sort();
        expect(statuses).toEqual([201, 409]);
        const refused = answers.find((answer) => answer.status === 409);
        expect(['SIGNUP_TICKET_USED', 'PHONE_ALREADY_REGISTERED']).toContain(
          refused?.body.error.code,
        );
        expect(await memberCount()).toBe(before + 1);
      });
    });

    describe('a ticket whose sign-up was refused', () => {
      it('stays usable: the corrected sign-up succeeds', async () => {
        const ticket = await smsTicket();

        const refused = await signUp(ticket, { membership: false });
        const corrected = await signUp(ticket);

        expect(refused.body.error.code).toBe('BASIC_CONSENT_REQUIRED');
        expect(corrected.status).toBe(201);
      });
    });

    describe('the record of a used ticket', () => {
      it('holds a hash of the ticket id, not the ticket or anything it carries', async () => {
        const phone = freshPhone();
        const ticket = await smsTicket(phone);
        await signUp(ticket);

        const rows = await server.services.databases.core('used_signup_tickets').select();
        const stored = JSON.stringify(rows);

        expect(stored).not.toContain(phone);
        expect(stored).not.toContain(ticket.slice(4, 40));
        for (const row of rows) expect(row.ticket_hash).toMatch(/^[0-9a-f]{64}$/);
      });

      it('is purged once the ticket would have expired anyway', async () => {
        const ticket = await smsTicket();
        await signUp(ticket);
        const core = server.services.databases.core;
        await core('used_signup_tickets').update({
          expires_at: toSqlDateTime(new Date(Date.now() - 60_000)),
        });

        const purged = await server.services.usedSignupTickets.purgeExpired();

        expect(purged).toBeGreaterThan(0);
        expect(Number((await core('used_signup_tickets').count({ n: '*' }).first())?.n)).toBe(0);
      });
    });
  },
);
