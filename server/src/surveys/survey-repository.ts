import type { Knex } from 'knex';
import { isUniqueViolation } from '../platform/db/database-errors';
import { nowSql } from '../platform/db/sql-time';
import type {
  IdentifyingField,
  QuestionDefinition,
  QuestionKind,
  SurveyQuestion,
} from './survey-rules';

export interface Survey {
  id: string;
  code: string;
  title: string;
  intro: string | null;
  status: 'open' | 'closed';
  createdBy: string;
  createdAt: string;
}

export interface StoredAnswer {
  questionId: number;
  optionIndexes: number[];
  scaleValue: number | null;
  textEnc: string | null;
}

export interface AnswerCounts {
  options: Array<{ questionId: number; optionIndex: number; count: number }>;
  scale: Array<{ questionId: number; value: number; count: number }>;
  answered: Array<{ questionId: number; count: number }>;
  texts: Array<{ questionId: number; responseId: string; textEnc: string }>;
}

type CountRow = Record<string, string | number | null>;

// Pseudonyms D-7.2 account deletion moves rows to (account-service.ts): `anon_<hex>`. No live
// pseudonym starts with `anon` (they are `p_<hex>`), so the prefix needs no LIKE escape, which
// SQLite and MySQL would read differently.
const ERASED_PSEUDONYM = 'anon%';

export class SurveyRepository {
  constructor(private readonly knex: Knex) {}

  /** Survey and questions in one write; false when the random code is taken (errno 1062). */
  async insert(survey: Survey, questions: QuestionDefinition[]): Promise<boolean> {
    try {
      await this.knex.transaction(async (trx) => {
        await trx('surveys').insert({
          id: survey.id,
          code: survey.code,
          title: survey.title,
          intro: survey.intro,
          status: survey.status,
          created_by: survey.createdBy,
          created_at: survey.createdAt,
        });
        for (const [index, question] of questions.entries())
          await trx('survey_questions').insert(toQuestionRow(survey.id, index + 1, question));
      });
      return true;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on surveys.code.
      if (isUniqueViolation(error)) return false;
      throw error;
    }
  }

  async findById(id: string): Promise<Survey | undefined> {
    const row = await this.knex('surveys').where({ id }).first();
    return row ? mapSurvey(row) : undefined;
  }

  async findByCode(code: string): Promise<Survey | undefined> {
    const row = await this.knex('surveys').where({ code }).first();
    return row ? mapSurvey(row) : undefined;
  }

  async close(id: string): Promise<void> {
    await this.knex('surveys').where({ id }).update({ status: 'closed' });
  }

  async questions(surveyId: string): Promise<SurveyQuestion[]> {
    const rows = await this.knex('survey_questions')
      .where({ survey_id: surveyId })
      .orderBy('position');
    return rows.map(mapQuestion);
  }

  async hasResponded(surveyId: string, pseudonym: string): Promise<boolean> {
    return Boolean(
      await this.knex('survey_responses').where({ survey_id: surveyId, pseudonym }).first('id'),
    );
  }

  /** One response with its answers; false when this member already answered (errno 1062). */
  async insertResponse(
    response: { id: string; surveyId: string; pseudonym: string },
    answers: StoredAnswer[],
  ): Promise<string | undefined> {
    const createdAt = nowSql();
    try {
      await this.knex.transaction(async (trx) => {
        await trx('survey_responses').insert({
          id: response.id,
          survey_id: response.surveyId,
          pseudonym: response.pseudonym,
          created_at: createdAt,
        });
        const rows = answers.flatMap((answer) => toAnswerRows(response, answer));
        if (rows.length > 0) await trx('survey_answers').insert(rows);
      });
      return createdAt;
    } catch (error) {
      // MySQL errno 1062 / SQLITE_CONSTRAINT_UNIQUE on (survey_id, pseudonym).
      if (isUniqueViolation(error)) return undefined;
      throw error;
    }
  }

  async countResponses(surveyId: string): Promise<number> {
    const row = await this.knex('survey_responses')
      .where({ survey_id: surveyId })
      .count({ n: '*' })
      .first();
    return Number(row?.n ?? 0);
  }

  /** Counts per question, option and scale value, computed in SQL: no respondent in sight. */
  async answerCounts(surveyId: string, textQuestionIds: number[]): Promise<AnswerCounts> {
    const options = (await this.knex('survey_answers')
      .where({ survey_id: surveyId })
      .whereNotNull('option_index')
      .groupBy('question_id', 'option_index')
      .select('question_id', 'option_index')
      .count({ n: '*' })) as CountRow[];
    const scale = (await this.knex('survey_answers')
      .where({ survey_id: surveyId })
      .whereNotNull('scale_value')
      .groupBy('question_id', 'scale_value')
      .select('question_id', 'scale_value')
      .count({ n: '*' })) as CountRow[];
    const answered = (await this.knex('survey_answers')
      .where({ survey_id: surveyId })
      .groupBy('question_id')
      .select('question_id')
      .countDistinct({ n: 'response_id' })) as CountRow[];
    const texts =
      textQuestionIds.length === 0
        ? []
        : await this.knex('survey_answers')
            .where({ survey_id: surveyId })
            .whereIn('question_id', textQuestionIds)
            .whereNotNull('text_enc')
            .select('question_id', 'response_id', 'text_enc');
    return {
      options: options.map((row) => ({
        questionId: Number(row.question_id),
        optionIndex: Number(row.option_index),
        count: Number(row.n),
      })),
      scale: scale.map((row) => ({
        questionId: Number(row.question_id),
        value: Number(row.scale_value),
        count: Number(row.n),
      })),
      answered: answered.map((row) => ({
        questionId: Number(row.question_id),
        count: Number(row.n),
      })),
      texts: texts.map((row) => ({
        questionId: Number(row.question_id),
        responseId: String(row.response_id),
        textEnc: String(row.text_enc),
      })),
    };
  }

  /**
   * D-7.2: identifying answers (name, phone, address) of deleted accounts are erased; the rest
   * of their response stays, anonymised, for the statistics. Run before any results are read.
   */
  async eraseIdentifyingAnswersOfDeletedMembers(): Promise<number> {
    const identifying = this.knex('survey_questions').whereNotNull('identifies').select('id');
    const erased = this.knex('survey_responses')
      .where('pseudonym', 'like', ERASED_PSEUDONYM)
      .select('id');
    return this.knex('survey_answers')
      .whereIn('question_id', identifying)
      .whereIn('response_id', erased)
      .whereNotNull('text_enc')
      .update({ text_enc: null });
  }
}

function toQuestionRow(surveyId: string, position: number, question: QuestionDefinition) {
  return {
    survey_id: surveyId,
    position,
    kind: question.kind,
    prompt: question.prompt,
    options: question.options ? JSON.stringify(question.options) : null,
    scale_min: question.scaleMin,
    scale_max: question.scaleMax,
    identifies: question.identifies,
    required: question.required,
  };
}

function toAnswerRows(response: { id: string; surveyId: string }, answer: StoredAnswer) {
  const base = {
    response_id: response.id,
    survey_id: response.surveyId,
    question_id: answer.questionId,
    option_index: null as number | null,
    scale_value: answer.scaleValue,
    text_enc: answer.textEnc,
  };
  if (answer.optionIndexes.length === 0) return [base];
  return answer.optionIndexes.map((optionIndex) => ({ ...base, option_index: optionIndex }));
}

function mapSurvey(row: Record<string, unknown>): Survey {
  return {
    id: String(row.id),
    code: String(row.code),
    title: String(row.title),
    intro: (row.intro as string | null) ?? null,
    status: row.status as Survey['status'],
    createdBy: String(row.created_by),
    createdAt: String(row.created_at),
  };
}

function mapQuestion(row: Record<string, unknown>): SurveyQuestion {
  return {
    id: Number(row.id),
    position: Number(row.position),
    kind: row.kind as QuestionKind,
    prompt: String(row.prompt),
    options: row.options ? JSON.parse(String(row.options)) : null,
    scaleMin: row.scale_min === null ? null : Number(row.scale_min),
    scaleMax: row.scale_max === null ? null : Number(row.scale_max),
    identifies: (row.identifies as IdentifyingField | null) ?? null,
    required: Boolean(row.required),
  };
}
