import { addDays, type IsoDate } from '../shared/time.js';

/**
 * Long-term volunteering under Serbia's Law on Volunteering: more than 10 hours a week for at
 * least three months. Read here as: more than 10 hours in each of the 13 consecutive 7-day
 * windows ending on a day (the last window is that day and the 6 before it). Long-term
 * volunteering needs a written agreement. Hours are summed in hundredths, as the volunteers
 * decider sums them, so 0.1 + 0.2 is exactly 0.3 and 10 hours is exactly 1000.
 */
export const WINDOWS = 13;
export const WINDOW_DAYS = 7;
/** Days the windows cover together: 91. */
export const SPAN_DAYS = WINDOWS * WINDOW_DAYS;
/** A window counts only with MORE than this (10 hours), in hundredths. */
export const WEEKLY_THRESHOLD_HUNDREDTHS = 10 * 100;

/** Hours given on a date; retracted entries are left out by the caller. */
export interface DatedHours {
  readonly date: IsoDate;
  readonly hours: number;
}

export interface AgreementPeriod {
  readonly signedOn: IsoDate;
  readonly validUntil: IsoDate;
}

export const toHundredths = (hours: number) => Math.round(hours * 100);

const DAY_MS = 86_400_000;
/** Whole days from `from` to `to` (positive when `to` is later). */
export const daysBetween = (from: IsoDate, to: IsoDate) => Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);

/** The first day of the 13 windows ending on `on`: on − 90. */
export const spanStart = (on: IsoDate): IsoDate => addDays(on, -(SPAN_DAYS - 1));

/** Hundredths in each window ending on `on`, oldest first; the last is on − 6 … on. */
export function windowHundredths(hours: readonly DatedHours[], on: IsoDate): number[] {
  const windows = new Array<number>(WINDOWS).fill(0);
  for (const entry of hours) {
    const back = daysBetween(entry.date, on);
    if (back < 0 || back >= SPAN_DAYS) continue;
    windows[WINDOWS - 1 - Math.floor(back / WINDOW_DAYS)]! += toHundredths(entry.hours);
  }
  return windows;
}

/** Whether every one of the 13 windows ending on `on` has more than 10 hours. */
export const isLongTermOn = (hours: readonly DatedHours[], on: IsoDate): boolean =>
  windowHundredths(hours, on).every((window) => window > WEEKLY_THRESHOLD_HUNDREDTHS);

export const agreementCovers = (agreement: AgreementPeriod, on: IsoDate): boolean => agreement.signedOn <= on && on <= agreement.validUntil;

export interface AgreementNeed {
  /** Long-term on `on` with no agreement valid that day. */
  readonly needsAgreement: boolean;
  readonly longTerm: boolean;
  /** Total over the 91 days ending on `on`, in hundredths. */
  readonly hundredthsLast13Weeks: number;
}

/** Whether a volunteer needs a written agreement on `on`, given the hours they gave and the agreements they have. */
export function agreementNeedOn(hours: readonly DatedHours[], agreements: readonly AgreementPeriod[], on: IsoDate): AgreementNeed {
  const windows = windowHundredths(hours, on);
  const longTerm = windows.every((window) => window > WEEKLY_THRESHOLD_HUNDREDTHS);
  return {
    longTerm,
    needsAgreement: longTerm && !agreements.some((agreement) => agreementCovers(agreement, on)),
    hundredthsLast13Weeks: windows.reduce((sum, window) => sum + window, 0),
  };
}

/**
 * The days of a year on which the volunteer met the long-term threshold (windows may reach back
 * into the year before). One pass with running window sums, so a whole year costs little.
 */
export function longTermDaysInYear(hours: readonly DatedHours[], year: number): IsoDate[] {
  const first = `${String(year).padStart(4, '0')}-01-01`;
  const last = `${String(year).padStart(4, '0')}-12-31`;
  const origin = spanStart(first);
  const length = daysBetween(origin, last) + 1;
  const daily = new Array<number>(length).fill(0);
  for (const entry of hours) {
    const index = daysBetween(origin, entry.date);
    if (index >= 0 && index < length) daily[index]! += toHundredths(entry.hours);
  }
  // prefix[i] = sum of daily[0..i-1]
  const prefix = new Array<number>(length + 1).fill(0);
  for (let i = 0; i < length; i++) prefix[i + 1] = prefix[i]! + daily[i]!;
  const days: IsoDate[] = [];
  for (let end = SPAN_DAYS - 1; end < length; end++) {
    let every = true;
    for (let w = 0; w < WINDOWS && every; w++) {
      const windowEnd = end - w * WINDOW_DAYS;
      const sum = prefix[windowEnd + 1]! - prefix[windowEnd + 1 - WINDOW_DAYS]!;
      every = sum > WEEKLY_THRESHOLD_HUNDREDTHS;
    }
    if (every) days.push(addDays(origin, end));
  }
  return days;
}

/** The hours of a volunteer's state that still count (not retracted). */
export const activeHours = (entries: Iterable<{ readonly date: IsoDate; readonly hours: number; readonly retracted: boolean }>): DatedHours[] =>
  [...entries].filter((entry) => !entry.retracted).map(({ date, hours }) => ({ date, hours }));
