import { z } from 'zod';

/** Free text a person typed: trimmed, not blank, bounded. */
export const text = (max = 200) =>
  z
    .string()
    .trim()
    .min(1, 'must not be blank')
    .max(max, `must be at most ${max} characters`);

export const optionalText = (max = 200) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .nullish()
    .transform((value) => (value ? value : undefined))
    .optional();

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** An ISO calendar date that exists (2025-02-30 does not). */
export const isoDate = z.string().refine((value) => {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}, 'must be a calendar date like 2025-03-14');

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO instant with an explicit offset or Z, so its local date is never guessed. */
export const isoDateTime = z.string().refine((value) => {
  const match = ISO_DATE_TIME.exec(value);
  return match !== null && isoDate.safeParse(match[1]).success && !Number.isNaN(Date.parse(value));
}, 'must be an ISO date-time with an offset, like 2025-03-14T16:00:00+01:00');

/**
 * Ids are opaque: an id that names nothing is NOT_FOUND (checked by the decider), never a
 * format error, so any string is accepted here.
 */
export const id = z.string();

export const wholeNumber = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
