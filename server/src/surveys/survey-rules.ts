import { AppError, normalizePhone, type CollectedField } from '@memberkit/shared';

/**
 * Survey rules, pure (C-4.2.2.5, C-4.1.3a). A question that asks for a name, phone or
 * address identifies the shopper: it is only shown, and its answer only accepted, when the
 * member's survey consent allows that field; it is never required, so a shopper can always
 * answer without identifying themselves.
 */
export const IDENTIFYING_FIELDS = ['name', 'phone', 'address'] as const;

export type IdentifyingField = (typeof IDENTIFYING_FIELDS)[number];

export type QuestionKind = 'single' | 'multiple' | 'scale' | 'text';

export interface SurveyQuestion {
  id: number;
  position: number;
  kind: QuestionKind;
  prompt: string;
  options: string[] | null;
  scaleMin: number | null;
  scaleMax: number | null;
  identifies: IdentifyingField | null;
  required: boolean;
}

export type QuestionDefinition = Omit<SurveyQuestion, 'id' | 'position'>;

export interface GivenAnswer {
  questionId: number;
  choice?: number;
  choices?: number[];
  value?: number;
  text?: string;
}

/** An answer as stored: option rows, a scale value, or text to encrypt. */
export interface AcceptedAnswer {
  question: SurveyQuestion;
  optionIndexes: number[];
  scaleValue: number | null;
  text: string | null;
}

const MAX_TEXT_CODE_POINTS = 500;

function surveyInvalid(reason: string, position: number): AppError {
  return new AppError('SURVEY_INVALID', { details: { reason, question: position } });
}

export function assertSurveyDefinition(questions: readonly QuestionDefinition[]): void {
  questions.forEach((question, index) => {
    const position = index + 1;
    const options = question.options ?? [];
    if (new Set(options).size !== options.length) throw surveyInvalid('option twice', position);
    if (question.identifies && question.kind !== 'text')
      throw surveyInvalid('only a text question identifies', position);
    if (question.identifies && question.required)
      throw surveyInvalid('an identifying question is never required', position);
    const isScaleValid =
      question.kind !== 'scale' || (question.scaleMax ?? 0) > (question.scaleMin ?? 0);
    if (!isScaleValid) throw surveyInvalid('scale', position);
  });
}

/** Whether the member's consent lets this question be shown and answered. */
/** `allowed`: the fields the member's survey consent allows (see PurposeFields). */
export function isQuestionAllowed(
  question: Pick<SurveyQuestion, 'identifies'>,
  allowed: ReadonlySet<CollectedField>,
): boolean {
  return question.identifies === null || allowed.has(question.identifies);
}

function answerInvalid(questionId: number, reason: string): AppError {
  return new AppError('SURVEY_ANSWER_INVALID', { details: { questionId, reason } });
}

/**
 * Check every answer against its question and the member's allowed fields. Unknown or
 * repeated questions, choices out of range, a missing required answer: SURVEY_ANSWER_INVALID.
 * An identifying answer the consent does not allow: FIELD_NOT_ALLOWED naming the field.
 */
export function acceptAnswers(
  questions: readonly SurveyQuestion[],
  given: readonly GivenAnswer[],
  allowed: ReadonlySet<CollectedField>,
): AcceptedAnswer[] {
  const byId = new Map(questions.map((question) => [question.id, question]));
  const accepted = new Map<number, AcceptedAnswer>();
  for (const answer of given) {
    const question = byId.get(answer.questionId);
    if (!question) throw answerInvalid(answer.questionId, 'unknown question');
    if (accepted.has(question.id)) throw answerInvalid(question.id, 'answered twice');
    if (!isQuestionAllowed(question, allowed))
      throw new AppError('FIELD_NOT_ALLOWED', { details: { field: question.identifies } });
    const one = acceptOne(question, answer);
    if (one) accepted.set(question.id, one);
  }

  const missing = questions.find(
    (question) =>
      question.required && isQuestionAllowed(question, allowed) && !accepted.has(question.id),
  );
  if (missing) throw answerInvalid(missing.id, 'required');
  return [...accepted.values()];
}

function acceptOne(question: SurveyQuestion, answer: GivenAnswer): AcceptedAnswer | undefined {
  const base = { question, optionIndexes: [] as number[], scaleValue: null, text: null };
  if (question.kind === 'single') {
    if (answer.choice === undefined) return undefined;
    assertOption(question, answer.choice);
    return { ...base, optionIndexes: [answer.choice] };
  }
  if (question.kind === 'multiple') {
    const choices = answer.choices ?? [];
    if (new Set(choices).size !== choices.length) throw answerInvalid(question.id, 'choice twice');
    choices.forEach((choice) => assertOption(question, choice));
    return choices.length > 0 ? { ...base, optionIndexes: choices } : undefined;
  }
  if (question.kind === 'scale') {
    if (answer.value === undefined) return undefined;
    const isInRange =
      answer.value >= (question.scaleMin ?? 0) && answer.value <= (question.scaleMax ?? 0);
    if (!isInRange) throw answerInvalid(question.id, 'out of scale');
    return { ...base, scaleValue: answer.value };
  }
  const text = (answer.text ?? '').trim();
  if (text === '') return undefined;
  if ([...text].length > MAX_TEXT_CODE_POINTS) throw answerInvalid(question.id, 'too long');
  return { ...base, text: question.identifies === 'phone' ? normalizePhone(text) : text };
}

function assertOption(question: SurveyQuestion, choice: number): void {
  if (!(choice >= 0 && choice < (question.options ?? []).length))
    throw answerInvalid(question.id, 'no such option');
}

/**
 * Free text shown in results and exports has what looks like a phone, ID or card number and
 * any e-mail address masked (typed in full width too): shoppers type them into comment boxes ("call me on ...").
 */
export function redactFreeText(text: string): string {
  return halfWidthDigitsAndLetters(text)
    .replace(/[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g, '[已隐去]')
    .replace(/\+?\d(?:[\s-]?\d){6,}[Xx]?/g, '[已隐去]');
}

// Full-width digits, letters and + - . @ _ from a Chinese input method, as ASCII; Chinese
// punctuation (，。) stays as the shopper wrote it.
function halfWidthDigitsAndLetters(text: string): string {
  return text.replace(
    /[\uFF0B\uFF0D\uFF0E\uFF10-\uFF19\uFF20-\uFF3A\uFF3F\uFF41-\uFF5A]/g,
    (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0),
  );
}
