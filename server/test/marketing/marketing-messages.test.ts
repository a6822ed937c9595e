import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  joinAsMember,
  sendMarketingMessage,
  staffToken,
  startMemberServer,
} from '../members/member-kit';

const TEMPLATE = 'TPL_BIRTHDAY';

describeEachDatabase('marketing messages only under consent (U-6.1.1, U-6.3.1)', (database) => {
  let server: RunningServer;
  let marketing: string;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    marketing = await staffToken(server, 'marketing');
  });

  afterAll(async () => {
    await server.stop();
  });

  const sentTo = (openid: string) =>
    server.simulators!.wechat.sentMessages().filter((message) => message.openid === openid);

  describe('POST /v1/admin/marketing/messages', () => {
    describe('to a member who agreed and allowed the template', () => {
      it('sends one message that carries the way to unsubscribe (U-6.3.1)', async () => {
        const { openid, pseudonym } = await joinAsMember(server, {
          membership: true,
          marketing_messages: true,
        });
        server.simulators!.wechat.allowSubscription(openid, TEMPLATE);

        const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

        expect(answer.status).toBe(200);
        expect(answer.body).toEqual({ sent: true });
        expect(answer.text).not.toContain(openid);
        expect(sentTo(openid)).toEqual([
          expect.objectContaining({
            templateId: TEMPLATE,
            page: expect.stringContaining('unsubscribe=marketing_messages'),
          }),
        ]);
      });

      it('leaves an audit row naming the staff member and the purpose (S-5.5)', async () => {
        const staff = await server.services.staff.add('campaigner', 'marketing');
        const { openid, pseudonym } = await joinAsMember(server, {
          membership: true,
          marketing_messages: true,
        });
        server.simulators!.wechat.allowSubscription(openid, TEMPLATE);

        await sendMarketingMessage(server, staff.token, pseudonym, TEMPLATE);
        const rows = await server.services.databases
          .vault('audit_log')
          .where({ action: 'marketing.send', subject: pseudonym });

        expect(rows).toEqual([
          expect.objectContaining({ actor: `staff:${staff.id}`, purpose: 'marketing_messages' }),
        ]);
      });
    });

    describe('to a member who refused marketing messages at sign-up', () => {
      it('refuses with CONSENT_REQUIRED and sends nothing (U-6.1.1, U-6.6.1b)', async () => {
        const { openid, pseudonym } = await joinAsMember(server, { membership: true });
        server.simulators!.wechat.allowSubscription(openid, TEMPLATE);

        const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

        expect(answer.status).toBe(403);
        expect(answer.body.error).toMatchObject({
          code: 'CONSENT_REQUIRED',
          details: { purpose: 'marketing_messages' },
        });
        expect(sentTo(openid)).toHaveLength(0);
      });
    });

    describe('to a member who agreed but never allowed the template in WeChat', () => {
      it('refuses with SUBSCRIBE_NOT_ALLOWED', async () => {
        const { openid, pseudonym } = await joinAsMember(server, {
          membership: true,
          marketing_messages: true,
        });

        const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

        expect(answer.body.error.code).toBe('SUBSCRIBE_NOT_ALLOWED');
        expect(sentTo(openid)).toHaveLength(0);
      });
    });

    describe('to a pseudonym no member has', () => {
      it('refuses with MEMBER_NOT_FOUND', async () => {
        const answer = await sendMarketingMessage(server, marketing, `p_${'0'.repeat(24)}`);

        expect(answer.status).toBe(404);
        expect(answer.body.error.code).toBe('MEMBER_NOT_FOUND');
      });
    });

    describe('to the old pseudonym of a deleted member', () => {
      it('refuses with MEMBER_NOT_FOUND and sends nothing (D-7.2)', async () => {
        const { token, openid, pseudonym } = await joinAsMember(server, {
          membership: true,
          marketing_messages: true,
        });
        server.simulators!.wechat.allowSubscription(openid, TEMPLATE);
        await send(server.url, 'DELETE', '/v1/me', { headers: bearer(token) });

        const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

        expect(answer.body.error.code).toBe('MEMBER_NOT_FOUND');
        expect(sentTo(openid)).toHaveLength(0);
      });
    });

    describe('without a staff token, or with a member session', () => {
      it('refuses with STAFF_TOKEN_INVALID (S-5.3b)', async () => {
        const { token, pseudonym } = await joinAsMember(server);

        const anonymous = await send(server.url, 'POST', '/v1/admin/marketing/messages', {
          body: JSON.stringify({ pseudonym, templateId: TEMPLATE, data: {} }),
          headers: { 'Content-Type': 'application/json' },
        });
        const member = await sendMarketingMessage(server, token, pseudonym);

        expect(anonymous.status).toBe(401);
        expect(anonymous.body.error.code).toBe('STAFF_TOKEN_INVALID');
        expect(member.body.error.code).toBe('STAFF_TOKEN_INVALID');
      });
    });

    describe('by a privacy officer', () => {
      it('refuses with STAFF_ROLE_FORBIDDEN (S-5.3b least privilege)', async () => {
        const officer = await staffToken(server, 'privacy-officer');
        const { pseudonym } = await joinAsMember(server, {
          membership: true,
          marketing_messages: true,
        });

        const answer = await sendMarketingMessage(server, officer, pseudonym);

        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
      });
    });
  });
});
