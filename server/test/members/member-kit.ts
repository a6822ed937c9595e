import type { Knex } from 'knex';
import { COLLECTED_FIELDS, type CollectedField, type PurposeId } from '@memberkit/shared';
import type { Logger } from '../../src/platform/logger';
import type { RunningServer } from '../../src/server';
import type { StaffRole } from '../../src/staff/staff-roles';
import { isMysql } from '../../src/platform/db/connect';
import { send, sendJson, type HttpAnswer } from '../support/http-client';
import { bearer, signUpWithWechat, smsCodeFor, type Choices } from '../support/member-flows';
import { testServer } from '../support/test-services';

/**
 * Helpers shared by the members, consent, auth and marketing suites. SMS send limits are
 * generous here; only the rate-limit suite runs with the real ones.
 */
export const GENEROUS_SMS = {
  SMS_PER_CLIENT_PER_HOUR: '1000',
  SMS_PER_PHONE_PER_HOUR: '1000',
  SMS_PER_PHONE_PER_MINUTE: '1000',
};

export function startMemberServer(
  databaseUrl: string,
  overrides: Record<string, string> = {},
  log?: Logger,
): Promise<RunningServer> {
  return testServer(databaseUrl, { ...GENEROUS_SMS, ...overrides }, log);
}

/** A different mainland mobile number for every call, so members never collide in a suite. */
let phoneCounter = 0;
export function freshPhone(prefix = '1390'): string {
  phoneCounter += 1;
  const tail = String((process.pid * 97 + phoneCounter) % 10_000_000).padStart(7, '0');
  return `${prefix}${tail}`;
}

/** A different standard plate for every call (粤B + five digits). */
let plateCounter = 0;
export function freshPlate(): string {
  plateCounter += 1;
  return `粤B${String((process.pid * 31 + plateCounter) % 100_000).padStart(5, '0')}`;
}

/** A fresh openid as WeChat would give one (28 visible characters). */
let openidCounter = 0;
export function freshOpenid(): string {
  openidCounter += 1;
  return `oTest${process.pid}x${openidCounter}`.padEnd(28, 'A');
}

/** Sign up through WeChat and return what later steps need: token, ids, pseudonym, openid. */
export async function joinAsMember(
  server: RunningServer,
  choices: Choices = { membership: true },
  extra: Record<string, unknown> = {},
) {
  const openid = freshOpenid();
  const { answer, token, ticket } = await signUpWithWechat(server, choices, extra, openid);
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.text}`);
  const memberId = answer.body.memberId as string;
  const core = await server.services.members.findById(memberId);
  return { token, ticket, openid, memberId, pseudonym: core?.pseudonym as string, answer };
}

export async function bindPhoneBySms(
  server: RunningServer,
  token: string,
  phone: string,
): Promise<HttpAnswer> {
  const code = await smsCodeFor(server, phone, 'bind');
  return sendJson(
    server.url,
    'POST',
    '/v1/me/phone',
    { method: 'sms', phone, code },
    bearer(token),
  );
}

export function getJson(server: RunningServer, path: string, token?: string): Promise<HttpAnswer> {
  return send(server.url, 'GET', path, { headers: token ? bearer(token) : {} });
}

export async function currentNoticeVersion(server: RunningServer): Promise<number> {
  return (await getJson(server, '/v1/notices/current')).body.version as number;
}

/** The member's state for one purpose, as GET /v1/me/consents reports it. */
export async function purposeState(server: RunningServer, token: string, purpose: string) {
  const answer = await getJson(server, '/v1/me/consents', token);
  return answer.body.purposes.find((state: { purpose: string }) => state.purpose === purpose);
}

export async function staffToken(server: RunningServer, role: StaffRole): Promise<string> {
  return (await server.services.staff.add(`test ${role}`, role)).token;
}

/** Marketing staff send a subscription message to a member, addressed by pseudonym only. */
export function sendMarketingMessage(
  server: RunningServer,
  marketingToken: string,
  pseudonym: string,
  templateId = 'TPL_PROMO',
): Promise<HttpAnswer> {
  return sendJson(
    server.url,
    'POST',
    '/v1/admin/marketing/messages',
    { pseudonym, templateId, data: { thing1: { value: '会员日双倍积分' } } },
    bearer(marketingToken),
  );
}

/** Row counts of every table in both stores, to prove that an action stored nothing. */
export async function countAllRows(server: RunningServer): Promise<Record<string, number>> {
  const { core, vault, sameDatabase } = server.services.databases;
  const counts = await countRowsOf(core);
  return sameDatabase ? counts : { ...counts, ...prefixKeys('vault.', await countRowsOf(vault)) };
}

async function countRowsOf(knex: Knex): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of await tableNames(knex)) {
    const row = await knex(table).count({ n: '*' }).first();
    counts[table] = Number(row?.n ?? 0);
  }
  return counts;
}

async function tableNames(knex: Knex): Promise<string[]> {
  if (isMysql(knex)) {
    const rows = await knex('information_schema.tables')
      .where('table_schema', knex.raw('database()'))
      .select('table_name as name');
    return rows.map((row: { name: string }) => row.name);
  }
  const rows = await knex('sqlite_master')
    .where('type', 'table')
    .andWhereNot('name', 'like', 'sqlite_%')
    .select('name');
  return rows.map((row: { name: string }) => row.name);
}

function prefixKeys(prefix: string, values: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(values).map(([key, value]) => [prefix + key, value]));
}

/** A privacy officer publishes a notice; the default scope with `widen` added to purposes. */
export async function publishNotice(
  server: RunningServer,
  officerToken: string,
  widen: Partial<Record<PurposeId, CollectedField[]>> = {},
): Promise<HttpAnswer> {
  const current = await getJson(server, '/v1/notices/current');
  const scope: Record<string, string[]> = {};
  for (const purpose of current.body.purposes as Array<{ id: PurposeId; fields: string[] }>)
    scope[purpose.id] = [...new Set([...purpose.fields, ...(widen[purpose.id] ?? [])])];
  const text = `${current.body.text}\n\n第 ${current.body.version + 1} 版：更新了营销消息的范围。`;
  return sendJson(server.url, 'POST', '/v1/admin/notices', { text, scope }, bearer(officerToken));
}

/** The next field marketing_messages does not allow yet, so each publish really widens it. */
export async function fieldNotYetInMarketing(server: RunningServer): Promise<CollectedField> {
  const current = await getJson(server, '/v1/notices/current');
  const marketing = current.body.purposes.find(
    (purpose: { id: string }) => purpose.id === 'marketing_messages',
  );
  const field = COLLECTED_FIELDS.find((candidate) => !marketing.fields.includes(candidate));
  if (!field) throw new Error('marketing_messages already allows every field');
  return field;
}

/** wx.login in the simulator, then POST /v1/auth/wechat/login: a sign-up ticket for a new shopper. */
export async function wechatLogin(server: RunningServer, openid = freshOpenid()) {
  const code = server.simulators!.wechat.issueLoginCode(openid);
  const login = await sendJson(server.url, 'POST', '/v1/auth/wechat/login', { code });
  return { login, openid, code, ticket: login.body?.signupTicket as string };
}
