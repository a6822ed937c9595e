import crypto from 'node:crypto';
import { DEFAULT_POINTS_PROGRAM, type PointsProgram } from '@memberkit/shared';
import type { Services } from '../../src/container';
import type { RunningServer } from '../../src/server';
import { send, sendJson, sendSigned } from '../support/http-client';
import { bearer, signUpWithWechat } from '../support/member-flows';

export interface Device {
  deviceId: string;
  secret: string;
}

export interface TestMember {
  memberId: string;
  pseudonym: string;
  cardNo: string;
  token: string;
}

/** 1 point per yuan and nothing else, so expected sums are plain arithmetic. */
export function plainProgramme(changes: Partial<PointsProgram['earning']> = {}): PointsProgram {
  return {
    ...DEFAULT_POINTS_PROGRAM,
    earning: {
      basePointsPerYuan: 1,
      itemBonuses: [],
      multipliers: [],
      signUpBonus: null,
      topUpBonuses: [],
      capPerAward: null,
      ...changes,
    },
  };
}

export async function publish(services: Services, program: PointsProgram): Promise<void> {
  await services.pointsProgramme.publish(program, 'staff:test');
}

let openids = 0;

/** A member who agreed to the basic membership purpose, with an optional birth date. */
export async function newMember(
  server: RunningServer,
  profile: { birthDate?: string; gender?: string } = {},
): Promise<TestMember> {
  openids += 1;
  const openid = `o_points_${process.pid}_${openids}_${crypto.randomBytes(3).toString('hex')}`;
  const { answer, token } = await signUpWithWechat(
    server,
    { membership: true },
    { profile },
    openid,
  );
  if (answer.status !== 201) throw new Error(`sign-up failed: ${answer.text}`);
  const member = await server.services.members.findById(answer.body.memberId);
  return {
    memberId: answer.body.memberId,
    pseudonym: member?.pseudonym as string,
    cardNo: member?.cardNo as string,
    token,
  };
}

export interface AwardInput {
  sourceKey: string;
  amountFen: number;
  memberCardNo?: string;
  pseudonym?: string;
  items?: Array<{ sku: string; brand?: string; category?: string; fen: number }>;
  storeId?: string;
  kind?: 'purchase' | 'top-up';
  occurredAt?: string;
}

export function sendAward(
  server: RunningServer,
  device: Device,
  body: AwardInput,
  idempotencyKey = `award-${body.sourceKey}`,
) {
  return sendSigned(
    server.url,
    device,
    'POST',
    '/v1/points/awards',
    { occurredAt: new Date().toISOString(), ...body },
    { 'Idempotency-Key': idempotencyKey },
  );
}

export function sendDeviceWrite(
  server: RunningServer,
  device: Device,
  path: string,
  body: unknown,
  idempotencyKey = crypto.randomUUID(),
) {
  return sendSigned(server.url, device, 'POST', path, body, { 'Idempotency-Key': idempotencyKey });
}

export async function staffToken(services: Services): Promise<string> {
  return (await services.staff.add('points operator', 'operations')).token;
}

export function getAsMember(server: RunningServer, member: TestMember, path: string) {
  return send(server.url, 'GET', path, { headers: bearer(member.token) });
}

export function postAsMember(
  server: RunningServer,
  member: TestMember,
  path: string,
  body: unknown,
) {
  return sendJson(server.url, 'POST', path, body, bearer(member.token));
}

/**
 * The ledger's own promises, read straight from the tables: the balance is the sum of the
 * entries, and the lots hold exactly the positive balance.
 */
export async function ledgerFacts(services: Services, pseudonym: string) {
  const knex = services.databases.core;
  const ledger = await knex('points_ledger').where({ pseudonym }).sum({ total: 'points' }).first();
  const lots = await knex('points_lots').where({ pseudonym }).sum({ total: 'remaining' }).first();
  const entries = await knex('points_ledger').where({ pseudonym }).count({ n: '*' }).first();
  return {
    sum: Number(ledger?.total ?? 0),
    lotsRemaining: Number(lots?.total ?? 0),
    entries: Number(entries?.n ?? 0),
    balance: await services.pointsLedger.balance(pseudonym),
  };
}
