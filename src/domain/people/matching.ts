/**
 * When two written names may be the same person. Pure: folding, the edit distance and the score;
 * the index that finds candidates among every participant is src/people/name-index.ts.
 */

/** Serbian Cyrillic to Latin (Vuk's alphabet maps letter for letter onto Gaj's). */
const CYRILLIC: Readonly<Record<string, string>> = {
  а: 'a', б: 'b', в: 'v', г: 'g', д: 'd', ђ: 'đ', е: 'e', ж: 'ž', з: 'z', и: 'i', ј: 'j', к: 'k', л: 'l', љ: 'lj',
  м: 'm', н: 'n', њ: 'nj', о: 'o', п: 'p', р: 'r', с: 's', т: 't', ћ: 'ć', у: 'u', ф: 'f', х: 'h', ц: 'c', ч: 'č',
  џ: 'dž', ш: 'š',
};

/**
 * A name as the matching compares it: lower case, Latin script, without diacritics, spaces or
 * punctuation. `đ` and `dj` both become `d`, so `Đorđe`, `Djordje` and `Dorde` fold alike; `dž`
 * becomes `dz`, as `Hodzic` is typed on a keyboard without Serbian letters.
 */
export function foldName(name: string): string {
  const lower = name.normalize('NFC').toLowerCase();
  let latin = '';
  for (const char of lower) latin += CYRILLIC[char] ?? char;
  return latin
    .replace(/đ/g, 'd')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .replace(/[^\p{L}\p{N}]/gu, '')
    .replace(/dj/g, 'd');
}

/**
 * Edits between two strings, counting a swap of two neighbouring letters as one (optimal string
 * alignment), stopping early once it exceeds `limit`: then it answers limit + 1.
 */
export function editDistance(a: string, b: string, limit = 2): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  const n = b.length;
  let previous2 = new Array<number>(n + 1).fill(0);
  let previous = Array.from({ length: n + 1 }, (_, j) => j);
  let current = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    current[0] = i;
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, previous2[j - 2]! + 1);
      current[j] = value;
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    [previous2, previous, current] = [previous, current, previous2];
  }
  return Math.min(previous[n]!, limit + 1);
}

/** The strings within one deletion of `folded`, itself included: two names one slip apart share one. */
export function deletionKeys(folded: string): string[] {
  const keys = new Set([folded]);
  for (let i = 0; i < folded.length; i++) keys.add(folded.slice(0, i) + folded.slice(i + 1));
  return [...keys];
}

/** A person as the matching sees them: folded names and birth year. */
export interface NameKey {
  readonly given: string;
  readonly family: string;
  readonly birthYear: number;
}

/** Each slip (an edit in a name, a year off) takes this much off a score of 1. */
const PER_SLIP = 0.05;
/** At most this many edits in the given name (the family name allows one). */
const GIVEN_NAME_EDITS = 2;

/**
 * How likely `candidate` is the person `query` describes, from 0 to 1, or null when they are not
 * to be listed: a family name more than one slip away, a given name more than two, a birth year
 * more than one off. The same folded names and year score 1; one slip 0.95, two 0.9.
 */
export function matchScore(
  query: Omit<NameKey, 'birthYear'> & { readonly birthYear?: number | null },
  candidate: NameKey,
  /** The family names' distance, when the caller has it (the same for everyone of one family name). */
  familyDistance?: number,
): number | null {
  const years = query.birthYear == null ? 0 : Math.abs(query.birthYear - candidate.birthYear);
  if (years > 1) return null;
  const family = familyDistance ?? editDistance(query.family, candidate.family, 1);
  if (family > 1) return null;
  // Digits are no part of a name: "Dete 3" and "Dete 4" on a list are numbered apart on purpose.
  if ((HAS_DIGIT.test(query.given) || HAS_DIGIT.test(query.family) || HAS_DIGIT.test(candidate.given) || HAS_DIGIT.test(candidate.family)) && digitsOf(query) !== digitsOf(candidate)) return null;
  const given = editDistance(query.given, candidate.given, GIVEN_NAME_EDITS);
  if (given > GIVEN_NAME_EDITS) return null;
  return Math.round((1 - PER_SLIP * (family + given + years)) * 100) / 100;
}

const HAS_DIGIT = /\d/;
const digitsOf = (key: Pick<NameKey, 'given' | 'family'>) => `${key.given.replace(/\D/g, '')}|${key.family.replace(/\D/g, '')}`;

/** The score from which registering someone needs the match acknowledged. */
export const LIKELY_SAME_PERSON = 0.9;
