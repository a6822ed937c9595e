import type { z } from 'zod';
import { ValidationError } from '@memberkit/shared';

/**
 * Parse input with a zod schema; on failure a coded 400 naming the paths and the problem,
 * never echoing the values (they may be personal data).
 */
export function parseInput<S extends z.ZodType>(schema: S, value: unknown): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    problem:
      issue.code === 'unrecognized_keys'
        ? `unknown field(s): ${issue.keys.join(', ')}`
        : issue.code,
  }));
  throw new ValidationError(issues);
}
