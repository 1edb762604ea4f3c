import type Database from 'better-sqlite3';
import { MEMBERS_LIST } from '../../projections/attendee-set.js';
import { isViewBeingBuilt } from '../projection/views.js';
import { statementCache, type CentreScope } from './documents.js';
import { foldMergedNumbers } from './merges.js';
import type { ServiceFigures } from './service-figures.js';

/** What happened at the centres in scope over a period of local dates, with the people it reached. */
export interface CentreActivity {
  readonly attendances: number;
  readonly workshops: number;
  readonly participants: number;
  readonly female: number;
  readonly male: number;
  readonly other: number;
  readonly returnees: number;
  /** Distinct households (as they are now) of the participants reached. */
  readonly households: number;
  readonly hoursHundredths: number;
  readonly consultations: number;
  /** Distinct households (as they are now) of participants with a consultation. */
  readonly legalAidHouseholds: number;
  readonly culturalEvents: number;
  readonly audience: number;
  /** The services of the period, read from the same rows. */
  readonly services: ServiceFigures;
}

const SEX_CODE: Record<string, number> = { FEMALE: 1, MALE: 2, OTHER: 3 };

interface Roster {
  readonly size: number;
  readonly sex: Uint8Array;
  readonly returnee: Uint8Array;
  /** Index of the participant's household, or -1. */
  readonly household: Int32Array;
  readonly households: number;
  /** Participants merged into another, by number: the number of the one kept (src/read/merges.ts). */
  readonly merged: ReadonlyMap<number, number>;
}

/**
 * What the summaries need of each participant, by participant number, kept in memory and brought
 * up to date from the rows whose `changed_at` is past what it has read, so that a registration
 * costs the next summary one row and not a reload of every participant.
 */
function createRoster(db: Database.Database) {
  let sex = new Uint8Array(0);
  let returnee = new Uint8Array(0);
  /** Index of the participant's household, or -1. */
  let household = new Int32Array(0);
  let householdIndex = new Map<string, number>();
  let merged = new Map<number, number>();
  let size = 0;
  let seenParticipants = -1;
  let seenMembers = -1;

  const latest = db.prepare<[], [number | null, number | null]>(
    `SELECT (SELECT max(changed_at) FROM view_participants), (SELECT max(changed_at) FROM view_household_members)`,
  ).raw();
  const keptNumber = `(SELECT k.ordinal FROM view_participants k WHERE k.id = p.merged_into)`;
  const changedParticipants = db
    .prepare<[number], Row>(
      `SELECT p.ordinal, p.sex, p.grp, hm.household_id, p.changed_at, ${keptNumber} FROM view_participants p
         LEFT JOIN view_household_members hm ON hm.id = p.id WHERE p.changed_at > ?`,
    )
    .raw();
  const changedMembers = db
    .prepare<[number], Row>(
      `SELECT p.ordinal, p.sex, p.grp, hm.household_id, hm.changed_at, ${keptNumber} FROM view_household_members hm
         JOIN view_participants p ON p.id = hm.id WHERE hm.changed_at > ?`,
    )
    .raw();

  function grow(to: number) {
    let capacity = Math.max(sex.length, 1024);
    while (capacity < to) capacity *= 2;
    if (capacity === sex.length) return;
    const nextSex = new Uint8Array(capacity);
    nextSex.set(sex);
    const nextReturnee = new Uint8Array(capacity);
    nextReturnee.set(returnee);
    const nextHousehold = new Int32Array(capacity).fill(-1);
    nextHousehold.set(household);
    [sex, returnee, household] = [nextSex, nextReturnee, nextHousehold];
  }

  function apply(rows: Row[]) {
    let seen = -1;
    for (const [ordinal, sexName, group, householdId, changedAt, keptOrdinal] of rows) {
      if (keptOrdinal === null) merged.delete(ordinal);
      else merged.set(ordinal, keptOrdinal);
      grow(ordinal + 1);
      size = Math.max(size, ordinal + 1);
      sex[ordinal] = SEX_CODE[sexName] ?? 0;
      returnee[ordinal] = group === 'RETURNEE' ? 1 : 0;
      if (householdId === null) household[ordinal] = -1;
      else {
        let index = householdIndex.get(householdId);
        if (index === undefined) householdIndex.set(householdId, (index = householdIndex.size));
        household[ordinal] = index;
      }
      seen = Math.max(seen, changedAt);
    }
    return seen;
  }

  return function current(): Roster {
    const [participants = null, members = null] = latest.get() ?? [];
    // Views rebuilt from the start (another log, another shape) number their changes anew.
    if ((participants ?? -1) < seenParticipants || (members ?? -1) < seenMembers) {
      [sex, returnee, household, householdIndex, size, seenParticipants, seenMembers] = [new Uint8Array(0), new Uint8Array(0), new Int32Array(0), new Map(), 0, -1, -1];
      merged = new Map();
    }
    if ((participants ?? -1) > seenParticipants) seenParticipants = Math.max(seenParticipants, apply(changedParticipants.all(seenParticipants)));
    if ((members ?? -1) > seenMembers) seenMembers = Math.max(seenMembers, apply(changedMembers.all(seenMembers)));
    return { size, sex, returnee, household, households: householdIndex.size, merged };
  };
}

/** ordinal, sex, group, household, changed_at, and the number of the participant it is merged into. */
type Row = [number, string, string, string | null, number, number | null];

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
 * A period's figures from the pre-aggregated centre days and months (projections/centre-days.ts):
 * sums of their counts, and the union of their participant sets for the unique counts. The cost
 * follows the period's centres and days, not the size of the log or the number of entries.
 */
export function centreActivityReader(db: Database.Database) {
  const prepared = statementCache(db);
  const currentRoster = createRoster(db);
  const scratch = createScratch();
  const totals = 'attendances, workshops_held, hours_hundredths, consultations, cultural_events, audience, individual_sessions, referrals_made, referrals_completed, assistance';

  /** Whether a scope names every centre: the programme's own days and months answer it. */
  // Prepared when first asked: the centres' view may be one an upgrade is still building.
  const centreIds = () => prepared(`SELECT id FROM view_centres`).pluck().all() as string[];
  const isEveryCentre = (scope: readonly string[]) => {
    // One centre reads its own rows either way; the list of every centre is read only for longer scopes.
    if (scope.length < 2) return false;
    const listed = new Set(scope);
    const every = centreIds();
    return every.length > 0 && listed.size === every.length && every.every((id) => listed.has(id));
  };

  /**
   * The rows of a period's whole months and edge days. For the whole programme: its own rows
   * (projections/programme-spans.ts), one per day or month whatever the number of centres, with
   * members as the centres' are. For listed centres: each one's id range ('centre|span', the primary
   * key), so that one centre's summary reads its own rows and not every centre's in the period (a
   * dashboard asks for each in turn).
   */
  function spanRows(programme: boolean, centres: readonly string[], months: readonly [string, string] | null, days: readonly (readonly [string, string])[]) {
    const params: Record<string, string | null> = { centres: programme ? null : JSON.stringify(centres) };
    const parts: string[] = [];
    const rowsIn = (kind: 'month' | 'day', a: string, b: string) => {
      if (programme) {
        return `SELECT ${totals}, s.attendee_members, s.consulted_members, s.served_members, s.assisted_members, ${kind === 'month' ? 1 : 0}
                  FROM view_programme_totals t LEFT JOIN view_programme_sets s ON s.id = t.id
                 WHERE t.id BETWEEN '${kind}|' || @${a} AND '${kind}|' || @${b}`;
      }
      const [table, sets] =
        kind === 'month'
          ? ['view_centre_months', 'attendee_members, consulted_members, served_members, assisted_members, 1']
          : ['view_centre_days', 'attendee_ordinals, consulted_ordinals, served_ordinals, assisted_ordinals, 0'];
      return `SELECT ${totals}, ${sets} FROM json_each(@centres) AS c CROSS JOIN ${table}
                ON ${table}.id BETWEEN c.value || '|' || @${a} AND c.value || '|' || @${b}`;
    };
    if (months) {
      Object.assign(params, { m0: months[0], m1: months[1] });
      parts.push(rowsIn('month', 'm0', 'm1'));
    }
    days.forEach(([a, b], i) => {
      Object.assign(params, { [`d${i}a`]: a, [`d${i}b`]: b });
      parts.push(rowsIn('day', `d${i}a`, `d${i}b`));
    });
    return prepared(parts.join(' UNION ALL ')).raw().all(params) as SpanRow[];
  }

  return function activity(scope: CentreScope, from: string | null | undefined, to: string | null | undefined): CentreActivity {
    const { months, days } = splitPeriod(from ?? '0000-01-01', to ?? '9999-12-31');
    let rows: SpanRow[];
    if (scope !== 'all' && !isEveryCentre(scope)) rows = spanRows(false, scope, months, days);
    else {
      try {
        rows = spanRows(true, [], months, days);
      } catch (error) {
        // An upgrade that adds the programme's views builds them in the background: meanwhile every centre's rows answer.
        if (!isViewBeingBuilt(error)) throw error;
        rows = spanRows(false, centreIds(), months, days);
      }
    }

    // Read after the sets, so it knows everyone in them.
    const people = currentRoster();
    // The period's participants as bitsets by number: months' members (a list or a bitset, see
    // projections/attendee-set.ts) and days' numbers are set in them.
    const unions = scratch.take(people.size, people.households);
    const { attended, consulted, served, assisted, householdReached, householdConsulted } = unions;
    const add = (union: Uint8Array, set: Buffer | null, encoded: boolean) => {
      if (set === null || set.length === 0) return;
      if (!encoded) return markNumbers(union, set, people.size, unions);
      if (set[0] === MEMBERS_LIST) return markListed(union, set, people.size, unions);
      unions.dense = true;
      for (let i = 1, n = Math.min(set.length - 1, union.length); i <= n; i++) union[i - 1]! |= set[i]!;
    };
    const figures = {
      attendances: 0,
      workshops: 0,
      participants: 0,
      female: 0,
      male: 0,
      other: 0,
      returnees: 0,
      households: 0,
      hoursHundredths: 0,
      consultations: 0,
      legalAidHouseholds: 0,
      culturalEvents: 0,
      audience: 0,
    };
    const services = { individualSessions: 0, referralsMade: 0, referralsCompleted: 0 };
    for (const [attendances, workshops, hundredths, consultations, culturalEvents, audience, sessions, made, completed, , attendees, consultedSet, servedSet, assistedSet, encoded] of rows) {
      services.individualSessions += sessions;
      services.referralsMade += made;
      services.referralsCompleted += completed;
      add(served, servedSet, encoded === 1);
      add(assisted, assistedSet, encoded === 1);
      figures.attendances += attendances;
      figures.workshops += workshops;
      figures.hoursHundredths += hundredths;
      figures.consultations += consultations;
      figures.culturalEvents += culturalEvents;
      figures.audience += audience;
      add(attended, attendees, encoded === 1);
      add(consulted, consultedSet, encoded === 1);
    }
    // One person counted once: a merged participant counts as the one kept.
    foldMergedNumbers(attended, people.merged);
    foldMergedNumbers(consulted, people.merged);
    foldMergedNumbers(served, people.merged);
    foldMergedNumbers(assisted, people.merged);
    // The kept one's byte may have been empty before the fold.
    if (!unions.dense) for (const kept of people.merged.values()) unions.touch(kept >> 3);
    let beneficiaries = 0;
    let recipients = 0;
    // Only the bytes the period's numbers touched, unless a month's bitset set any of them: a
    // centre's year then costs its own people, not everyone the programme has registered.
    const { touched, dense } = unions;
    const bytes = dense ? attended.length : unions.touchedCount;
    for (let i = 0; i < bytes; i++) {
      const byte = dense ? i : touched[i]!;
      const attendedBits = attended[byte]!;
      const consultedBits = consulted[byte]!;
      // Unique beneficiaries: whoever attended, was consulted or served, once.
      beneficiaries += BITS[attendedBits | consultedBits | served[byte]!]!;
      recipients += BITS[assisted[byte]!]!;
      if ((attendedBits | consultedBits) === 0) continue;
      figures.participants += BITS[attendedBits]!;
      // Only the numbers whose bit is set: a byte's lowest set bit, then the next.
      for (let bits = attendedBits | consultedBits; bits !== 0; bits &= bits - 1) {
        const bit = 31 - Math.clz32(bits & -bits);
        const ordinal = byte * 8 + bit;
        const household = people.household[ordinal] ?? -1;
        if (attendedBits & (1 << bit)) {
          const sex = people.sex[ordinal];
          if (sex === 1) figures.female += 1;
          else if (sex === 2) figures.male += 1;
          else if (sex === 3) figures.other += 1;
          figures.returnees += people.returnee[ordinal]!;
          if (household >= 0 && !householdReached[household]) {
            if (!dense && !householdConsulted[household]) unions.household(household);
            householdReached[household] = 1;
            figures.households += 1;
          }
        }
        if (consultedBits & (1 << bit) && household >= 0 && !householdConsulted[household]) {
          if (!dense && !householdReached[household]) unions.household(household);
          householdConsulted[household] = 1;
          figures.legalAidHouseholds += 1;
        }
      }
    }
    scratch.clear();
    return { ...figures, services: { ...services, assistanceRecipients: recipients, uniqueBeneficiaries: beneficiaries } };
  };
}

/**
 * The bitsets a summary unions its sets in, kept between summaries (a dashboard asks for every
 * centre in turn, and each would otherwise allocate bitsets of everyone the programme registered),
 * with the bytes set since they were last cleared: a summary walks and clears those only, unless a
 * month's bitset was OR-ed in (`dense`).
 */
function createScratch() {
  const bitsets = ['attended', 'consulted', 'served', 'assisted', 'seen'] as const;
  /** The buffers, grown as participants are registered; the unions are views of their first bytes. */
  const full = { attended: new Uint8Array(0), consulted: new Uint8Array(0), served: new Uint8Array(0), assisted: new Uint8Array(0), seen: new Uint8Array(0) };
  let markedHouseholds = new Int32Array(0);
  let households = 0;
  const unions = {
    ...full,
    householdReached: new Uint8Array(0),
    householdConsulted: new Uint8Array(0),
    /** Bytes set since the last clear, each once (`seen`): the first `touchedCount` of it. */
    touched: new Int32Array(0),
    touchedCount: 0,
    /** A month's bitset was OR-ed in: any byte may be set, and every one is walked and cleared. */
    dense: false,
    touch(byte: number) {
      if (byte < unions.seen.length && unions.seen[byte] === 0) {
        unions.seen[byte] = 1;
        unions.touched[unions.touchedCount++] = byte;
      }
    },
    /** A household marked in either household set for the first time, to clear (not needed when dense). */
    household(index: number) {
      markedHouseholds[households++] = index;
    },
  };
  /** Taken and not cleared: a summary that threw. Cleared whole before the next one. */
  let taken = false;
  function clearAll() {
    for (const name of bitsets) full[name].fill(0);
    unions.householdReached.fill(0);
    unions.householdConsulted.fill(0);
  }
  return {
    /** The unions, empty, sized for `people` participants (bits) and `households` households. */
    take(people: number, householdCount: number) {
      if (taken) clearAll();
      taken = true;
      unions.dense = false;
      unions.touchedCount = 0;
      households = 0;
      const bytes = Math.ceil(people / 8);
      if (bytes > full.attended.length) {
        const capacity = Math.max(bytes, Math.ceil(full.attended.length * 1.5));
        for (const name of bitsets) full[name] = new Uint8Array(capacity);
        unions.touched = new Int32Array(capacity);
      }
      if (householdCount > unions.householdReached.length) {
        const capacity = Math.max(householdCount, Math.ceil(unions.householdReached.length * 1.5));
        unions.householdReached = new Uint8Array(capacity);
        unions.householdConsulted = new Uint8Array(capacity);
        markedHouseholds = new Int32Array(capacity);
      }
      // Of the participants' length, so that a summary never reads past who it knows.
      for (const name of bitsets) unions[name] = full[name].subarray(0, bytes);
      return unions;
    },
    clear() {
      if (unions.dense) clearAll();
      else {
        const { touched, touchedCount } = unions;
        for (let i = 0; i < touchedCount; i++) {
          const byte = touched[i]!;
          for (const name of bitsets) unions[name][byte] = 0;
        }
        for (let i = 0; i < households; i++) {
          unions.householdReached[markedHouseholds[i]!] = 0;
          unions.householdConsulted[markedHouseholds[i]!] = 0;
        }
      }
      taken = false;
    },
  };
}

type Unions = ReturnType<ReturnType<typeof createScratch>['take']>;

/** attendances, workshops, hours, consultations, cultural events, audience, sessions, referrals made and completed, assistance; the four sets (null: nobody); 1 where they are encoded as a month's members. */
type SpanRow = [number, number, number, number, number, number, number, number, number, number, Buffer | null, Buffer | null, Buffer | null, Buffer | null, 0 | 1];

/** The number of set bits of each byte value. */
const BITS = Uint8Array.from({ length: 256 }, (_, byte) => {
  let n = 0;
  for (let b = byte; b; b &= b - 1) n++;
  return n;
});

const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;

/** Sets the bits of a day's numbers (little-endian uint32s, no header), read as 32-bit words where the blob is aligned. */
function markNumbers(union: Uint8Array, set: Buffer, size: number, unions: Unions) {
  if (littleEndian && set.byteOffset % 4 === 0) {
    const numbers = new Uint32Array(set.buffer, set.byteOffset, set.length >> 2);
    // Once a month's bitset is in, every byte is walked anyway.
    const { seen, touched, dense } = unions;
    let count = unions.touchedCount;
    for (let i = 0; i < numbers.length; i++) {
      const ordinal = numbers[i]!;
      if (ordinal >= size) continue;
      const byte = ordinal >> 3;
      union[byte]! |= 1 << (ordinal & 7);
      if (!dense && seen[byte] === 0) {
        seen[byte] = 1;
        touched[count++] = byte;
      }
    }
    unions.touchedCount = count;
    return;
  }
  markFrom(union, set, 0, size, unions);
}

/** Sets the bits of a month's list of numbers (after its one-byte header). */
const markListed = (union: Uint8Array, set: Buffer, size: number, unions: Unions) => markFrom(union, set, 1, size, unions);

function markFrom(union: Uint8Array, set: Buffer, from: number, size: number, unions: Unions) {
  for (let offset = from; offset + 4 <= set.length; offset += 4) {
    const ordinal = (set[offset]! | (set[offset + 1]! << 8) | (set[offset + 2]! << 16) | (set[offset + 3]! << 24)) >>> 0;
    if (ordinal < size) {
      union[ordinal >> 3]! |= 1 << (ordinal & 7);
      if (!unions.dense) unions.touch(ordinal >> 3);
    }
  }
}
