import type { RunningServer } from '../../src/server';
import { describeEachDatabase } from '../support/test-databases';
import { testServer } from '../support/test-services';
import { bearer, newMember, send, sendJson, staffToken } from '../campaigns/collection-support';

const SURVEY = {
  title: '顾客满意度调查',
  intro: '约 1 分钟',
  questions: [
    { kind: 'single', prompt: '您的职业', options: ['学生', '职员', '自由职业'], required: true },
    { kind: 'multiple', prompt: '感兴趣的品类', options: ['美妆', '数码', '餐饮'] },
    { kind: 'scale', prompt: '整体满意度', min: 1, max: 5 },
    { kind: 'text', prompt: '您的建议' },
    { kind: 'text', prompt: '您的姓名', identifies: 'name' },
    { kind: 'text', prompt: '您的电话', identifies: 'phone' },
    { kind: 'text', prompt: '您的地址', identifies: 'address' },
  ],
};

// Fake shoppers (field cases: all personal data fake); each answers with identifying values.
const SHOPPERS = [
  {
    openid: 'oSurveyShopperAlpha01',
    name: '赵问卷',
    phone: '13900000711',
    address: '淮海中路 99 号',
  },
  {
    openid: 'oSurveyShopperBravo02',
    name: '钱问卷',
    phone: '13900000712',
    address: '南京东路 8 号',
  },
];

describeEachDatabase('C-4.2.2.5 surveys over HTTP', (database) => {
  let server: RunningServer;
  let marketing: string;
  let survey: { id: string; token: string; questionIds: number[] };

  async function createSurvey(body: unknown = SURVEY) {
    const answer = await sendJson(server.url, 'POST', '/v1/admin/surveys', body, bearer(marketing));
    expect(answer.status).toBe(201);
    return {
      id: answer.body.id as string,
      token: answer.body.code.token as string,
      questionIds: (answer.body.questions as Array<{ questionId: number }>).map(
        (question) => question.questionId,
      ),
    };
  }

  function answersFor(ids: number[], shopper: (typeof SHOPPERS)[number], suggestion: string) {
    return [
      { questionId: ids[0], choice: 1 },
      { questionId: ids[1], choices: [0, 2] },
      { questionId: ids[2], value: 4 },
      { questionId: ids[3], text: suggestion },
      { questionId: ids[4], text: shopper.name },
      { questionId: ids[5], text: shopper.phone },
      { questionId: ids[6], text: shopper.address },
    ];
  }

  function respond(token: string, member: string, answers: unknown[]) {
    return sendJson(
      server.url,
      'POST',
      `/v1/surveys/${token}/responses`,
      { answers },
      bearer(member),
    );
  }

  beforeAll(async () => {
    server = await testServer(database().url);
    marketing = await staffToken(server, 'marketing');
    survey = await createSurvey();
  });

  afterAll(async () => {
    await server.stop();
  });

  describe('defining a survey', () => {
    it('refuses an identifying question marked required (SURVEY_INVALID)', async () => {
      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/admin/surveys',
        {
          title: 't',
          questions: [{ kind: 'text', prompt: '姓名', identifies: 'name', required: true }],
        },
        bearer(marketing),
      );

      expect(answer.body.error.code).toBe('SURVEY_INVALID');
    });

    it('refuses an unknown question kind (VALIDATION_FAILED)', async () => {
      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/admin/surveys',
        { title: 't', questions: [{ kind: 'ranking', prompt: '?' }] },
        bearer(marketing),
      );

      expect(answer.body.error.code).toBe('VALIDATION_FAILED');
    });

    it('is for marketing staff only (STAFF_ROLE_FORBIDDEN)', async () => {
      const answer = await sendJson(
        server.url,
        'POST',
        '/v1/admin/surveys',
        SURVEY,
        bearer(await staffToken(server, 'parking')),
      );

      expect(answer.body.error.code).toBe('STAFF_ROLE_FORBIDDEN');
    });
  });

  describe('a member without the survey consent', () => {
    it('sees that the survey consent is needed, and cannot answer (CONSENT_REQUIRED); nothing is stored', async () => {
      const member = await newMember(server, { membership: true, surveys: false });

      const view = await send(server.url, 'GET', `/v1/surveys/${survey.token}`, {
        headers: bearer(member),
      });
      const answer = await respond(survey.token, member, [
        { questionId: survey.questionIds[0], choice: 0 },
      ]);

      expect(view.body.consent).toMatchObject({ purpose: 'surveys', active: false });
      expect(answer.status).toBe(403);
      expect(answer.body.error).toMatchObject({
        code: 'CONSENT_REQUIRED',
        details: { purpose: 'surveys' },
      });
      const rows = await server.services.databases
        .core('survey_responses')
        .where({ survey_id: survey.id });
      expect(rows).toEqual([]);
    });
  });

  describe('members with the survey consent', () => {
    let tokens: string[];

    beforeAll(async () => {
      tokens = [];
      for (const shopper of SHOPPERS)
        tokens.push(
          await newMember(
            server,
            { membership: true, surveys: true },
            { profile: { name: shopper.name } },
            shopper.openid,
          ),
        );
    });

    it('see every question, identifying ones included', async () => {
      const view = await send(server.url, 'GET', `/v1/surveys/${survey.token}`, {
        headers: bearer(tokens[0]),
      });

      expect(view.body.questions).toHaveLength(7);
      expect(view.body.hiddenQuestions).toBe(0);
      expect(view.body.consent.active).toBe(true);
    });

    it('answer once, under the pseudonym, with identifying and free-text answers encrypted', async () => {
      const answers = await Promise.all(
        SHOPPERS.map((shopper, index) =>
          respond(
            survey.token,
            tokens[index],
            answersFor(survey.questionIds, shopper, `停车很方便，有事打${shopper.phone}`),
          ),
        ),
      );

      expect(answers.map((answer) => answer.status)).toEqual([201, 201]);
      const responses = await server.services.databases
        .core('survey_responses')
        .where({ survey_id: survey.id });
      expect(responses.map((row: { pseudonym: string }) => row.pseudonym)).toEqual(
        expect.arrayContaining([expect.stringMatching(/^p_[0-9a-f]{24}$/)]),
      );
      const stored = JSON.stringify(
        await server.services.databases.core('survey_answers').where({ survey_id: survey.id }),
      );
      for (const shopper of SHOPPERS) {
        expect(stored).not.toContain(shopper.name);
        expect(stored).not.toContain(shopper.phone);
        expect(stored).not.toContain(shopper.address);
      }
      expect(stored).toMatch(/ev1\.1\.identity\./);
    });

    it('cannot answer the same survey twice (SURVEY_ALREADY_ANSWERED)', async () => {
      const again = await respond(survey.token, tokens[0], [
        { questionId: survey.questionIds[0], choice: 0 },
      ]);

      expect(again.status).toBe(409);
      expect(again.body.error.code).toBe('SURVEY_ALREADY_ANSWERED');
    });

    it('get SURVEY_ANSWER_INVALID for a choice that is not an option', async () => {
      const other = await createSurvey();

      const answer = await respond(other.token, tokens[0], [
        { questionId: other.questionIds[0], choice: 7 },
      ]);

      expect(answer.body.error).toMatchObject({
        code: 'SURVEY_ANSWER_INVALID',
        details: { reason: 'no such option' },
      });
    });

    it('cannot answer a closed survey (SURVEY_CLOSED)', async () => {
      const other = await createSurvey();
      await sendJson(
        server.url,
        'POST',
        `/v1/admin/surveys/${other.id}/close`,
        {},
        bearer(marketing),
      );

      const answer = await respond(other.token, tokens[1], [
        { questionId: other.questionIds[0], choice: 0 },
      ]);

      expect(answer.body.error.code).toBe('SURVEY_CLOSED');
    });

    it('C-4.1.2b cannot answer after withdrawing the survey consent (CONSENT_REQUIRED)', async () => {
      const member = await newMember(server, { membership: true, surveys: true });
      const other = await createSurvey();
      await sendJson(server.url, 'POST', '/v1/me/consents/surveys/withdraw', {}, bearer(member));

      const answer = await respond(other.token, member, [
        { questionId: other.questionIds[0], choice: 0 },
      ]);

      expect(answer.body.error.code).toBe('CONSENT_REQUIRED');
    });
  });

  describe('results for staff', () => {
    it('aggregate per question with no identities', async () => {
      const results = await send(server.url, 'GET', `/v1/admin/surveys/${survey.id}/results`, {
        headers: bearer(marketing),
      });

      expect(results.body.responses).toBe(2);
      const [job, interests, satisfaction, suggestions, name, phone] = results.body.questions;
      expect(job.options).toEqual([
        { label: '学生', count: 0 },
        { label: '职员', count: 2 },
        { label: '自由职业', count: 0 },
      ]);
      expect(interests.options.map((option: { count: number }) => option.count)).toEqual([2, 0, 2]);
      expect(satisfaction.scale).toMatchObject({ mean: 4 });
      expect(suggestions.texts).toEqual([{ text: '停车很方便，有事打[已隐去]', count: 2 }]);
      expect(name).toMatchObject({ identifies: 'name', answered: 2 });
      expect(phone).toMatchObject({ identifies: 'phone', answered: 2 });
      for (const shopper of SHOPPERS) {
        expect(results.text).not.toContain(shopper.name);
        expect(results.text).not.toContain(shopper.phone);
      }
      expect(results.text).not.toMatch(/p_[0-9a-f]{24}|m_[0-9a-f]{24}/);
    });

    it('export as CSV with no name, phone or openid, and the export is audited', async () => {
      const csv = await send(server.url, 'GET', `/v1/admin/surveys/${survey.id}/results.csv`, {
        headers: bearer(marketing),
      });

      expect(csv.status).toBe(200);
      expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
      expect(csv.text).toContain('"职员",2');
      expect(csv.text).toContain('"(name: withheld)",2');
      for (const shopper of SHOPPERS) {
        expect(csv.text).not.toContain(shopper.name);
        expect(csv.text).not.toContain(shopper.phone);
        expect(csv.text).not.toContain(shopper.address);
        expect(csv.text).not.toContain(shopper.openid);
      }
      expect(csv.text).not.toMatch(/1[3-9]\d{9}|p_[0-9a-f]{24}/);
      const audit = await server.services.databases
        .vault('audit_log')
        .where({ action: 'export' })
        .orderBy('id', 'desc')
        .first();
      expect(audit).toBeDefined();
    });
  });

  describe('under a notice whose survey purpose no longer covers name, phone or address', () => {
    it('hides the identifying questions and refuses an identifying answer (FIELD_NOT_ALLOWED)', async () => {
      const privacyOfficer = await staffToken(server, 'privacy-officer');
      const notice = await send(server.url, 'GET', '/v1/notices/current');
      const scope = Object.fromEntries(
        (notice.body.purposes as Array<{ id: string; fields: string[] }>).map((purpose) => [
          purpose.id,
          purpose.id === 'surveys' ? ['survey_answers'] : purpose.fields,
        ]),
      );
      const published = await sendJson(
        server.url,
        'POST',
        '/v1/admin/notices',
        { text: '隐私政策（第二版）：问卷不再收集姓名、电话和地址。'.repeat(2), scope },
        bearer(privacyOfficer),
      );
      expect(published.status).toBe(201);
      const member = await newMember(server, { membership: true, surveys: true });

      const view = await send(server.url, 'GET', `/v1/surveys/${survey.token}`, {
        headers: bearer(member),
      });
      const identifying = await respond(survey.token, member, [
        { questionId: survey.questionIds[0], choice: 0 },
        { questionId: survey.questionIds[4], text: '孙某' },
      ]);
      const plain = await respond(survey.token, member, [
        { questionId: survey.questionIds[0], choice: 0 },
      ]);

      expect(view.body.hiddenQuestions).toBe(3);
      expect(
        view.body.questions.map((question: { identifies: string | null }) => question.identifies),
      ).toEqual([null, null, null, null]);
      expect(identifying.body.error).toMatchObject({
        code: 'FIELD_NOT_ALLOWED',
        details: { field: 'name' },
      });
      expect(plain.status).toBe(201);
    });
  });
});
