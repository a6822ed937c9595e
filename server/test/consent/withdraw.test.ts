import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  currentNoticeVersion,
  getJson,
  joinAsMember,
  purposeState,
  sendMarketingMessage,
  staffToken,
  startMemberServer,
} from '../members/member-kit';

const TEMPLATE = 'TPL_PROMO';

describeEachDatabase('withdrawing a consent (C-4.1.2b)', (database) => {
  let server: RunningServer;
  let marketing: string;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    marketing = await staffToken(server, 'marketing');
  });

  afterAll(async () => {
    await server.stop();
  });

  function withdraw(token: string, purpose: string) {
    return send(server.url, 'POST', `/v1/me/consents/${purpose}/withdraw`, {
      headers: bearer(token),
    });
  }

  async function memberWithOneMessageSent() {
    const member = await joinAsMember(server, {
      membership: true,
      parking: true,
      marketing_messages: true,
    });
    server.simulators!.wechat.allowSubscription(member.openid, TEMPLATE, 5);
    const sent = await sendMarketingMessage(server, marketing, member.pseudonym, TEMPLATE);
    expect(sent.status).toBe(200);
    return member;
  }

  describe('POST /v1/me/consents/:purpose/withdraw', () => {
    describe('for marketing messages', () => {
      it('withdraws in one action with no form to fill (C-4.1.2b)', async () => {
        const { token } = await memberWithOneMessageSent();

        const answer = await withdraw(token, 'marketing_messages');

        expect(answer.status).toBe(200);
        expect(answer.body.withdrawn).toBe('marketing_messages');
        expect(await purposeState(server, token, 'marketing_messages')).toMatchObject({
          status: 'withdrawn',
          active: false,
          askAgain: false,
        });
      });

      it('stops the marketing use with CONSENT_REQUIRED (C-4.1.2b, U-6.1.1)', async () => {
        const { token, pseudonym } = await memberWithOneMessageSent();
        await withdraw(token, 'marketing_messages');

        const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

        expect(answer.status).toBe(403);
        expect(answer.body.error.code).toBe('CONSENT_REQUIRED');
      });

      it('does not undo the message sent before it (C-4.1.2b)', async () => {
        const { token, openid } = await memberWithOneMessageSent();
        const sentToMember = () =>
          server.simulators!.wechat.sentMessages().filter((message) => message.openid === openid);
        expect(sentToMember()).toHaveLength(1);

        await withdraw(token, 'marketing_messages');

        expect(sentToMember()).toHaveLength(1);
      });

      it('leaves other purposes and basic membership as they were (U-6.6.1b)', async () => {
        const { token } = await memberWithOneMessageSent();

        await withdraw(token, 'marketing_messages');
        const me = await getJson(server, '/v1/me', token);

        expect(me.status).toBe(200);
        expect((await purposeState(server, token, 'parking')).active).toBe(true);
        expect((await purposeState(server, token, 'membership')).active).toBe(true);
      });

      it('shows the grant and the withdrawal in the history (C-4.1.2b)', async () => {
        const { token } = await memberWithOneMessageSent();

        await withdraw(token, 'marketing_messages');
        const history = (await getJson(server, '/v1/me/consents', token)).body.history;

        const marketingRecords = history.filter(
          (record: { purpose: string }) => record.purpose === 'marketing_messages',
        );
        expect(marketingRecords).toHaveLength(1);
        const [record] = marketingRecords;
        expect(record).toMatchObject({ status: 'withdrawn', channel: 'weapp' });
        expect(record.decidedAt).toEqual(expect.any(String));
        expect(record.withdrawnAt).toEqual(expect.any(String));
        expect(record.withdrawnAt >= record.decidedAt).toBe(true);
      });
    });
  });

  describe('POST /v1/me/consents refusing membership', () => {
    describe('for a member', () => {
      it('refuses with BASIC_CONSENT_REQUIRED and keeps membership granted: closing the account is the withdraw action (U-6.6.1b, D-7.2)', async () => {
        const { token } = await joinAsMember(server, { membership: true });

        const answer = await sendJson(
          server.url,
          'POST',
          '/v1/me/consents',
          { noticeVersion: await currentNoticeVersion(server), choices: { membership: false } },
          bearer(token),
        );

        expect(answer.status).toBe(400);
        expect(answer.body.error.code).toBe('BASIC_CONSENT_REQUIRED');
        expect(await purposeState(server, token, 'membership')).toMatchObject({
          status: 'granted',
          active: true,
        });
      });
    });
  });

  describe('GET /v1/me/consents/receipt', () => {
    describe('after a grant and a withdrawal', () => {
      it('is signed, names the notice version and lists the withdrawal (C-4.1.2a, C-4.1.2b)', async () => {
        const { token } = await memberWithOneMessageSent();
        await withdraw(token, 'marketing_messages');

        const receipt = (await getJson(server, '/v1/me/consents/receipt', token)).body;

        expect(server.services.receipts.verify(receipt)).toBe(true);
        expect(receipt.currentNoticeVersion).toBe(await currentNoticeVersion(server));
        expect(receipt.currentNoticeHash).toMatch(/^[0-9a-f]{64}$/);
        expect(receipt.purposes).toContainEqual(
          expect.objectContaining({
            purpose: 'marketing_messages',
            status: 'withdrawn',
            noticeVersion: receipt.currentNoticeVersion,
          }),
        );
        expect(receipt.decisions).toContainEqual(
          expect.objectContaining({
            purpose: 'marketing_messages',
            status: 'withdrawn',
            withdrawnAt: expect.any(String),
          }),
        );
      });
    });

    describe('with any field altered', () => {
      it('no longer verifies (C-4.1.2a)', async () => {
        const { token } = await memberWithOneMessageSent();
        const receipt = (await getJson(server, '/v1/me/consents/receipt', token)).body;

        const statusChanged = {
          ...receipt,
          purposes: receipt.purposes.map((purpose: { purpose: string }) =>
            purpose.purpose === 'surveys' ? { ...purpose, status: 'granted' } : purpose,
          ),
        };
        const versionChanged = { ...receipt, currentNoticeVersion: 99 };
        const signatureFlipped = {
          ...receipt,
          signature: receipt.signature.replace(/^./, (c: string) => (c === '0' ? '1' : '0')),
        };

        expect(server.services.receipts.verify(statusChanged)).toBe(false);
        expect(server.services.receipts.verify(versionChanged)).toBe(false);
        expect(server.services.receipts.verify(signatureFlipped)).toBe(false);
      });
    });
  });
});
