import type { z } from 'zod';
import { badInput } from '../domain/shared/errors.js';

/** Parses client input; the first problem becomes BAD_USER_INPUT naming the field (dotted path). */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path.map(String).join('.') || 'input';
  // zod's own message for an enum lists every allowed value; the error names none of the schema's.
  const message = issue.code === 'invalid_value' || issue.code === 'invalid_union' ? 'is not one of the allowed values' : issue.message;
  throw badInput(field, `${field}: ${message}`);
}
