import { AppError, CONSENT_PURPOSES, NotFoundError, type CollectedField } from '@memberkit/shared';
import type { ConsentService } from '../consent/consent-service';
import type { AuditLog } from '../platform/audit/audit-log';
import type { VaultCipher } from '../platform/crypto/vault-cipher';
import { nowSql, fromSqlDateTime } from '../platform/db/sql-time';
import type { CollectionTokens } from '../campaigns/collection-tokens';
import type { PurposeFields } from '../campaigns/purpose-fields';
import { qrTargets, type QrTargets } from '../campaigns/qr-codes';
import { newCode, newRowId } from '../campaigns/random-codes';
import { surveyAnswerAad } from './survey-ciphertext';
import type { Survey, SurveyRepository } from './survey-repository';
import { aggregateResults, resultsCsv } from './survey-results';
import {
  acceptAnswers,
  assertSurveyDefinition,
  isQuestionAllowed,
  type GivenAnswer,
  type QuestionDefinition,
} from './survey-rules';
import type { CreateSurveyInput, QuestionInput } from './survey-schemas';

const SURVEY_CODE_LENGTH = 8;
const CREATE_ATTEMPTS = 5;

/**
 * Surveys (C-4.2.2.5): staff define them, members answer under their pseudonym with the survey
 * consent, staff see results per question with no identities and export them as CSV.
 */
export class SurveyService {
  constructor(
    private readonly repository: SurveyRepository,
    private readonly tokens: CollectionTokens,
    private readonly consents: ConsentService,
    private readonly purposeFields: PurposeFields,
    private readonly cipher: VaultCipher,
    private readonly audit: AuditLog,
  ) {}

  async create(input: CreateSurveyInput, staffId: string, origin: string) {
    const questions = input.questions.map(toDefinition);
    assertSurveyDefinition(questions);
    for (let attempt = 1; attempt <= CREATE_ATTEMPTS; attempt += 1) {
      const survey: Survey = {
        id: newRowId('sv'),
        code: newCode(SURVEY_CODE_LENGTH),
        title: input.title,
        intro: input.intro ?? null,
        status: 'open',
        createdBy: `staff:${staffId}`,
        createdAt: nowSql(),
      };
      if (await this.repository.insert(survey, questions)) return this.summaryOf(survey, origin);
    }
    throw new AppError('CONFLICT');
  }

  async summary(surveyId: string, origin: string) {
    return this.summaryOf(await this.requireSurvey(surveyId), origin);
  }

  async close(surveyId: string) {
    await this.repository.close((await this.requireSurvey(surveyId)).id);
    return { status: 'closed' as const };
  }

  async qrFor(surveyId: string, origin: string): Promise<QrTargets> {
    const survey = await this.requireSurvey(surveyId);
    return qrTargets('survey', this.tokens.sign('survey', survey.code), origin);
  }

  /**
   * The survey as this member may see it: identifying questions only when their survey consent
   * allows the field; without the survey consent the page asks for it first (C-4.1.2a).
   */
  async forMember(tokenText: string, pseudonym: string) {
    const survey = await this.resolve(tokenText);
    const states = await this.consents.states(pseudonym);
    const surveysConsent = states.find((state) => state.purpose === 'surveys');
    const allowed = await this.surveyFields(pseudonym);
    const questions = await this.repository.questions(survey.id);
    const visible = questions.filter((question) => isQuestionAllowed(question, allowed));
    return {
      title: survey.title,
      intro: survey.intro,
      status: survey.status,
      answered: await this.repository.hasResponded(survey.id, pseudonym),
      consent: {
        purpose: 'surveys',
        title: CONSENT_PURPOSES.surveys.title,
        description: CONSENT_PURPOSES.surveys.description,
        active: surveysConsent?.active ?? false,
        askAgain: surveysConsent?.askAgain ?? false,
      },
      questions: visible.map((question) => ({
        questionId: question.id,
        kind: question.kind,
        prompt: question.prompt,
        options: question.options,
        min: question.scaleMin,
        max: question.scaleMax,
        identifies: question.identifies,
        required: question.required,
      })),
      hiddenQuestions: questions.length - visible.length,
    };
  }

  async answer(tokenText: string, pseudonym: string, given: GivenAnswer[]) {
    const survey = await this.resolve(tokenText);
    if (survey.status !== 'open') throw new AppError('SURVEY_CLOSED');
    // U-6.1.1: answers are kept under the pseudonym only with the survey consent.
    await this.consents.require(pseudonym, 'surveys');
    if (await this.repository.hasResponded(survey.id, pseudonym))
      throw new AppError('SURVEY_ALREADY_ANSWERED');

    const allowed = await this.surveyFields(pseudonym);
    const accepted = acceptAnswers(await this.repository.questions(survey.id), given, allowed);
    const responseId = newRowId('sr');
    const answers = await Promise.all(
      accepted.map(async (answer) => ({
        questionId: answer.question.id,
        optionIndexes: answer.optionIndexes,
        scaleValue: answer.scaleValue,
        textEnc:
          answer.text === null
            ? null
            : await this.cipher.encrypt(
                'identity',
                surveyAnswerAad(responseId, answer.question.id),
                answer.text,
              ),
      })),
    );
    const answeredAt = await this.repository.insertResponse(
      { id: responseId, surveyId: survey.id, pseudonym },
      answers,
    );
    if (!answeredAt) throw new AppError('SURVEY_ALREADY_ANSWERED');
    return { responseId, answeredAt: fromSqlDateTime(answeredAt).toISOString() };
  }

  async results(surveyId: string, staffId: string) {
    const survey = await this.requireSurvey(surveyId);
    await this.repository.eraseIdentifyingAnswersOfDeletedMembers();
    const questions = await this.repository.questions(survey.id);
    const textIds = questions
      .filter((question) => question.kind === 'text' && !question.identifies)
      .map((question) => question.id);
    const counts = await this.repository.answerCounts(survey.id, textIds);
    const texts = new Map<number, string[]>();
    for (const row of counts.texts) {
      const text = await this.cipher.decrypt(
        row.textEnc,
        surveyAnswerAad(row.responseId, row.questionId),
      );
      texts.set(row.questionId, [...(texts.get(row.questionId) ?? []), text]);
    }
    await this.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'decrypt',
        purpose: 'surveys',
        field: 'survey_answers.text',
        details: { surveyId, count: counts.texts.length },
      },
    ]);
    return {
      surveyId: survey.id,
      title: survey.title,
      responses: await this.repository.countResponses(survey.id),
      questions: aggregateResults(questions, counts, texts),
    };
  }

  async exportCsv(surveyId: string, staffId: string): Promise<string> {
    const results = await this.results(surveyId, staffId);
    await this.audit.record([
      {
        actor: `staff:${staffId}`,
        action: 'export',
        purpose: 'surveys',
        details: { surveyId, format: 'csv', responses: results.responses },
      },
    ]);
    return resultsCsv(results.responses, results.questions);
  }

  /** C-4.1.3b: the fields the survey purpose itself allows, never those of other purposes. */
  private async surveyFields(pseudonym: string): Promise<ReadonlySet<CollectedField>> {
    return (await this.purposeFields.active(pseudonym)).get('surveys') ?? new Set();
  }

  private async resolve(tokenText: string): Promise<Survey> {
    const { body } = this.tokens.verify(tokenText, 'survey');
    const survey = await this.repository.findByCode(body);
    if (!survey) throw new NotFoundError('SURVEY_NOT_FOUND');
    return survey;
  }

  private async requireSurvey(surveyId: string): Promise<Survey> {
    const survey = await this.repository.findById(surveyId);
    if (!survey) throw new NotFoundError('SURVEY_NOT_FOUND');
    return survey;
  }

  private async summaryOf(survey: Survey, origin: string) {
    const questions = await this.repository.questions(survey.id);
    return {
      id: survey.id,
      title: survey.title,
      status: survey.status,
      responses: await this.repository.countResponses(survey.id),
      questions: questions.map((question) => ({
        questionId: question.id,
        position: question.position,
        kind: question.kind,
        prompt: question.prompt,
        identifies: question.identifies,
      })),
      code: qrTargets('survey', this.tokens.sign('survey', survey.code), origin),
    };
  }
}

function toDefinition(question: QuestionInput): QuestionDefinition {
  return {
    kind: question.kind,
    prompt: question.prompt,
    options: 'options' in question ? question.options : null,
    scaleMin: question.kind === 'scale' ? question.min : null,
    scaleMax: question.kind === 'scale' ? question.max : null,
    identifies: question.kind === 'text' ? (question.identifies ?? null) : null,
    required: question.required,
  };
}
