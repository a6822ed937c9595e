import type { RunningServer } from '../../src/server';
import { sendJson, send } from './http-client';

export type Choices = Partial<Record<string, boolean>>;

/** Log in through the WeChat simulator and sign up with the given consent choices. */
export async function signUpWithWechat(
  server: RunningServer,
  choices: Choices,
  extra: Record<string, unknown> = {},
  openid?: string,
) {
  const code = server.simulators!.wechat.issueLoginCode(openid);
  const login = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code });
  if (login.body.status !== 'new') throw new Error(`expected a new shopper, got ${login.text}`);
  const notice = await send(server.url, 'GET', '/v1/notices/current');
  const answer = await sendJson(server.url, 'POST', '/v1/members', {
    ticket: login.body.signupTicket,
    noticeVersion: notice.body.version,
    channel: 'weapp',
    choices,
    ...extra,
  });
  return {
    answer,
    token: answer.body?.session?.token as string,
    ticket: login.body.signupTicket as string,
  };
}

export function bearer(token: string): Record<string, string> {
  return { Authorization: `Bearer ${token}` };
}

/** Ask for an SMS code and read it back from the SMS simulator, as the shopper's phone would. */
export async function smsCodeFor(
  server: RunningServer,
  phone: string,
  purpose: 'login' | 'bind' | 'password',
) {
  const sent = await sendJson(server.url, 'POST', '/v1/auth/sms/send', { phone, purpose });
  if (sent.status !== 200) throw new Error(`sms send failed: ${sent.text}`);
  return server.simulators!.sms.lastCodeFor(phone) as string;
}
