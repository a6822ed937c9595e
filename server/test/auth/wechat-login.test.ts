import { SignupTickets } from '../../src/auth/signup-ticket';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import {
  countAllRows,
  currentNoticeVersion,
  getJson,
  joinAsMember,
  startMemberServer,
  wechatLogin,
} from '../members/member-kit';

describeEachDatabase('WeChat login and sign-up tickets (C-4.2.1.3a, C-4.1.2a)', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  async function signUp(ticket: string) {
    return sendJson(server.url, 'POST', '/v1/members', {
      ticket,
      noticeVersion: await currentNoticeVersion(server),
      channel: 'weapp',
      choices: { membership: true },
    });
  }

  describe('POST /v1/auth/wechat/login', () => {
    describe('for a shopper who is not a member', () => {
      it('stores nothing in any table and returns a sealed sign-up ticket (C-4.1.2a)', async () => {
        const before = await countAllRows(server);

        const { login, openid } = await wechatLogin(server);

        expect(login.status).toBe(200);
        expect(login.body.status).toBe('new');
        expect(login.body.signupTicket).toMatch(/^st\d+\./);
        expect(login.text).not.toContain(openid);
        expect(login.text).not.toContain(server.simulators!.wechat.sessionKeyOf(openid));
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('for a member', () => {
      it('returns a session that opens GET /v1/me', async () => {
        const { openid } = await joinAsMember(server);

        const { login } = await wechatLogin(server, openid);
        const me = await getJson(server, '/v1/me', login.body.session.token);

        expect(login.body.status).toBe('member');
        expect(me.status).toBe(200);
      });
    });

    describe('with a wx.login code that was already exchanged', () => {
      it('refuses with WECHAT_LOGIN_FAILED', async () => {
        const { code } = await wechatLogin(server);

        const again = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code });

        expect(again.status).toBe(401);
        expect(again.body.error.code).toBe('WECHAT_LOGIN_FAILED');
      });
    });

    describe('with a code WeChat never issued', () => {
      it('refuses with WECHAT_LOGIN_FAILED', async () => {
        const answer = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', {
          code: '0a3bXd000x1Nf21LHH100GhUPc2bXd0u',
        });

        expect(answer.body.error.code).toBe('WECHAT_LOGIN_FAILED');
      });
    });
  });

  describe('POST /v1/members with a sign-up ticket', () => {
    describe('that was tampered with', () => {
      it('refuses with SIGNUP_TICKET_INVALID and stores nothing', async () => {
        const { ticket } = await wechatLogin(server);
        const middle = Math.floor(ticket.length / 2);
        const flipped = ticket[middle] === 'A' ? 'B' : 'A';
        const tampered = `${ticket.slice(0, middle)}${flipped}${ticket.slice(middle + 1)}`;
        const before = await countAllRows(server);

        const answer = await signUp(tampered);

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('SIGNUP_TICKET_INVALID');
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('that is not a ticket at all', () => {
      it('refuses with SIGNUP_TICKET_INVALID', async () => {
        const answer = await signUp('st1.not-a-sealed-ticket');

        expect(answer.body.error.code).toBe('SIGNUP_TICKET_INVALID');
      });
    });

    describe('that expired (sealed 31 minutes ago)', () => {
      it('refuses with SIGNUP_TICKET_INVALID and stores nothing', async () => {
        const tickets = new SignupTickets(server.services.masterKeys);
        const sealedAt = Date.now() - 31 * 60_000;
        const clock = jest.spyOn(Date, 'now').mockReturnValue(sealedAt);
        const expired = tickets.seal({ openid: 'oExpiredTicketShopper000000001', sessionKey: 'a' });
        clock.mockRestore();
        const before = await countAllRows(server);

        const answer = await signUp(expired);

        expect(answer.body.error.code).toBe('SIGNUP_TICKET_INVALID');
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('used a second time for the same openid', () => {
      it('refuses with ALREADY_MEMBER and creates no second member', async () => {
        const { ticket } = await wechatLogin(server);
        expect((await signUp(ticket)).status).toBe(201);
        const before = await countAllRows(server);

        const again = await signUp(ticket);

        expect(again.status).toBe(409);
        expect(again.body.error.code).toBe('ALREADY_MEMBER');
        expect(await countAllRows(server)).toEqual(before);
      });
    });

    describe('sent twice at once (a double tap on "join")', () => {
      it('creates one member and answers the other with ALREADY_MEMBER', async () => {
        const { ticket } = await wechatLogin(server);

        const answers = await Promise.all([signUp(ticket), signUp(ticket)]);

        const statuses = answers.map((answer) => answer.status).sort();
        expect(statuses).toEqual([201, 409]);
        const refused = answers.find((answer) => answer.status === 409);
        expect(refused?.body.error.code).toBe('ALREADY_MEMBER');
      });
    });
  });
});
