import type Database from 'better-sqlite3';
import { asOfContactRows } from './as-of-contacts.js';
import { contactRows, type ContactsRow } from './contact-rows.js';
import { cycleReader } from './cycles.js';
import { centreCondition, statementCache } from './documents.js';
import { copyOfColumns, dictionary, joinTables, newCodes, scratchColumns, tableBuilder, type ContactTable } from './contact-table.js';
import { once, type Amount, type HeldWorkshops, type MeasureScope, type Sources } from './measures.js';
import { personRoster, type PersonRoster as PersonRosterState } from './person-roster.js';
import { splitPeriod } from './reach.js';

/** contact kind (projections/centre-contacts.ts) → the source it feeds; any other kind is a workshop's. */
const SERVICE_SOURCES = {
  CONSULTATION: 'consultations',
  INDIVIDUAL_SESSION: 'sessions',
  REFERRAL_MADE: 'referralsMade',
  REFERRAL_COMPLETED: 'referralsCompleted',
  ASSISTANCE: 'assistance',
} as const;
type Bucket = (typeof SERVICE_SOURCES)[keyof typeof SERVICE_SOURCES] | 'attendance';
/** No contact kind is in this bucket: a filter on a kind that is not a workshop's keeps no attendance. */
type Within = Bucket | 'none';

/**
 * Scratch marks by participant number, reused across reports: `marks[n] === mark` when number n
 * already has a row in the group being read, at `rowAt[n]` (a Map per group was most of the time).
 */
let marks = new Uint32Array(1024);
let rowAt = new Uint32Array(1024);
let mark = 0;
const littleEndian = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
/**
 * A contacts blob as its numbers (participant number, sessions, …, little-endian): a view of the
 * blob where it is aligned, else a copy; reading them one by one from the Buffer was a third of the rows' cost.
 */
function pairsOf(set: Buffer): Uint32Array {
  const length = set.length >>> 2;
  if (littleEndian && set.byteOffset % 4 === 0) return new Uint32Array(set.buffer, set.byteOffset, length);
  const numbers = new Uint32Array(length);
  for (let i = 0; i < length; i++) numbers[i] = set.readUInt32LE(i * 4);
  return numbers;
}
function nextMark(): number {
  if (mark === 0xffffffff) [marks, mark] = [new Uint32Array(marks.length), 0];
  return ++mark;
}
function reserve(number: number): void {
  if (number < marks.length) return;
  const size = Math.max(number + 1, marks.length * 2);
  const [grownMarks, grownRows] = [new Uint32Array(size), new Uint32Array(size)];
  grownMarks.set(marks);
  grownRows.set(rowAt);
  [marks, rowAt] = [grownMarks, grownRows];
}

/**
 * A programme's rows from the centres' contacts by day and month (projections/centre-contacts.ts,
 * kept by ./contact-rows.ts; as of an instant through ./as-of-contacts.ts) and their hours and
 * audiences (centre_days, centre_months; as of an instant from their entries), as columns
 * (./contact-table.ts):
 * each row a person's sessions of one kind at a centre in a month, or a day at the period's edges.
 * Whole months and edge days, as the summaries read them (./reach.ts), so a year of 25 centres is a
 * few thousand rows whatever the log holds. Every measure gives what it gives over the entries
 * (test/programmes/aggregates.property.test.ts): a person's sessions are summed where the entries
 * were counted one by one, and numbers become the person they count as now (merges).
 */
export function aggregateSources(db: Database.Database) {
  const prepared = statementCache(db);
  const cycles = cycleReader(db);
  const roster = personRoster(db);
  const personCodes = { sexes: dictionary<string>(), groups: dictionary<string>() };
  /** Each participant's sex, group and birth year as codes, by number; `known[n]` 0 for a number the roster does not hold. Made again when the roster changes. */
  let peopleCodes: { version: number; known: Uint8Array; sex: Uint16Array; group: Uint16Array; birthYear: Int32Array } | undefined;
  const peopleAsCodes = ({ people, merged, version }: PersonRosterState) => {
    if (peopleCodes?.version !== version) {
      const size = people.length;
      const [known, sex, group, birthYear] = [new Uint8Array(size), new Uint16Array(size), new Uint16Array(size), new Int32Array(size)];
      for (let n = 0; n < size; n++) {
        const who = people[n];
        if (!who) continue;
        known[n] = 1;
        sex[n] = personCodes.sexes.code(who.sex);
        group[n] = personCodes.groups.code(who.group);
        birthYear[n] = who.birthYear;
      }
      peopleCodes = { version, known, sex, group, birthYear };
    }
    return { ...peopleCodes, merged };
  };

  /** A row's sessions, whoever had them, summed once per row kept. */
  const rowSessions = new WeakMap<ContactsRow, number>();
  const sessionsOf = (row: ContactsRow) => {
    let sessions = rowSessions.get(row);
    if (sessions === undefined) {
      sessions = 0;
      const pairs = pairsOf(row[4]);
      for (let at = 1; at < pairs.length; at += 2) sessions += pairs[at]!;
      rowSessions.set(row, sessions);
    }
    return sessions;
  };

  /**
   * Each group's people (as the person each number counts as now) with their sessions summed, kept
   * with the rows and the roster they came from: rows kept unchanged (./contact-rows.ts) give the
   * same group again, so a report after a write merges again only the groups the write changed.
   */
  const mergedGroups = new Map<string, { members: readonly ContactsRow[]; version: number; people: Uint32Array; sessions: Uint32Array }>();
  function mergedGroup(key: string, members: readonly ContactsRow[], roster: ReturnType<typeof peopleAsCodes>) {
    const known = mergedGroups.get(key);
    if (known && known.version === roster.version && known.members.length === members.length && known.members.every((row, i) => row === members[i])) return known;
    let pairs = 0;
    for (const member of members) pairs += member[4].length >>> 3;
    const [people, sessions] = [new Uint32Array(pairs), new Uint32Array(pairs)];
    let n = 0;
    reserve(roster.known.length);
    const unmerged = roster.merged.size === 0;
    // One row per person in the group: where it is, marked for this group only.
    const mark = nextMark();
    for (const member of members) {
      const set = pairsOf(member[4]);
      for (let at = 0; at + 1 < set.length; at += 2) {
        const ordinal = set[at]!;
        const kept = unmerged ? ordinal : (roster.merged.get(ordinal) ?? ordinal);
        if (roster.known[kept] !== 1) continue;
        if (marks[kept] === mark) {
          const row = rowAt[kept]!;
          sessions[row] = sessions[row]! + set[at + 1]!;
          continue;
        }
        marks[kept] = mark;
        rowAt[kept] = n;
        people[n] = kept;
        sessions[n] = set[at + 1]!;
        n += 1;
      }
    }
    const group = { members, version: roster.version, people: people.slice(0, n), sessions: sessions.slice(0, n) };
    if (mergedGroups.size >= KEPT_GROUPS) mergedGroups.clear();
    mergedGroups.set(key, group);
    return group;
  }
  const contactRowsOf = contactRows(db);
  const asOfRows = asOfContactRows(db);

  /** SELECT `columns` of `table`'s rows of the scope's centres with ids from `centre|a` to `centre|b` + `tail`. */
  const rowsIn = (table: string, columns: string, a: string, b: string, tail: string) =>
    `SELECT ${columns} FROM json_each(@centres) AS c CROSS JOIN ${table} AS t
       ON t.id BETWEEN c.value || '|' || @${a} AND c.value || '|' || @${b} || '${tail}'`;

  function read(scope: MeasureScope, direct: () => Sources): Sources {
    const { months, days } = splitPeriod(scope.from, scope.to);
    const params: Record<string, string> = { centres: JSON.stringify(scope.centreIds) };
    /** The span ranges of the period: [parameter names, month or day view]. */
    const ranges: [string, string, 'month' | 'day'][] = [];
    if (months) {
      Object.assign(params, { m0: months[0], m1: months[1] });
      ranges.push(['m0', 'm1', 'month']);
    }
    days.forEach(([a, b], i) => {
      Object.assign(params, { [`d${i}a`]: a, [`d${i}b`]: b });
      ranges.push([`d${i}a`, `d${i}b`, 'day']);
    });
    const union = (table: (span: 'month' | 'day') => string, columns: string, tail: string) =>
      ranges.map(([a, b, span]) => rowsIn(table(span), columns, a, b, tail)).join(' UNION ALL ');

    /** The period's rows of contacts by kind: centre, span, kind, workshops held, numbers with their sessions. */
    const rows = once(() => {
      const now = contactRowsOf(
        ranges.map(([a, b, grain]) => [grain, params[a]!, params[b]!] as const),
        scope.centreIds,
      );
      return scope.asOf ? asOfRows(now, scope.asOf) : now;
    });
    const bucketOf = (kind: string): Bucket => (Object.hasOwn(SERVICE_SOURCES, kind) ? SERVICE_SOURCES[kind as keyof typeof SERVICE_SOURCES] : 'attendance');
    // Sexes and groups numbered alike for every scope, so that the people's codes serve them all.
    const codes = { ...newCodes(), sexes: personCodes.sexes, groups: personCodes.groups };
    const persons = once(() => peopleAsCodes(roster()));
    /**
     * Every person's sessions of a kind at a centre in a span (`byMonth`) or in a calendar year,
     * each number as the person it counts as now (merges), with their sex, group and birth year.
     */
    const contactsBy = (byMonth: boolean, only: Within, ofKind?: string): ContactTable => {
      const spans = ofKind === undefined ? rows() : (rowsByKind().get(ofKind) ?? []);
      // Read after the rows, so it knows everyone in them.
      const { sex, group, birthYear } = persons();
      /** The spans of each row to be: a month, or a calendar year of a centre and kind (its months and edge days). */
      const groups = new Map<string, ContactsRow[]>();
      let pairs = 0;
      for (const row of spans) {
        if (bucketOf(row[2]) !== only) continue;
        const key = byMonth ? `${row[0]}|${row[1]}|${row[2]}` : `${row[0]}|${row[1].slice(0, 4)}|${row[2]}`;
        let members = groups.get(key);
        if (!members) groups.set(key, (members = []));
        members.push(row);
        pairs += row[4].length >>> 3;
      }
      // At most a row per pair: scratch columns are filled without growing, then copied out.
      const c = scratchColumns(pairs);
      let n = 0;
      for (const [key, members] of groups) {
        const [centreId, span, kind] = members[0]!;
        const centre = codes.centres.code(centreId);
        const date = codes.dates.code(byMonth ? span : span.slice(0, 4));
        const kindCode = codes.kinds.code(only === 'attendance' ? kind : null);
        const { people, sessions } = mergedGroup(`${byMonth ? 'month' : 'year'}|${key}`, members, persons());
        for (let i = 0; i < people.length; i++) {
          const kept = people[i]!;
          c.person[n] = kept;
          c.sessions[n] = sessions[i]!;
          c.centre[n] = centre;
          c.date[n] = date;
          c.kind[n] = kindCode;
          c.sex[n] = sex[kept]!;
          c.group[n] = group[kept]!;
          c.birthYear[n] = birthYear[kept]!;
          n += 1;
        }
      }
      return copyOfColumns(c, n);
    };
    /** The period's rows by their kind, in the order read. */
    const rowsByKind = once(() => {
      const byKind = new Map<string, ContactsRow[]>();
      for (const row of rows()) {
        let list = byKind.get(row[2]);
        if (!list) byKind.set(row[2], (list = []));
        list.push(row);
      }
      return byKind;
    });
    /** Each table and grain built once, when a measure first asks for it. */
    const built = new Map<string, ContactTable>();
    const contacts = (bucket: Bucket, byMonth = true) => {
      const key = `${bucket}/${byMonth}`;
      let table = built.get(key);
      if (!table) {
        // Attendance as the tables of its kinds, so that a filter on kinds reads only those (attendanceOf).
        table =
          bucket === 'attendance'
            ? joinTables([...rowsByKind().keys()].filter((kind) => bucketOf(kind) === 'attendance').map((kind) => attendanceOfKind(kind, byMonth)))
            : contactsBy(byMonth, bucket);
        built.set(key, table);
      }
      return table;
    };
    /** The attendance of one workshop kind: a person's rows of a kind never mix with another kind's. */
    const attendanceOfKind = (kind: string, byMonth: boolean) => {
      const key = `attendance/${byMonth}/${kind}`;
      let table = built.get(key);
      if (!table) built.set(key, (table = contactsBy(byMonth, bucketOf(kind) === 'attendance' ? 'attendance' : 'none', kind)));
      return table;
    };
    /** Attendance of the kinds asked (every kind when none): the rows a filter on kinds would keep, and no others. */
    const attendanceOf = (byMonth = true, kinds: readonly string[] = []) =>
      kinds.length === 0 ? contacts('attendance', byMonth) : kinds.length === 1 ? attendanceOfKind(kinds[0]!, byMonth) : joinTables([...new Set(kinds)].map((kind) => attendanceOfKind(kind, byMonth)));
    /** A span's sessions of a kind, whoever had them: what a count of records needs without people in it. */
    const counts = once(() => {
      const totals = new Map<Bucket, ReturnType<typeof tableBuilder>>();
      const [nobody, noSex, noGroup] = [0, codes.sexes.code(''), codes.groups.code('')];
      for (const row of rows()) {
        const [centreId, date, kind] = row;
        const bucket = bucketOf(kind);
        const sessions = sessionsOf(row);
        if (sessions === 0) continue;
        let table = totals.get(bucket);
        if (!table) totals.set(bucket, (table = tableBuilder()));
        table.push(nobody, sessions, codes.centres.code(centreId), codes.dates.code(date), codes.kinds.code(bucket === 'attendance' ? kind : null), noSex, noGroup, 0);
      }
      const tables = new Map([...totals].map(([bucket, table]) => [bucket, table.finish()]));
      return (bucket: Bucket) => tables.get(bucket) ?? tableBuilder().finish();
    });
    const held = once(() =>
      rows().flatMap(([centreId, span, kind, workshopsHeld]): HeldWorkshops[] =>
        bucketOf(kind) === 'attendance' && workshopsHeld > 0 ? [{ centreId, date: span, kind, count: workshopsHeld }] : [],
      ),
    );
    const amounts = once(() => {
      const hours: Amount[] = [];
      const audience: Amount[] = [];
      if (ranges.length === 0) return { hours, audience };
      const rows = prepared(union((span) => `view_centre_${span}s`, 't.centre_id, t.span, t.hours_hundredths, t.audience', '')).raw().all(params) as [string, string, number, number][];
      for (const [centreId, date, hundredths, people] of rows) {
        if (hundredths !== 0) hours.push({ centreId, date, amount: hundredths });
        if (people !== 0) audience.push({ centreId, date, amount: people });
      }
      return { hours, audience };
    });
    const districts = once(
      () =>
        new Map(
          (prepared(`SELECT id, district FROM view_centres WHERE ${centreCondition('id', scope.centreIds)}`).all({ centres: params.centres }) as { id: string; district: string }[]).map(
            (row) => [row.id, row.district],
          ),
        ),
    );
    const byGrain = <T>(read: (byMonth: boolean) => T) => {
      const [months, years] = [once(() => read(true)), once(() => read(false))];
      return (byMonth = true) => (byMonth ? months() : years());
    };
    const scoped: Sources = {
      codes,
      attendance: attendanceOf,
      consultations: (byMonth) => contacts('consultations', byMonth),
      contacts: byGrain((byMonth) => joinTables([scoped.attendance(byMonth), scoped.consultations(byMonth)])),
      sessions: (byMonth) => contacts('sessions', byMonth),
      referralsMade: (byMonth) => contacts('referralsMade', byMonth),
      referralsCompleted: (byMonth) => contacts('referralsCompleted', byMonth),
      assistance: (byMonth) => contacts('assistance', byMonth),
      counts: (list) => counts()(list),
      beneficiaries: byGrain((byMonth) => joinTables([scoped.contacts(byMonth), scoped.sessions(byMonth), scoped.referralsMade(byMonth), scoped.assistance(byMonth)])),
      // As of an instant, hours and audiences from their entries (a few hundred rows a year).
      hoursHundredths: () => (scope.asOf ? direct().hoursHundredths() : amounts().hours),
      audience: () => (scope.asOf ? direct().audience() : amounts().audience),
      workshops: held,
      cycleCompletion: once(() => cycles.cycleCompletion(scope.centreIds, scope).rate),
      district: (centreId) => districts().get(centreId) ?? null,
      direct,
    };
    return scoped;
  }

  /**
   * The views' version as this connection sees it: `data_version` moves when another connection
   * (the views' thread) commits, `total_changes()` when this one writes (views applied in-process).
   */
  const version = db.prepare(`SELECT (SELECT data_version FROM pragma_data_version()) || '/' || total_changes()`).pluck();
  /** The last scopes' rows, each kept while the views stay as they were when it was read. */
  const kept = new Map<string, { readonly version: string; readonly sources: Sources }>();
  return function sources(scope: MeasureScope, direct: () => Sources): Sources {
    const key = JSON.stringify([scope.centreIds, scope.from, scope.to, scope.asOf]);
    // Read before the rows: a write that lands while they are read gives the next request a new version.
    const now = version.get() as string;
    const known = kept.get(key);
    kept.delete(key);
    const scoped = known?.version === now ? known.sources : read(scope, direct);
    kept.set(key, { version: now, sources: scoped });
    if (kept.size > KEPT_SCOPES) kept.delete(kept.keys().next().value!);
    return scoped;
  };
}

/** How many groups' people stay in memory (a year of 25 centres by month and by year: a few thousand). */
const KEPT_GROUPS = 50_000;
/** How many scopes' rows stay in memory between requests (a year of 25 centres at 1M events: tens of MB). */
const KEPT_SCOPES = 2;
