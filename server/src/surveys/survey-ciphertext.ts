/**
 * Associated data of a free-text or identifying survey answer: bound to its response and
 * question, so an answer copied to another response does not decrypt. In encrypted-columns.ts.
 */
export function surveyAnswerAad(responseId: string, questionId: number): string {
  return `survey_answers.text:${responseId}:${questionId}`;
}
