import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { send, sendJson } from '../support/http-client';
import { bearer } from '../support/member-flows';
import { capturingLogger } from '../support/test-services';
import {
  currentNoticeVersion,
  sendMarketingMessage,
  staffToken,
  startMemberServer,
} from './member-kit';

const SHOPPER = {
  openid: 'oLogCheckShopper0000000000001',
  name: '李四海',
  nickname: '测试🐟用户',
  address: '上海市黄浦区南京东路99号',
  email: 'log-check@example.com',
  plate: '沪A12345',
  residentId: '110101199001011237',
  phone: '13900000777',
  secondPhone: '13800000888',
  password: 'Shop2024pass',
};

/**
 * design.md "Logging": never log personal data. Every member flow runs once, including the
 * failures that log at warn or error, with a logger that keeps every line at trace level.
 */
describeEachDatabase('logs of the member flows (design.md "Logging", S-5.3a)', (database) => {
  let server: RunningServer;
  const captured = capturingLogger('trace');
  const secrets: string[] = [];

  beforeAll(async () => {
    server = await startMemberServer(database().url, { LOG_LEVEL: 'trace' }, captured.log);
    await runEveryFlow();
  });

  afterAll(async () => {
    await server.stop();
  });

  function remember(...values: string[]) {
    secrets.push(...values.filter(Boolean));
  }

  async function smsCode(phone: string, purpose: string, typed = phone) {
    await sendJson(server.url, 'POST', '/v1/auth/sms/send', { phone: typed, purpose });
    const code = server.simulators!.sms.lastCodeFor(phone) as string;
    remember(code);
    return code;
  }

  async function runEveryFlow() {
    const wechat = server.simulators!.wechat;
    const loginCode = wechat.issueLoginCode(SHOPPER.openid);
    const login = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code: loginCode });
    await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code: loginCode });
    remember(loginCode, wechat.sessionKeyOf(SHOPPER.openid) as string, login.body.signupTicket);

    const joined = await sendJson(server.url, 'POST', '/v1/members', {
      ticket: login.body.signupTicket,
      noticeVersion: await currentNoticeVersion(server),
      channel: 'weapp',
      choices: { membership: true, parking: true, sensitive_id: true, marketing_messages: true },
      profile: { name: SHOPPER.name, nickname: SHOPPER.nickname, address: SHOPPER.address },
      optional: { email: SHOPPER.email, plate: SHOPPER.plate, residentId: SHOPPER.residentId },
    });
    const token = joined.body.session.token as string;
    remember(token);
    const me = (await server.services.members.findById(joined.body.memberId))!;

    const bindWith = (body: Record<string, unknown>) =>
      sendJson(server.url, 'POST', '/v1/me/phone', body, bearer(token));
    await bindWith({ method: 'sms', phone: SHOPPER.phone, code: '000000' });
    await bindWith({
      method: 'sms',
      phone: '+86 139 0000 0777',
      code: await smsCode(SHOPPER.phone, 'bind', '+86 139 0000 0777'),
    });
    const foreign = wechat.issuePhoneCode(SHOPPER.secondPhone, {
      watermarkAppId: 'wxforeign0000000001',
    });
    const phoneCode = wechat.issuePhoneCode(SHOPPER.secondPhone);
    remember(foreign, phoneCode);
    await bindWith({ method: 'wechat', code: foreign });
    await bindWith({ method: 'wechat', code: phoneCode });
    await bindWith({ method: 'wechat', code: phoneCode });
    const legacy = wechat.legacyPhoneData(SHOPPER.openid, SHOPPER.phone);
    await bindWith({ method: 'wechat-legacy', ...legacy });
    await bindWith({
      method: 'wechat-legacy',
      encryptedData: legacy.encryptedData.slice(4),
      iv: legacy.iv,
    });
    await sendJson(server.url, 'POST', '/v1/auth/sms/send', {
      phone: '12025550123',
      purpose: 'bind',
    });

    await sendJson(
      server.url,
      'PUT',
      '/v1/me/password',
      { newPassword: SHOPPER.password },
      bearer(token),
    );
    await sendJson(server.url, 'POST', '/v1/auth/password/login', {
      phone: SHOPPER.phone,
      password: SHOPPER.password,
    });
    await sendJson(server.url, 'POST', '/v1/auth/password/login', {
      phone: SHOPPER.phone,
      password: 'Wrong2024pass',
    });
    const smsLogin = await smsCode(SHOPPER.phone, 'login');
    await sendJson(server.url, 'POST', '/v1/auth/sms/login', {
      phone: SHOPPER.phone,
      code: smsLogin,
    });

    wechat.allowSubscription(SHOPPER.openid, 'TPL_LOG');
    const marketing = await staffToken(server, 'marketing');
    remember(marketing);
    await sendMarketingMessage(server, marketing, me.pseudonym as string, 'TPL_LOG');
    await sendMarketingMessage(server, marketing, me.pseudonym as string, 'TPL_LOG');

    await send(server.url, 'GET', '/v1/me/export', { headers: bearer(token) });
    await send(server.url, 'GET', '/v1/me/consents/receipt', { headers: bearer(token) });
    await send(server.url, 'DELETE', '/v1/me', { headers: bearer(token) });
    await send(server.url, 'GET', '/v1/me', { headers: bearer(token) });
    remember(wechat.sessionKeyOf(SHOPPER.openid) as string, legacy.encryptedData);
  }

  describe('every member flow, failures included', () => {
    it('was logged at all (the check below is not vacuous)', () => {
      expect(captured.lines.length).toBeGreaterThan(20);
    });

    it.each([
      ['openid', SHOPPER.openid],
      ['name', SHOPPER.name],
      ['nickname', SHOPPER.nickname],
      ['address', SHOPPER.address],
      ['email', SHOPPER.email],
      ['plate', SHOPPER.plate],
      ['ID number', SHOPPER.residentId],
      ['phone', SHOPPER.phone],
      ['phone without its head', SHOPPER.phone.slice(3)],
      ['second phone', SHOPPER.secondPhone],
      ['password', SHOPPER.password],
    ])('never logs the shopper’s %s', (_label, value) => {
      expect(captured.lines.join('')).not.toContain(value);
    });

    it('never logs an SMS code, a WeChat code, a session key, a ticket or a token', () => {
      const logged = captured.lines.join('');

      expect(secrets.length).toBeGreaterThan(8);
      for (const secret of secrets) {
        // A six-digit code counts only on its own: log timestamps are long runs of digits.
        const standalone = new RegExp(`(?<![0-9])${escapeRegExp(secret)}(?![0-9])`);
        expect(logged).not.toMatch(standalone);
      }
    });
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
