import type Database from 'better-sqlite3';
import { centreCondition, type CentreScope } from './documents.js';

/** Attendance at the centres in scope over a period of local dates, with the people it reached. */
export interface AttendanceReach {
  readonly attendances: number;
  readonly workshops: number;
  readonly participants: number;
  readonly female: number;
  readonly male: number;
  readonly other: number;
  readonly returnees: number;
  /** Distinct households (as they are now) of the participants reached. */
  readonly households: number;
}

const SEX_CODE: Record<string, number> = { FEMALE: 1, MALE: 2, OTHER: 3 };

/** What the summaries need of each participant, by participant number. */
interface Roster {
  readonly size: number;
  readonly sex: Uint8Array;
  readonly returnee: Uint8Array;
  /** Index of the participant's household, or -1. */
  readonly household: Int32Array;
  readonly households: number;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');
const isLeap = (year: number) => (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
const daysIn = (year: number, month: number) => (month === 2 ? (isLeap(year) ? 29 : 28) : [4, 6, 9, 11].includes(month) ? 30 : 31);

function shiftMonth(month: string, by: 1 | -1): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  const index = y * 12 + (m - 1) + by;
  return `${pad(Math.floor(index / 12), 4)}-${pad((index % 12) + 1, 2)}`;
}

/**
 * Splits the dates first..last into whole calendar months and the days at either edge, so that a
 * year is read as 12 month rows per centre plus at most two months of day rows.
 */
export function splitPeriod(first: string, last: string) {
  const [ly, lm, ld] = last.split('-').map(Number) as [number, number, number];
  const firstMonth = first.endsWith('-01') ? first.slice(0, 7) : shiftMonth(first.slice(0, 7), 1);
  const lastMonth = ld === daysIn(ly, lm) ? last.slice(0, 7) : shiftMonth(last.slice(0, 7), -1);
  if (firstMonth > lastMonth) return { months: null, days: [[first, last]] as [string, string][] };
  const days: [string, string][] = [];
  // A day 'YYYY-MM-DD' sorts after its month 'YYYY-MM' and before the next month.
  if (first < firstMonth) days.push([first, `${shiftMonth(firstMonth, -1)}-31`]);
  if (lastMonth < last.slice(0, 7)) days.push([`${shiftMonth(lastMonth, 1)}-01`, last]);
  return { months: [firstMonth, lastMonth] as [string, string], days };
}

/**
 * Attendance figures from the pre-aggregated centre days and months (projections/centre-days.ts):
 * sums of their counts, and the union of their participant sets for the unique counts. The cost
 * follows the period's centres and days, not the size of the log or the number of pairs.
 */
export function attendanceReachReader(db: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const rosterVersion = db
    .prepare<[], string | null>(`SELECT group_concat(key || '=' || value) FROM views_meta WHERE key IN ('changed:participants', 'changed:household_members')`)
    .pluck();
  let roster: { version: string | null; value: Roster } | undefined;

  /** The participants' attributes, read again only when the participants or households changed. */
  function currentRoster(): Roster {
    const version = rosterVersion.get() ?? null;
    if (roster && roster.version === version) return roster.value;
    const rows = db
      .prepare<[], [number, string, string, string | null]>(
        `SELECT p.ordinal, p.sex, p.grp, hm.household_id FROM view_participants p LEFT JOIN view_household_members hm ON hm.id = p.id`,
      )
      .raw()
      .all();
    const size = rows.reduce((max, [ordinal]) => Math.max(max, ordinal + 1), 0);
    const sex = new Uint8Array(size);
    const returnee = new Uint8Array(size);
    const household = new Int32Array(size).fill(-1);
    const householdIndex = new Map<string, number>();
    for (const [ordinal, sexName, group, householdId] of rows) {
      sex[ordinal] = SEX_CODE[sexName] ?? 0;
      returnee[ordinal] = group === 'RETURNEE' ? 1 : 0;
      if (householdId !== null) {
        let index = householdIndex.get(householdId);
        if (index === undefined) householdIndex.set(householdId, (index = householdIndex.size));
        household[ordinal] = index;
      }
    }
    roster = { version, value: { size, sex, returnee, household, households: householdIndex.size } };
    return roster.value;
  }

  return function reach(scope: CentreScope, from: string | null | undefined, to: string | null | undefined): AttendanceReach {
    const { months, days } = splitPeriod(from ?? '0000-01-01', to ?? '9999-12-31');
    const params: Record<string, string | null> = { centres: scope === 'all' ? null : JSON.stringify(scope) };
    const parts: string[] = [];
    if (months) {
      Object.assign(params, { m0: months[0], m1: months[1] });
      parts.push(`SELECT attendances, workshops_held, attendee_ordinals FROM view_centre_months
                   WHERE span BETWEEN @m0 AND @m1 AND ${centreCondition('centre_id', scope)}`);
    }
    days.forEach(([a, b], i) => {
      Object.assign(params, { [`d${i}a`]: a, [`d${i}b`]: b });
      parts.push(`SELECT attendances, workshops_held, attendee_ordinals FROM view_centre_days
                   WHERE span BETWEEN @d${i}a AND @d${i}b AND ${centreCondition('centre_id', scope)}`);
    });
    const rows = prepared(parts.join(' UNION ALL ')).raw().all(params) as [number, number, Buffer][];

    const people = currentRoster();
    const seen = new Uint8Array(people.size);
    const householdSeen = new Uint8Array(people.households);
    const figures = { attendances: 0, workshops: 0, participants: 0, female: 0, male: 0, other: 0, returnees: 0, households: 0 };
    for (const [attendances, workshops, ordinals] of rows) {
      figures.attendances += attendances;
      figures.workshops += workshops;
      for (let offset = 0; offset < ordinals.length; offset += 4) {
        const ordinal = ordinals.readUInt32LE(offset);
        // The roster is read after the sets, so it knows everyone in them; the bound is for safety.
        if (ordinal >= people.size || seen[ordinal]) continue;
        seen[ordinal] = 1;
        figures.participants += 1;
        const sex = people.sex[ordinal];
        if (sex === 1) figures.female += 1;
        else if (sex === 2) figures.male += 1;
        else if (sex === 3) figures.other += 1;
        figures.returnees += people.returnee[ordinal]!;
        const household = people.household[ordinal]!;
        if (household >= 0 && !householdSeen[household]) {
          householdSeen[household] = 1;
          figures.households += 1;
        }
      }
    }
    return figures;
  };
}
