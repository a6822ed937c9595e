import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import {
  bindPhoneBySms,
  currentNoticeVersion,
  fieldNotYetInMarketing,
  freshPhone,
  getJson,
  joinAsMember,
  publishNotice,
  purposeState,
  sendMarketingMessage,
  staffToken,
  startMemberServer,
} from '../members/member-kit';

const TEMPLATE = 'TPL_PROMO';

describeEachDatabase('re-consent after a wider privacy notice (U-6.1.2, U-6.6.1b)', (database) => {
  let server: RunningServer;
  let officer: string;
  let marketing: string;

  beforeAll(async () => {
    server = await startMemberServer(database().url);
    officer = await staffToken(server, 'privacy-officer');
    marketing = await staffToken(server, 'marketing');
  });

  afterAll(async () => {
    await server.stop();
  });

  /** A member who agreed to marketing messages and allowed one subscription message. */
  async function marketingMember() {
    const member = await joinAsMember(server, { membership: true, marketing_messages: true });
    server.simulators!.wechat.allowSubscription(member.openid, TEMPLATE, 5);
    return member;
  }

  async function widenMarketing() {
    const published = await publishNotice(server, officer, {
      marketing_messages: [await fieldNotYetInMarketing(server)],
    });
    expect(published.status).toBe(201);
    return published.body as { version: number; widened: string[]; marked: number };
  }

  function agree(token: string, version: number, granted: boolean) {
    return sendJson(
      server.url,
      'POST',
      '/v1/me/consents',
      { noticeVersion: version, choices: { marketing_messages: granted } },
      bearer(token),
    );
  }

  describe('a notice that widens the marketing_messages scope', () => {
    it('reports the widened purpose and marks the consents given before it (U-6.1.2)', async () => {
      const { token } = await marketingMember();

      const published = await widenMarketing();
      const state = await purposeState(server, token, 'marketing_messages');

      expect(published.widened).toEqual(['marketing_messages']);
      expect(published.marked).toBeGreaterThanOrEqual(1);
      expect(state).toMatchObject({
        status: 'granted',
        needsReconsent: true,
        active: false,
        askAgain: true,
      });
    });

    it('refuses the marketing use with RECONSENT_REQUIRED and sends nothing (U-6.1.2, C-4.1.3b)', async () => {
      const { pseudonym } = await marketingMember();
      await widenMarketing();
      const sentBefore = server.simulators!.wechat.sentMessages().length;

      const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

      expect(answer.status).toBe(403);
      expect(answer.body.error.code).toBe('RECONSENT_REQUIRED');
      expect(server.simulators!.wechat.sentMessages()).toHaveLength(sentBefore);
    });

    it('keeps basic membership going: GET /v1/me and phone binding work (U-6.6.1b)', async () => {
      const { token } = await marketingMember();
      await widenMarketing();

      const me = await getJson(server, '/v1/me', token);
      const bound = await bindPhoneBySms(server, token, freshPhone());
      const membership = await purposeState(server, token, 'membership');

      expect(me.status).toBe(200);
      expect(bound.status).toBe(200);
      expect(membership).toMatchObject({ status: 'granted', active: true });
    });
  });

  describe('agreeing again under the new notice', () => {
    it('re-enables the marketing use (U-6.1.2)', async () => {
      const { token, pseudonym, openid } = await marketingMember();
      const { version } = await widenMarketing();

      const agreed = await agree(token, version, true);
      const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

      expect(agreed.status).toBe(200);
      expect(await purposeState(server, token, 'marketing_messages')).toMatchObject({
        status: 'granted',
        noticeVersion: version,
        needsReconsent: false,
        active: true,
        askAgain: false,
      });
      expect(answer.status).toBe(200);
      expect(server.simulators!.wechat.sentMessages().at(-1)).toMatchObject({
        openid,
        templateId: TEMPLATE,
      });
    });
  });

  describe('refusing under the new notice', () => {
    it('records the refusal for that version and does not ask again (U-6.6.1b)', async () => {
      const { token, pseudonym } = await marketingMember();
      const { version } = await widenMarketing();

      const refused = await agree(token, version, false);
      const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);
      const history = (await getJson(server, '/v1/me/consents', token)).body.history;

      expect(refused.status).toBe(200);
      expect(await purposeState(server, token, 'marketing_messages')).toMatchObject({
        status: 'refused',
        noticeVersion: version,
        active: false,
        askAgain: false,
      });
      expect(answer.body.error.code).toBe('CONSENT_REQUIRED');
      expect(history).toContainEqual(
        expect.objectContaining({
          purpose: 'marketing_messages',
          status: 'refused',
          noticeVersion: version,
        }),
      );
    });

    it('still serves basic membership (U-6.6.1b)', async () => {
      const { token } = await marketingMember();
      const { version } = await widenMarketing();
      await agree(token, version, false);

      const me = await getJson(server, '/v1/me', token);

      expect(me.status).toBe(200);
    });
  });

  describe('a member who refused marketing at sign-up', () => {
    it('is not asked again when the notice widens marketing (U-6.6.1b)', async () => {
      const { token } = await joinAsMember(server, { membership: true });

      await widenMarketing();

      expect(await purposeState(server, token, 'marketing_messages')).toMatchObject({
        status: 'refused',
        askAgain: false,
      });
    });
  });

  describe('a notice that widens nothing', () => {
    it('leaves a given marketing consent in use (U-6.1.2)', async () => {
      const { token, pseudonym } = await marketingMember();

      const published = await publishNotice(server, officer);
      const answer = await sendMarketingMessage(server, marketing, pseudonym, TEMPLATE);

      expect(published.body).toMatchObject({ widened: [], marked: 0 });
      expect(await currentNoticeVersion(server)).toBe(published.body.version);
      expect(answer.status).toBe(200);
      expect((await purposeState(server, token, 'marketing_messages')).active).toBe(true);
    });
  });
});
