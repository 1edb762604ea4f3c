/**
 * Calendar dates are plain ISO strings (YYYY-MM-DD): they compare correctly as strings
 * and carry no time zone, which is what a "local date" is.
 */
export type IsoDate = string;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    // en-CA formats as YYYY-MM-DD.
    formatter = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The local calendar date of an instant in a time zone. */
export function localDateOf(instant: string | Date, timeZone: string): IsoDate {
  if (typeof instant !== 'string') return formatterFor(timeZone).format(instant);
  // The same instants come back (a session's start, for each command and view that dates it), and formatting is the cost.
  const key = `${timeZone} ${instant}`;
  let date = recentDates.get(key);
  if (date === undefined) {
    date = formatterFor(timeZone).format(new Date(instant));
    if (recentDates.size >= 10_000) recentDates.clear();
    recentDates.set(key, date);
  }
  return date;
}
const recentDates = new Map<string, IsoDate>();

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export const yearOf = (date: IsoDate): number => Number(date.slice(0, 4));

/** Adds whole days to a calendar date. */
export function addDays(date: IsoDate, days: number): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
