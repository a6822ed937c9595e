import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { addMasterKeyVersion } from '../../src/platform/crypto/master-keys';
import type { RunningServer } from '../../src/server';
import { getJson, joinAsMember, startMemberServer } from '../members/member-kit';
import { describeEachDatabase } from '../support/test-databases';
import { testMasterKeys } from '../support/test-services';
import { errorCodeOf, memberWithCodes } from './member-code-support';

describeEachDatabase('GET /v1/me/member-code (issue #6, U-6.1.1)', (database) => {
  let server: RunningServer;
  let keyFile: string;

  beforeAll(async () => {
    keyFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'member-code-keys-')), 'keys.json');
    fs.writeFileSync(keyFile, testMasterKeys([1]), { mode: 0o600 });
    server = await startMemberServer(database().url, { MASTER_KEYS_FILE: keyFile });
  });

  afterAll(async () => {
    await server.stop();
    fs.rmSync(path.dirname(keyFile), { recursive: true, force: true });
  });

  it('answers 401 SESSION_REQUIRED without a member session', async () => {
    const answer = await getJson(server, '/v1/me/member-code');

    expect(answer.status).toBe(401);
    expect(answer.body.error.code).toBe('SESSION_REQUIRED');
  });

  it('answers 401 for a session token that is not one', async () => {
    const answer = await getJson(server, '/v1/me/member-code', 'not-a-session-token');

    expect(answer.status).toBe(401);
  });

  it('gives the member their code: 88, their card number, six digits, for one 30 s step', async () => {
    const member = await memberWithCodes(server);

    const answer = await getJson(server, '/v1/me/member-code', member.token);

    expect(answer.status).toBe(200);
    expect(answer.body.code).toMatch(new RegExp(`^88${member.cardNo}\\d{6}$`));
    expect(answer.body.stepSeconds).toBe(30);
    const left = Date.parse(answer.body.expiresAt) - Date.now();
    expect(left).toBeGreaterThan(0);
    expect(left).toBeLessThanOrEqual(30_000);
    await expect(
      server.services.memberCodes.consume(answer.body.code, new Date()),
    ).resolves.toMatchObject({ memberId: member.memberId });
  });

  it('limits how often one member may ask (429 RATE_LIMITED)', async () => {
    const member = await joinAsMember(server);
    const answers = [];
    for (let request = 0; request < 21; request += 1)
      answers.push(await getJson(server, '/v1/me/member-code', member.token));

    expect(answers.slice(0, 20).every((answer) => answer.status === 200)).toBe(true);
    expect(answers[20]!.status).toBe(429);
    expect(answers[20]!.body.error.code).toBe('RATE_LIMITED');
    const retryAfter = answers[20]!.body.error.details.retryAfterSeconds;
    expect(retryAfter).toBeGreaterThanOrEqual(1);
    expect(retryAfter).toBeLessThanOrEqual(60);
    expect(answers[20]!.headers.get('retry-after')).toBe(String(retryAfter));
  });

  describe('card numbers', () => {
    it('are ten digits and unique across members', async () => {
      const cardNumbers: string[] = [];
      for (let count = 0; count < 12; count += 1)
        cardNumbers.push((await memberWithCodes(server)).cardNo);

      expect(cardNumbers.every((cardNo) => /^\d{10}$/.test(cardNo))).toBe(true);
      expect(new Set(cardNumbers).size).toBe(cardNumbers.length);
    });

    it('are given on the first code to a member who has none, and kept after', async () => {
      const member = await joinAsMember(server);
      await server.services.databases
        .core('members')
        .where({ id: member.memberId })
        .update({ card_no: null });

      const first = await getJson(server, '/v1/me/member-code', member.token);
      const core = await server.services.members.findById(member.memberId);

      expect(core?.cardNo).toMatch(/^\d{10}$/);
      expect(first.body.code.slice(2, 12)).toBe(core?.cardNo);
      const again = await getJson(server, '/v1/me/member-code', member.token);
      expect(again.body.code.slice(2, 12)).toBe(core?.cardNo);
    });

    it('refuses a code whose card number belongs to nobody since the member closed the account', async () => {
      const member = await memberWithCodes(server);
      const answer = await getJson(server, '/v1/me/member-code', member.token);
      await server.services.databases
        .core('members')
        .where({ id: member.memberId })
        .update({ card_no: null, status: 'deleted' });

      expect(
        await errorCodeOf(server.services.memberCodes.consume(answer.body.code, new Date())),
      ).toBe('MEMBER_CODE_REFUSED');
    });
  });

  describe('design.md "Keys": a key rotation between scan and arrival', () => {
    it('still accepts a code made under the previous master key version', async () => {
      const member = await memberWithCodes(server);
      const before = await getJson(server, '/v1/me/member-code', member.token);

      addMasterKeyVersion(keyFile);
      const after = await getJson(server, '/v1/me/member-code', member.token);

      expect(after.body.code).not.toBe(before.body.code);
      await expect(
        server.services.memberCodes.consume(before.body.code, new Date()),
      ).resolves.toMatchObject({ memberId: member.memberId });
    });
  });
});
