import { z } from 'zod';

/**
 * Characters no name, title or note needs, and that make stored text lie about itself: controls
 * (C0, C1, DEL), format characters (bidirectional overrides and isolates such as U+202E, zero-width
 * spaces and joiners, the byte-order mark, soft hyphens), lone surrogates and the noncharacters
 * U+FFFE/U+FFFF. Line breaks and tabs are controls too: every text field is one line.
 */
const FORBIDDEN_CHARACTERS = /[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\uFFFE\uFFFF]/u;

/** Characters that show nothing by themselves: spaces of every width, fillers, blanks, lone marks. */
const INVISIBLE = /[\p{White_Space}\p{M}\u2800\u3164\u115F\u1160\uFFA0\u034F]/gu;

const clean = <T extends z.ZodType<string | undefined>>(schema: T) =>
  schema
    .refine((value) => value === undefined || !FORBIDDEN_CHARACTERS.test(value), 'must not contain control, format or direction-override characters')
    .refine((value) => value === undefined || value === '' || value.replace(INVISIBLE, '') !== '', 'must contain visible characters');

/** Free text a person typed: trimmed, not blank, one line of visible text, bounded. */
export const text = (max = 200) =>
  clean(
    z
      .string()
      .trim()
      .min(1, 'must not be blank')
      .max(max, `must be at most ${max} characters`),
  );

export const optionalText = (max = 200) =>
  clean(
    z
      .string()
      .trim()
      .max(max, `must be at most ${max} characters`)
      .nullish()
      .transform((value) => (value ? value : undefined)),
  ).optional();

/** The years a date or instant may fall in: a typo (0001, 9999) is refused, not stored. */
export const EARLIEST_YEAR = 1900;
export const LATEST_YEAR = 2100;
const inRange = (isoDay: string) => {
  const year = Number(isoDay.slice(0, 4));
  return year >= EARLIEST_YEAR && year <= LATEST_YEAR;
};

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A well-formed ISO calendar date that exists (2025-02-30 does not), in any year: what stored values are. */
export const wellFormedDate = z.string().refine((value) => {
  if (!ISO_DATE.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}, 'must be a calendar date like 2025-03-14');

/** An ISO calendar date that exists, between 1900 and 2100: what input may be. */
export const isoDate = wellFormedDate.refine(inRange, `must be a date between ${EARLIEST_YEAR} and ${LATEST_YEAR}`);

const ISO_DATE_TIME = /^(\d{4}-\d{2}-\d{2})T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,9})?)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;

/** An ISO instant with an explicit offset or Z, so its local date is never guessed; any year. */
export const wellFormedDateTime = z.string().refine((value) => {
  const match = ISO_DATE_TIME.exec(value);
  return match !== null && wellFormedDate.safeParse(match[1]).success && !Number.isNaN(Date.parse(value));
}, 'must be an ISO date-time with an offset, like 2025-03-14T16:00:00+01:00');

/** An ISO instant with an offset, written and falling (in UTC) between 1900 and 2100. */
export const isoDateTime = wellFormedDateTime.refine(
  (value) => {
    const instant = Date.parse(value);
    return Number.isFinite(instant) && inRange(value.slice(0, 10)) && inRange(new Date(instant).toISOString().slice(0, 10));
  },
  `must be an instant between ${EARLIEST_YEAR} and ${LATEST_YEAR}`,
);

/**
 * Ids are opaque: an id that names nothing is NOT_FOUND (checked by the decider), never a
 * format error, so any string is accepted here.
 */
export const id = z.string();

export const wholeNumber = (min: number, max: number) =>
  z.number().int('must be a whole number').min(min, `must be at least ${min}`).max(max, `must be at most ${max}`);
