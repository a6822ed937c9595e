import type { CollectedField } from '@memberkit/shared';
import { aggregateResults, resultsCsv } from '../../src/surveys/survey-results';
import {
  acceptAnswers,
  assertSurveyDefinition,
  redactFreeText,
  type QuestionDefinition,
  type SurveyQuestion,
} from '../../src/surveys/survey-rules';

const QUESTIONS: SurveyQuestion[] = [
  {
    id: 1,
    position: 1,
    kind: 'single',
    prompt: '职业',
    options: ['学生', '职员'],
    scaleMin: null,
    scaleMax: null,
    identifies: null,
    required: true,
  },
  {
    id: 2,
    position: 2,
    kind: 'multiple',
    prompt: '感兴趣的品类',
    options: ['美妆', '数码', '餐饮'],
    scaleMin: null,
    scaleMax: null,
    identifies: null,
    required: false,
  },
  {
    id: 3,
    position: 3,
    kind: 'scale',
    prompt: '满意度',
    options: null,
    scaleMin: 1,
    scaleMax: 5,
    identifies: null,
    required: false,
  },
  {
    id: 4,
    position: 4,
    kind: 'text',
    prompt: '建议',
    options: null,
    scaleMin: null,
    scaleMax: null,
    identifies: null,
    required: false,
  },
  {
    id: 5,
    position: 5,
    kind: 'text',
    prompt: '您的电话',
    options: null,
    scaleMin: null,
    scaleMax: null,
    identifies: 'phone',
    required: false,
  },
];

const WITH_SURVEYS = new Set<CollectedField>(['survey_answers', 'name', 'phone', 'address']);
const ANSWERS_ONLY = new Set<CollectedField>(['survey_answers']);

function errorOf(run: () => unknown): { code?: string; details?: Record<string, unknown> } {
  try {
    run();
  } catch (error) {
    return error as { code?: string; details?: Record<string, unknown> };
  }
  return {};
}

describe('survey rules (C-4.2.2.5)', () => {
  describe('a survey definition', () => {
    const text = (extra: Partial<QuestionDefinition>): QuestionDefinition => ({
      kind: 'text',
      prompt: '姓名',
      options: null,
      scaleMin: null,
      scaleMax: null,
      identifies: null,
      required: false,
      ...extra,
    });

    it('refuses an identifying question that is required (SURVEY_INVALID)', () => {
      expect(
        errorOf(() => assertSurveyDefinition([text({ identifies: 'name', required: true })])),
      ).toMatchObject({
        code: 'SURVEY_INVALID',
        details: { question: 1 },
      });
    });

    it('refuses the same option twice', () => {
      expect(
        errorOf(() => assertSurveyDefinition([text({ kind: 'single', options: ['是', '是'] })]))
          .code,
      ).toBe('SURVEY_INVALID');
    });

    it('refuses an identifying choice question', () => {
      expect(
        errorOf(() =>
          assertSurveyDefinition([
            text({ kind: 'single', options: ['a', 'b'], identifies: 'name' }),
          ]),
        ).code,
      ).toBe('SURVEY_INVALID');
    });
  });

  describe('answers', () => {
    it('accepts one answer of each kind and normalises an identifying phone', () => {
      const accepted = acceptAnswers(
        QUESTIONS,
        [
          { questionId: 1, choice: 1 },
          { questionId: 2, choices: [0, 2] },
          { questionId: 3, value: 4 },
          { questionId: 4, text: ' 停车场再大一点 ' },
          { questionId: 5, text: '+86 139 0000 0001' },
        ],
        WITH_SURVEYS,
      );

      expect(
        accepted.map((answer) => [answer.optionIndexes, answer.scaleValue, answer.text]),
      ).toEqual([
        [[1], null, null],
        [[0, 2], null, null],
        [[], 4, null],
        [[], null, '停车场再大一点'],
        [[], null, '13900000001'],
      ]);
    });

    it.each([
      ['an unknown question', [{ questionId: 99, choice: 0 }], 'unknown question'],
      [
        'a question answered twice',
        [
          { questionId: 1, choice: 0 },
          { questionId: 1, choice: 1 },
        ],
        'answered twice',
      ],
      ['an option out of range', [{ questionId: 1, choice: 2 }], 'no such option'],
      ['a negative option', [{ questionId: 1, choice: -1 }], 'no such option'],
      [
        'the same option twice',
        [
          { questionId: 1, choice: 0 },
          { questionId: 2, choices: [1, 1] },
        ],
        'choice twice',
      ],
      [
        'a scale value above the scale',
        [
          { questionId: 1, choice: 0 },
          { questionId: 3, value: 6 },
        ],
        'out of scale',
      ],
      ['no answer to a required question', [{ questionId: 3, value: 3 }], 'required'],
    ])('refuses %s with SURVEY_ANSWER_INVALID', (_label, answers, reason) => {
      expect(errorOf(() => acceptAnswers(QUESTIONS, answers, WITH_SURVEYS))).toMatchObject({
        code: 'SURVEY_ANSWER_INVALID',
        details: { reason },
      });
    });

    it('C-4.1.3a refuses an identifying answer the consent does not allow, naming the field', () => {
      expect(
        errorOf(() =>
          acceptAnswers(
            QUESTIONS,
            [
              { questionId: 1, choice: 0 },
              { questionId: 5, text: '13900000001' },
            ],
            ANSWERS_ONLY,
          ),
        ),
      ).toMatchObject({ code: 'FIELD_NOT_ALLOWED', details: { field: 'phone' } });
    });

    it('refuses a malformed identifying phone with PHONE_INVALID', () => {
      expect(
        errorOf(() =>
          acceptAnswers(
            QUESTIONS,
            [
              { questionId: 1, choice: 0 },
              { questionId: 5, text: '12345' },
            ],
            WITH_SURVEYS,
          ),
        ).code,
      ).toBe('PHONE_INVALID');
    });
  });

  describe('free text in results', () => {
    it.each([
      ['a phone number', '有问题请打13900000001联系我', '有问题请打[已隐去]联系我'],
      ['a spaced phone number', '电话 139 0000 0001', '电话 [已隐去]'],
      ['a +86 number', '+86-139-0000-0001 找我', '[已隐去] 找我'],
      ['full-width digits', '１３９００００００01', '[已隐去]'],
      ['an ID number', '身份证11010119900101004X', '身份证[已隐去]'],
      ['an e-mail address', '发到 wang.xm@example.com 吧', '发到 [已隐去] 吧'],
      ['short numbers that identify no one', '3楼有2个门', '3楼有2个门'],
    ])('masks %s', (_label, text, masked) => {
      expect(redactFreeText(text)).toBe(masked);
    });
  });

  describe('results and CSV', () => {
    const counts = {
      options: [
        { questionId: 1, optionIndex: 0, count: 2 },
        { questionId: 2, optionIndex: 2, count: 1 },
      ],
      scale: [{ questionId: 3, value: 5, count: 2 }],
      answered: [
        { questionId: 1, count: 2 },
        { questionId: 5, count: 1 },
      ],
      texts: [],
    };

    it('counts per option and scale value, and only says how many answered an identifying question', () => {
      const results = aggregateResults(
        QUESTIONS,
        counts,
        new Map([[4, ['=HYPERLINK("x")', '好']]]),
      );

      expect(results[0].options).toEqual([
        { label: '学生', count: 2 },
        { label: '职员', count: 0 },
      ]);
      expect(results[2].scale?.mean).toBe(5);
      expect(results[4]).toMatchObject({ identifies: 'phone', answered: 1 });
      expect(results[4].texts).toBeUndefined();
    });

    it('writes CSV with a BOM, quoted cells and no formula a spreadsheet would run', () => {
      const csv = resultsCsv(
        2,
        aggregateResults(QUESTIONS, counts, new Map([[4, ['=HYPERLINK("x")']]])),
      );

      expect(csv.startsWith('\uFEFF"question_no","question","kind","answer","count"\r\n')).toBe(
        true,
      );
      expect(csv).toContain('"\'=HYPERLINK(""x"")"');
      expect(csv).toContain('5,"您的电话","text","(phone: withheld)",1');
    });
  });
});
