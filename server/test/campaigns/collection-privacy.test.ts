import crypto from 'node:crypto';
import type { Services } from '../../src/container';
import { ENCRYPTED_COLUMNS } from '../../src/platform/crypto/encrypted-columns';
import { rotateKeys } from '../../src/platform/crypto/key-rotation';
import { PSEUDONYMOUS_COLUMNS } from '../../src/members/pseudonymous-tables';
import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer, testServices } from '../support/test-services';
import {
  bearer,
  campaignBody,
  claim,
  newMember,
  send,
  sendJson,
  staffToken,
} from './collection-support';

const silentProgress = {
  onColumnStart: () => undefined,
  onBatch: () => undefined,
  onColumnEnd: () => undefined,
};

function keySet(keys: Record<string, string>, current: number): string {
  return JSON.stringify({ current, keys });
}

const SURVEY = {
  title: '到店调查',
  questions: [
    { kind: 'single', prompt: '来店方式', options: ['地铁', '自驾'] },
    { kind: 'text', prompt: '建议' },
    { kind: 'text', prompt: '您的电话', identifies: 'phone' },
  ],
};

describe('in-store collection tables in the privacy registers', () => {
  it('lists every encrypted column for key rotation (S-5.3a)', () => {
    const columns = ENCRYPTED_COLUMNS.map((column) => `${column.table}.${column.column}`);

    expect(columns).toEqual(
      expect.arrayContaining([
        'campaign_claims.values_enc',
        'campaign_claims.sensitive_enc',
        'survey_answers.text_enc',
      ]),
    );
  });

  it('lists every table kept under the pseudonym for account deletion (D-7.2)', () => {
    expect(PSEUDONYMOUS_COLUMNS).toEqual(
      expect.arrayContaining([
        { table: 'campaign_claims', column: 'pseudonym' },
        { table: 'survey_responses', column: 'pseudonym' },
      ]),
    );
  });
});

describeEachDatabase('S-5.3a key rotation covers claim forms and survey answers', (database) => {
  const version1 = crypto.randomBytes(32).toString('base64');
  const version2 = crypto.randomBytes(32).toString('base64');
  let campaignId: string;
  let claimId: string;
  let surveyId: string;

  beforeAll(async () => {
    const server = await testServer(database().url, { MASTER_KEYS: keySet({ 1: version1 }, 1) });
    const marketing = await staffToken(server, 'marketing');
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/campaigns',
      campaignBody({
        collects: [
          { field: 'name', purpose: 'membership', required: true, why: '核对' },
          { field: 'resident_id', purpose: 'sensitive_id', required: true, why: '实名' },
        ],
      }),
      bearer(marketing),
    );
    campaignId = created.body.id;
    const member = await newMember(server, { membership: true, sensitive_id: true, surveys: true });
    const claimed = await claim(server, created.body.codes[0].token, member, {
      name: '旋转测试',
      resident_id: '110101199001011237',
    });
    claimId = claimed.body.claimId;
    const survey = await sendJson(
      server.url,
      'POST',
      '/v1/admin/surveys',
      SURVEY,
      bearer(marketing),
    );
    surveyId = survey.body.id;
    const ids = survey.body.questions.map(
      (question: { questionId: number }) => question.questionId,
    );
    await sendJson(
      server.url,
      'POST',
      `/v1/surveys/${survey.body.code.token}/responses`,
      {
        answers: [
          { questionId: ids[0], choice: 1 },
          { questionId: ids[1], text: '多些车位' },
          { questionId: ids[2], text: '13900000555' },
        ],
      },
      bearer(member),
    );
    await server.stop();
  });

  async function withKeys<T>(keys: string, work: (services: Services) => Promise<T>): Promise<T> {
    const services = await testServices(database().url, { MASTER_KEYS: keys });
    try {
      return await work(services);
    } finally {
      await services.close();
    }
  }

  it('leaves no version-1 ciphertext in them after a rotation, and every value still reads', async () => {
    await withKeys(keySet({ 1: version1, 2: version2 }, 2), async (services) => {
      const report = await rotateKeys(services.databases, services.cipher, silentProgress);
      const claims = await services.databases
        .core('campaign_claims')
        .select('values_enc', 'sensitive_enc');
      const answers = await services.databases
        .core('survey_answers')
        .whereNotNull('text_enc')
        .select('text_enc');

      expect(report.columns).toEqual(
        expect.arrayContaining([
          { column: 'campaign_claims.values_enc', rewritten: 1 },
          { column: 'campaign_claims.sensitive_enc', rewritten: 1 },
          { column: 'survey_answers.text_enc', rewritten: 2 },
        ]),
      );
      expect(JSON.stringify([claims, answers])).not.toContain('ev1.1.');
      await expect(
        services.collection.campaigns.readClaimValues(campaignId, claimId, 'st_test'),
      ).resolves.toMatchObject({ values: { name: '旋转测试', resident_id: '110101199001011237' } });
      const results = await services.collection.surveys.results(surveyId, 'st_test');
      expect(results.questions[1].texts).toEqual([{ text: '多些车位', count: 1 }]);
    });
  });

  it('refuses a claim ciphertext moved onto another claim row (AAD bound to the claim id)', async () => {
    await withKeys(keySet({ 1: version1, 2: version2 }, 2), async (services) => {
      const row = await services.databases.core('campaign_claims').where({ id: claimId }).first();
      const copy = {
        ...row,
        id: 'cl_000000000000000000000000',
        pseudonym: 'p_copy',
        token_body: 'COPY0000',
      };
      await services.databases.core('campaign_claims').insert(copy);

      await expect(
        services.collection.campaigns.readClaimValues(campaignId, copy.id, 'st_test'),
      ).rejects.toMatchObject({ code: 'CIPHERTEXT_INVALID' });
    });
  });
});

describeEachDatabase('D-7.2 account deletion and in-store collection records', (database) => {
  let server: RunningServer;

  beforeAll(async () => {
    server = await testServer(database().url);
  });

  afterAll(async () => {
    await server.stop();
  });

  it('keeps claims and survey counts anonymised, and erases the claim form and identifying answers', async () => {
    const marketing = await staffToken(server, 'marketing');
    const operations = await staffToken(server, 'operations');
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/campaigns',
      campaignBody(),
      bearer(marketing),
    );
    const member = await newMember(server, { membership: true, surveys: true });
    const claimed = await claim(server, created.body.codes[0].token, member, {
      name: '注销测试',
      phone: '13900000666',
    });
    const survey = await sendJson(
      server.url,
      'POST',
      '/v1/admin/surveys',
      SURVEY,
      bearer(marketing),
    );
    const ids = survey.body.questions.map(
      (question: { questionId: number }) => question.questionId,
    );
    await sendJson(
      server.url,
      'POST',
      `/v1/surveys/${survey.body.code.token}/responses`,
      {
        answers: [
          { questionId: ids[0], choice: 0 },
          { questionId: ids[2], text: '13900000666' },
        ],
      },
      bearer(member),
    );

    const deleted = await send(server.url, 'DELETE', '/v1/me', { headers: bearer(member) });
    const read = await send(
      server.url,
      'GET',
      `/v1/admin/campaigns/${created.body.id}/claims/${claimed.body.claimId}`,
      { headers: bearer(operations) },
    );
    const results = await send(server.url, 'GET', `/v1/admin/surveys/${survey.body.id}/results`, {
      headers: bearer(marketing),
    });

    expect(deleted.status).toBe(200);
    expect(deleted.body.anonymisedRecords).toMatchObject({
      'campaign_claims.pseudonym': 1,
      'survey_responses.pseudonym': 1,
    });
    expect(read.body.values).toEqual({});
    const row = await server.services.databases
      .core('campaign_claims')
      .where({ id: claimed.body.claimId })
      .first();
    expect(row).toMatchObject({
      values_enc: null,
      sensitive_enc: null,
      pseudonym: expect.stringMatching(/^anon_/),
    });
    expect(results.body.questions[0].options[0].count).toBe(1);
    const identifying = await server.services.databases
      .core('survey_answers')
      .where({ survey_id: survey.body.id, question_id: ids[2] })
      .first();
    expect(identifying.text_enc).toBeNull();
  });

  it('C-4.1.2b erases a claim ID number once the member withdraws the sensitive consent', async () => {
    const marketing = await staffToken(server, 'marketing');
    const operations = await staffToken(server, 'operations');
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/campaigns',
      campaignBody({
        collects: [
          { field: 'name', purpose: 'membership', required: true, why: '核对' },
          { field: 'resident_id', purpose: 'sensitive_id', required: true, why: '实名' },
        ],
      }),
      bearer(marketing),
    );
    const member = await newMember(server, { membership: true, sensitive_id: true });
    const claimed = await claim(server, created.body.codes[0].token, member, {
      name: '撤回测试',
      resident_id: '110101199001011237',
    });
    const path = `/v1/admin/campaigns/${created.body.id}/claims/${claimed.body.claimId}`;
    const before = await send(server.url, 'GET', path, { headers: bearer(operations) });

    await sendJson(server.url, 'POST', '/v1/me/consents/sensitive_id/withdraw', {}, bearer(member));
    const after = await send(server.url, 'GET', path, { headers: bearer(operations) });

    expect(before.body.values.resident_id).toBe('110101199001011237');
    expect(after.body.values).toEqual({ name: '撤回测试' });
    const row = await server.services.databases
      .core('campaign_claims')
      .where({ id: claimed.body.claimId })
      .first();
    expect(row.sensitive_enc).toBeNull();
  });

  it('audits every staff read of a claim form, naming the staff member and the pseudonym', async () => {
    const marketing = await staffToken(server, 'marketing');
    const counter = await server.services.staff.add('counter', 'service-desk');
    const created = await sendJson(
      server.url,
      'POST',
      '/v1/admin/campaigns',
      campaignBody(),
      bearer(marketing),
    );
    const member = await newMember(server);
    const claimed = await claim(server, created.body.codes[0].token, member, { name: '审计测试' });

    await send(
      server.url,
      'GET',
      `/v1/admin/campaigns/${created.body.id}/claims/${claimed.body.claimId}`,
      {
        headers: bearer(counter.token),
      },
    );

    const audit = await server.services.databases
      .vault('audit_log')
      .where({ actor: `staff:${counter.id}`, action: 'decrypt' })
      .first();
    expect(audit).toBeDefined();
    expect(JSON.stringify(audit)).not.toContain('审计测试');
  });
});
