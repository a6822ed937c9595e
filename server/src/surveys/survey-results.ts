import type { AnswerCounts } from './survey-repository';
import { redactFreeText, type SurveyQuestion } from './survey-rules';

export interface QuestionResult {
  questionId: number;
  position: number;
  kind: SurveyQuestion['kind'];
  prompt: string;
  answered: number;
  options?: Array<{ label: string; count: number }>;
  scale?: {
    min: number;
    max: number;
    mean: number | null;
    counts: Array<{ value: number; count: number }>;
  };
  /** Free text, masked and sorted: no order that could line answers up across questions. */
  texts?: Array<{ text: string; count: number }>;
  /** Identifying questions: how many answered, never what. */
  identifies?: string;
}

/**
 * Results per question with no identities (C-4.2.2.5): counts per option and scale value,
 * masked free text, and for a name, phone or address question only the number who answered.
 * `texts` maps a question id to its decrypted free-text answers.
 */
export function aggregateResults(
  questions: readonly SurveyQuestion[],
  counts: AnswerCounts,
  texts: ReadonlyMap<number, string[]>,
): QuestionResult[] {
  return questions.map((question) => {
    const answered = counts.answered.find((row) => row.questionId === question.id)?.count ?? 0;
    const result: QuestionResult = {
      questionId: question.id,
      position: question.position,
      kind: question.kind,
      prompt: question.prompt,
      answered,
    };
    if (question.options)
      result.options = question.options.map((label, index) => ({
        label,
        count:
          counts.options.find((row) => row.questionId === question.id && row.optionIndex === index)
            ?.count ?? 0,
      }));
    if (question.kind === 'scale') result.scale = scaleResult(question, counts);
    if (question.kind === 'text' && question.identifies) result.identifies = question.identifies;
    if (question.kind === 'text' && !question.identifies)
      result.texts = tally((texts.get(question.id) ?? []).map(redactFreeText));
    return result;
  });
}

function scaleResult(question: SurveyQuestion, counts: AnswerCounts) {
  const min = question.scaleMin ?? 0;
  const max = question.scaleMax ?? 0;
  const rows = [];
  let total = 0;
  let sum = 0;
  for (let value = min; value <= max; value += 1) {
    const count =
      counts.scale.find((row) => row.questionId === question.id && row.value === value)?.count ?? 0;
    rows.push({ value, count });
    total += count;
    sum += value * count;
  }
  return {
    min,
    max,
    mean: total === 0 ? null : Math.round((sum / total) * 100) / 100,
    counts: rows,
  };
}

function tally(texts: string[]): Array<{ text: string; count: number }> {
  const counts = new Map<string, number>();
  for (const text of texts) counts.set(text, (counts.get(text) ?? 0) + 1);
  return [...counts.entries()]
    .map(([text, count]) => ({ text, count }))
    .sort((a, b) => (a.text < b.text ? -1 : a.text > b.text ? 1 : 0));
}

const CSV_HEADER = ['question_no', 'question', 'kind', 'answer', 'count'];

/** The results as CSV (RFC 4180, UTF-8 with a BOM so Excel reads the Chinese). */
export function resultsCsv(responses: number, results: readonly QuestionResult[]): string {
  const rows: Array<Array<string | number>> = [CSV_HEADER, ['', '(responses)', '', '', responses]];
  for (const result of results) {
    const cells = (answer: string, count: number | string) => [
      result.position,
      result.prompt,
      result.kind,
      answer,
      count,
    ];
    for (const option of result.options ?? []) rows.push(cells(option.label, option.count));
    for (const row of result.scale?.counts ?? []) rows.push(cells(String(row.value), row.count));
    if (result.scale) rows.push(cells('(mean)', result.scale.mean ?? ''));
    for (const text of result.texts ?? []) rows.push(cells(text.text, text.count));
    if (result.identifies) rows.push(cells(`(${result.identifies}: withheld)`, result.answered));
  }

  return `\uFEFF${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

/**
 * Quote every text cell; a cell that a spreadsheet would run as a formula (starting with =, +,
 * -, @, tab or CR: OWASP "CSV injection") gets a leading apostrophe.
 */
function csvCell(value: string | number): string {
  if (typeof value === 'number') return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replace(/"/g, '""')}"`;
}
