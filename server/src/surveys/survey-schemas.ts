import { z } from 'zod';
import { IDENTIFYING_FIELDS } from './survey-rules';

const Prompt = z.string().trim().min(1).max(300);
const Options = z.array(z.string().trim().min(1).max(100)).min(2).max(20);
const Required = z.boolean().default(false);

/** C-4.2.2.5: single and multiple choice, a scale, free text (some of which identify). */
export const QuestionSchema = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('single'),
    prompt: Prompt,
    options: Options,
    required: Required,
  }),
  z.strictObject({
    kind: z.literal('multiple'),
    prompt: Prompt,
    options: Options,
    required: Required,
  }),
  z.strictObject({
    kind: z.literal('scale'),
    prompt: Prompt,
    min: z.number().int().min(0).max(1).default(1),
    max: z.number().int().min(2).max(10).default(5),
    required: Required,
  }),
  z.strictObject({
    kind: z.literal('text'),
    prompt: Prompt,
    identifies: z.enum(IDENTIFYING_FIELDS).optional(),
    required: Required,
  }),
]);

export type QuestionInput = z.output<typeof QuestionSchema>;

export const CreateSurveySchema = z.strictObject({
  title: z.string().trim().min(1).max(100),
  intro: z.string().trim().max(1000).optional(),
  questions: z.array(QuestionSchema).min(1).max(50),
});

export type CreateSurveyInput = z.output<typeof CreateSurveySchema>;

export const AnswerSchema = z.strictObject({
  questionId: z.number().int().min(1),
  choice: z.number().int().min(0).optional(),
  choices: z.array(z.number().int().min(0)).max(20).optional(),
  value: z.number().int().optional(),
  text: z.string().max(1000).optional(),
});

export const AnswersSchema = z.strictObject({ answers: z.array(AnswerSchema).max(50) });

export type AnswerInput = z.output<typeof AnswerSchema>;
