import type Database from 'better-sqlite3';
import type { Dimension, IndicatorFilter, Measure } from '../domain/programmes/events.js';
import { measureTraits } from '../domain/programmes/measures.js';
import { asOfInstant, culturalEventAudience, culturalEventCounts, entryCounts } from './as-of.js';
import { cycleReader } from './cycles.js';
import { centreCondition, periodCondition, scopeParams, statementCache } from './documents.js';
import { allRows, cellsOf, dimensionOrder, distinctPeople, filteredRows, rowsWhere, totalSessions, type Rows } from './contact-counts.js';
import { joinTables, newCodes, tableBuilder, type Codes, type ContactTable } from './contact-table.js';
import type { BreakdownKey } from './reporting.js';
import { mergesChangedSince } from './as-of-contacts.js';
import { aggregateSources } from './measure-aggregates.js';
import { referralCompleted, serviceRecordCounts } from './service-figures.js';

/** What an indicator is counted over: the programme's centres, a period of local dates, an instant. */
export interface MeasureScope {
  readonly centreIds: readonly string[];
  readonly from: string;
  readonly to: string;
  /** Only what had been recorded by this instant (see ./as-of.ts); null: everything. */
  readonly asOf: string | null;
}

/** One cell of a breakdown: `count` is what suppression looks at (people, or a share's denominator). */
export interface MeasuredCell {
  readonly key: BreakdownKey;
  readonly value: number;
  readonly count: number;
}

export interface Measured {
  readonly value: number | null;
  readonly cells: readonly MeasuredCell[];
}

/**
 * Sessions of one participant: a workshop attended, a legal consultation, a service. Read from the
 * entries, a row is one session; read from the month aggregates (./measure-aggregates.ts), a row is
 * a person's sessions of one kind at a centre in a span (`date` then a month or a day).
 */
export interface Contact {
  /** The participant counted (a merged one as the one kept): an id, or a number from the aggregates. */
  readonly participantId: string | number;
  readonly centreId: string;
  readonly date: string;
  /** The workshop's; null for a consultation. */
  readonly kind: string | null;
  readonly workshopId: string | null;
  readonly sex: string;
  readonly group: string;
  readonly birthYear: number;
  /** How many sessions the row stands for. */
  readonly sessions: number;
}

export interface Amount {
  readonly centreId: string;
  readonly date: string;
  readonly amount: number;
}

/**
 * The rows of one scope, each read at most once however many indicators use it: a programme of
 * 15 indicators reads the period's attendance once.
 */
export interface Sources {
  /**
   * Each list takes `byMonth`: whether its rows must tell the month. Without it, rows read from the
   * aggregates may stand for a person's sessions of a kind at a centre in a whole calendar year
   * (`date` then 'YYYY', enough for age groups): far fewer rows for the many indicators that do not
   * break down by month. Rows read from the entries are one per session either way.
   * `kinds` (attendance): the list may hold only the rows of these workshop kinds (none: every
   * kind), which is all a filter on those kinds keeps; a measure still filters the list itself.
   */
  attendance(byMonth?: boolean, kinds?: readonly string[]): ContactTable;
  consultations(byMonth?: boolean): ContactTable;
  /** Attendance and consultations together: every session of a beneficiary. */
  contacts(byMonth?: boolean): ContactTable;
  /** Individual sessions dated in the period (src/read/services.ts's records). */
  sessions(byMonth?: boolean): ContactTable;
  /** Referrals made in the period. */
  referralsMade(byMonth?: boolean): ContactTable;
  /** Referrals closed in the period with the service received, dated on their closing. */
  referralsCompleted(byMonth?: boolean): ContactTable;
  /** Assistance given in the period. */
  assistance(byMonth?: boolean): ContactTable;
  /** Everything a person received in the period: the contacts, sessions, referrals made and assistance. */
  beneficiaries(byMonth?: boolean): ContactTable;
  /** The numbers of the strings in this scope's tables. */
  readonly codes: Codes;
  hoursHundredths(): readonly Amount[];
  audience(): readonly Amount[];
  /**
   * Rows that count sessions without saying whose (person fields blank): what a count of records
   * needs when neither its filter nor its breakdown is about people. From the entries, the list itself.
   */
  counts(list: 'attendance' | 'sessions' | 'referralsCompleted'): ContactTable;
  /** Workshops held, by centre, date and kind. */
  workshops(): readonly HeldWorkshops[];
  cycleCompletion(): number | null;
  district(centreId: string): string | null;
  /** The same scope read from the entries (a workshop count filtered by who attended needs them). */
  direct(): Sources;
}

export interface HeldWorkshops {
  readonly centreId: string;
  readonly date: string;
  readonly kind: string;
  readonly count: number;
}

/**
 * The rows of a scope from the centres' day and month aggregates (./measure-aggregates.ts), whose
 * cost follows centres and months, live and `asOf` (rows changed since the instant counted again
 * from their entries, ./as-of-contacts.ts); from the entries with their recording instants when
 * asked (`direct`), or `asOf` an instant after which a merge began or ended.
 */
export function measureSources(db: Database.Database) {
  const fromEntries = directSources(db);
  const fromAggregates = aggregateSources(db);
  const mergesSince = mergesChangedSince(db);
  return function sources(scope: MeasureScope, options: { direct?: boolean } = {}): Sources {
    const direct = once(() => fromEntries(scope));
    // As of an instant after which a merge began or ended, numbers counted as then: from the entries.
    return options.direct || (scope.asOf && mergesSince(scope.asOf)) ? direct() : fromAggregates(scope, direct);
  };
}

export const once = <T>(read: () => T) => {
  let value: T | undefined;
  let done = false;
  return () => {
    if (!done) (value = read()), (done = true);
    return value as T;
  };
};

function directSources(db: Database.Database) {
  const prepared = statementCache(db);
  const cycles = cycleReader(db);
  return function sources(scope: MeasureScope): Sources {
    const at = scope.asOf ? asOfInstant(scope.asOf) : null;
    const params = { ...scopeParams(scope.centreIds, scope), asOf: at };
    /** Every participant's sex, group and birth year, by id. */
    const roster = once(
      () =>
        new Map(
          (prepared(`SELECT id, sex, grp, birth_year AS birthYear FROM view_participants`).all() as { id: string; sex: string; grp: string; birthYear: number }[]).map(
            (row) => [row.id, { sex: row.sex, group: row.grp, birthYear: row.birthYear }],
          ),
        ),
    );
    /**
     * Who each participant counts as at the scope's instant: one merged into another counts as the
     * one kept, with the kept one's sex, group and birth year (./merges.ts).
     */
    const keptFor = once(() => {
      const kept = new Map<string, string>();
      for (const row of prepared(`SELECT id, doc FROM view_participant_merges`).all() as { id: string; doc: string }[]) {
        const { periods } = JSON.parse(row.doc) as { periods: [string, string, string | null][] };
        const standing = periods.find(([, from, until]) => (at === null ? until === null : from <= at && (until === null || until > at)));
        if (standing) kept.set(row.id, standing[0]);
      }
      return kept;
    });
    const counted = (participantId: string) => keptFor().get(participantId) ?? participantId;
    /** A row of a participant as the person it counts as, or undefined for one the roster does not hold. */
    const asPerson = <R extends { participantId: string }>(row: R) => {
      const participantId = counted(row.participantId);
      const who = roster().get(participantId);
      return who ? { ...row, participantId, ...who } : undefined;
    };
    const serviceRows = (type: 'INDIVIDUAL_SESSION' | 'REFERRAL' | 'ASSISTANCE', on: 'date' | 'closed_on', completed = false) => () =>
      (
        prepared(
          `SELECT r.participant_id AS participantId, r.centre_id AS centreId, r.${on} AS date, NULL AS kind, NULL AS workshopId, 1 AS sessions
             FROM view_service_records r
            WHERE r.type = '${type}' AND ${serviceRecordCounts(at !== null)}${completed ? ` AND ${referralCompleted(at !== null)}` : ''}
              AND ${centreCondition('r.centre_id', scope.centreIds)} AND ${periodCondition(`r.${on}`)}`,
        ).all(params) as { participantId: string; centreId: string; date: string; kind: null; workshopId: null; sessions: number }[]
      ).flatMap((row) => asPerson(row) ?? []);
    const districts = once(
      () =>
        new Map(
          (prepared(`SELECT id, district FROM view_centres WHERE ${centreCondition('id', scope.centreIds)}`).all(params) as { id: string; district: string }[]).map(
            (row) => [row.id, row.district],
          ),
        ),
    );
    const codes = newCodes();
    const asTable = (read: () => readonly Contact[], withWorkshops = false) => once(() => tableOf(read(), codes, withWorkshops));
    const scoped: Sources = {
      codes,
      attendance: asTable(() => {
        // The workshops' attendance rows (projections/attendance.ts), with the condition of
        // attendanceCounts (./as-of.ts) in JS on their instants in milliseconds.
        const pairs = prepared(
          `SELECT w.id AS workshopId, w.centre_id AS centreId, w.local_date AS date, w.kind AS kind, w.status AS status,
                  ap.id AS participantId, a.recorded_at AS recordedAt, a.removed_at AS removedAt
             FROM view_workshops w
             JOIN view_attendance a ON a.workshop = w.ordinal
             JOIN view_participants ap ON ap.ordinal = a.participant
            WHERE ${centreCondition('w.centre_id', scope.centreIds)} AND ${periodCondition('w.local_date')}`,
        ).all(params) as { workshopId: string; centreId: string; date: string; kind: string; status: string; participantId: string; recordedAt: number; removedAt: number | null }[];
        const person = roster();
        const contacts: Contact[] = [];
        const atMs = at === null ? null : Date.parse(at);
        for (const { workshopId, centreId, date, kind, status, participantId, recordedAt, removedAt } of pairs) {
          const counts = atMs === null ? status === 'HELD' && removedAt === null : recordedAt <= atMs && (removedAt === null || removedAt > atMs);
          if (!counts) continue;
          const kept = counted(participantId);
          const who = person.get(kept);
          if (who) contacts.push({ participantId: kept, centreId, date, kind, workshopId, ...who, sessions: 1 });
        }
        return contacts;
      }, true),
      consultations: asTable(
        () =>
          prepared(
            `SELECT k.participant_id AS participantId, k.centre_id AS centreId, k.date AS date, NULL AS kind, NULL AS workshopId, 1 AS sessions,
                    p.sex AS sex, p.grp AS "group", p.birth_year AS birthYear
               FROM view_consultations k
               JOIN view_participants p ON p.id = k.participant_id
              WHERE ${entryCounts(at !== null, '$.recordedAt', 'k')}
                AND ${centreCondition('k.centre_id', scope.centreIds)} AND ${periodCondition('k.date')}`,
          )
            .all(params)
            .flatMap((row) => asPerson(row as Contact & { participantId: string }) ?? []),
      ),
      contacts: once(() => joinTables([scoped.attendance(), scoped.consultations()])),
      sessions: asTable(serviceRows('INDIVIDUAL_SESSION', 'date')),
      referralsMade: asTable(serviceRows('REFERRAL', 'date')),
      referralsCompleted: asTable(serviceRows('REFERRAL', 'closed_on', true)),
      assistance: asTable(serviceRows('ASSISTANCE', 'date')),
      beneficiaries: once(() => joinTables([scoped.contacts(), scoped.sessions(), scoped.referralsMade(), scoped.assistance()])),
      hoursHundredths: once(
        () =>
          prepared(
            `SELECT centre_id AS centreId, date, round(hours * 100) AS amount FROM view_volunteer_hours
              WHERE ${entryCounts(at !== null, '$.loggedAt')} AND ${centreCondition('centre_id', scope.centreIds)} AND ${periodCondition('date')}`,
          ).all(params) as Amount[],
      ),
      audience: once(
        () =>
          prepared(
            `SELECT centre_id AS centreId, date, ${culturalEventAudience(at !== null)} AS amount FROM view_cultural_events
              WHERE ${culturalEventCounts(at !== null)} AND ${centreCondition('centre_id', scope.centreIds)} AND ${periodCondition('date')}`,
          ).all(params) as Amount[],
      ),
      counts: (list) => scoped[list](),
      workshops: once(() => heldWorkshops(scoped.attendance(), allRows(scoped.attendance()), codes)),
      // Measured on the cycles as they stand now, also with asOf, as the built-in indicator is (see ./cycles.ts).
      cycleCompletion: once(() => cycles.cycleCompletion(scope.centreIds, scope).rate),
      district: (centreId) => districts().get(centreId) ?? null,
      direct: () => scoped,
    };
    return scoped;
  };
}

/** Contacts read from the entries as a table, each participant id numbered by the scope. */
function tableOf(contacts: readonly Contact[], codes: Codes, withWorkshops: boolean): ContactTable {
  const table = tableBuilder(withWorkshops);
  for (const c of contacts) {
    table.push(
      codes.people.code(c.participantId),
      c.sessions,
      codes.centres.code(c.centreId),
      codes.dates.code(c.date),
      codes.kinds.code(c.kind),
      codes.sexes.code(c.sex),
      codes.groups.code(c.group),
      c.birthYear,
      withWorkshops ? codes.workshops.code(c.workshopId ?? '') : 0,
    );
  }
  return table.finish();
}

/** The distinct workshops of attendance rows (a table read from the entries), each once. */
function heldWorkshops(table: ContactTable, rows: Rows, codes: Codes): HeldWorkshops[] {
  const seen = new Set<number>();
  const held: HeldWorkshops[] = [];
  for (const row of rows) {
    const workshop = table.workshop![row]!;
    if (seen.has(workshop)) continue;
    seen.add(workshop);
    held.push({ centreId: codes.centres.values[table.centre[row]!]!, date: codes.dates.values[table.date[row]!]!, kind: codes.kinds.values[table.kind[row]!]!, count: 1 });
  }
  return held;
}

const emptyKey: BreakdownKey = { sex: null, ageGroup: null, group: null, kind: null, centreId: null, district: null, month: null };

/** A row of amounts or workshops in one dimension (none is about a person), as a string for grouping. */
function valueIn(row: Amount | HeldWorkshops, dimension: Dimension, sources: Sources): string {
  switch (dimension) {
    case 'KIND':
      return 'kind' in row ? row.kind : '';
    case 'CENTRE':
      return row.centreId;
    case 'DISTRICT':
      return sources.district(row.centreId) ?? '';
    case 'MONTH':
      return row.date.slice(0, 7);
    default:
      return '';
  }
}

/** The cell key of a row of amounts or workshops for the dimensions asked (the rest null). */
function keyOf(row: Amount | HeldWorkshops, by: readonly Dimension[], sources: Sources): BreakdownKey {
  const key: { -readonly [K in keyof BreakdownKey]: BreakdownKey[K] } = { ...emptyKey };
  for (const dimension of by) {
    if (dimension === 'KIND') key.kind = ('kind' in row ? row.kind : null) as BreakdownKey['kind'];
    else if (dimension === 'CENTRE') key.centreId = row.centreId;
    else if (dimension === 'DISTRICT') key.district = sources.district(row.centreId);
    else if (dimension === 'MONTH') key.month = row.date.slice(0, 7);
  }
  return key;
}

/** Rows of amounts or workshops (a few thousand at most) grouped by their cell key, in key order. */
function groupBy<R extends Amount | HeldWorkshops>(rows: readonly R[], by: readonly Dimension[], sources: Sources) {
  const chosen = dimensionOrder.filter((d) => by.includes(d));
  if (chosen.length === 0) return [];
  const groups = new Map<string, R[]>();
  for (const row of rows) {
    const id = chosen.map((dimension) => `${valueIn(row, dimension, sources)}\u0001`).join('');
    let group = groups.get(id);
    if (!group) groups.set(id, (group = []));
    group.push(row);
  }
  return [...groups]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, group]) => ({ key: keyOf(group[0]!, chosen, sources), rows: group }));
}

export const cellKeyValues = (key: BreakdownKey): (string | null)[] => [key.sex, key.ageGroup, key.group, key.kind, key.centreId, key.district, key.month];

/** A table's rows the filter lets through, with its cells. */
const cellsIn = (table: ContactTable, rows: Rows, by: readonly Dimension[], sources: Sources) => cellsOf(table, rows, by, sources.codes, sources.district);

function people(table: ContactTable, filter: IndicatorFilter, by: readonly Dimension[], sources: Sources): Measured {
  const rows = filteredRows(table, filter, sources.codes);
  return {
    value: distinctPeople(table, rows),
    cells: cellsIn(table, rows, by, sources).map(({ key, rows: cell }) => {
      const n = distinctPeople(table, cell);
      return { key, value: n, count: n };
    }),
  };
}

/** Among the people of the rows, the share of those a row of whom `counts`. */
function share(table: ContactTable, filter: IndicatorFilter, by: readonly Dimension[], sources: Sources, counts: (row: number) => boolean): Measured {
  const rows = filteredRows(table, filter, sources.codes);
  const ratio = (cell: Rows) => {
    const all = distinctPeople(table, cell);
    return { all, value: all === 0 ? null : distinctPeople(table, rowsWhere(cell, counts)) / all };
  };
  return {
    value: ratio(rows).value,
    cells: cellsIn(table, rows, by, sources).map(({ key, rows: cell }) => {
      const { all, value } = ratio(cell);
      return { key, value: value ?? 0, count: all };
    }),
  };
}

function sum(rows: readonly Amount[], by: readonly Dimension[], sources: Sources, scale = 1): Measured {
  const total = (list: readonly Amount[]) => list.reduce((s, row) => s + row.amount, 0);
  return {
    value: total(rows) / scale,
    cells: groupBy(rows, by, sources)
      .map(({ key, rows: cell }) => ({ key, value: total(cell) / scale, count: total(cell) }))
      .filter((cell) => cell.count > 0),
  };
}

/** A count of workshops held. */
function workshopCount(rows: readonly HeldWorkshops[], by: readonly Dimension[], sources: Sources): Measured {
  const total = (list: readonly HeldWorkshops[]) => list.reduce((n, row) => n + row.count, 0);
  return {
    value: total(rows),
    cells: groupBy(rows, by, sources)
      .map(({ key, rows: cell }) => ({ key, value: total(cell), count: total(cell) }))
      .filter((cell) => cell.count > 0),
  };
}

/** A count of records (sessions, referrals, attendance pairs): each row as the sessions it stands for. */
function records(table: ContactTable, filter: IndicatorFilter, by: readonly Dimension[], sources: Sources): Measured {
  const rows = filteredRows(table, filter, sources.codes);
  return {
    value: totalSessions(table, rows),
    cells: cellsIn(table, rows, by, sources)
      .map(({ key, rows: cell }) => {
        const n = totalSessions(table, cell);
        return { key, value: n, count: n };
      })
      .filter((cell) => cell.count > 0),
  };
}

/** Whether a filter names something about the person (then a workshop count needs who attended each). */
const aboutPeople = (filter: IndicatorFilter) => filter.sexes.length + filter.groups.length + filter.ageGroups.length > 0 || (filter.minSessions ?? 1) > 1;

/** Whether an indicator's rows must tell the month (see Sources). */
const monthly = (by: readonly Dimension[]) => by.includes('MONTH');

/** Whether a count of records can do without knowing whose they are: nothing about people in its filter or breakdown. */
const anonymous = (filter: IndicatorFilter, by: readonly Dimension[]) => !aboutPeople(filter) && !by.some((d) => d === 'SEX' || d === 'AGE_GROUP' || d === 'GROUP');

export type MeasureFunction = (sources: Sources, filter: IndicatorFilter, by: readonly Dimension[]) => Measured;

/**
 * Each measure as a function of the scope's rows, the indicator's filter and breakdowns. A measure
 * fed by another area (the services: individual sessions, referrals, assistance) is wired here,
 * one line each, once that area's views exist.
 */
export const measures: { readonly [M in Measure]: MeasureFunction } = {
  UNIQUE_PARTICIPANTS: (s, filter, by) => people(s.attendance(monthly(by), filter.kinds), filter, by, s),
  // Everyone who received anything: attendance, a consultation, an individual session, a referral made, assistance.
  UNIQUE_BENEFICIARIES: (s, filter, by) => people(s.beneficiaries(monthly(by)), filter, by, s),
  // A workshop is held once it has an attendee; person filters keep workshops with a matching one.
  WORKSHOPS_HELD: (s, filter, by) => {
    if (aboutPeople(filter)) {
      const direct = s.direct();
      const attendance = direct.attendance();
      return workshopCount(heldWorkshops(attendance, filteredRows(attendance, filter, direct.codes), direct.codes), by, s);
    }
    return workshopCount(s.workshops().filter((row) => filter.kinds.length === 0 || filter.kinds.includes(row.kind as never)), by, s);
  },
  ATTENDANCES: (s, filter, by) => records(anonymous(filter, by) ? s.counts('attendance') : s.attendance(monthly(by), filter.kinds), filter, by, s),
  // Among the beneficiaries the filter counts (a kinds filter leaves attendance only), not only attendees.
  FEMALE_SHARE: (s, filter, by) => shareOf(s, filter, by, 'sexes', 'FEMALE'),
  RETURNEE_SHARE: (s, filter, by) => shareOf(s, filter, by, 'groups', 'RETURNEE'),
  VOLUNTEER_HOURS: (s, _filter, by) => sum(s.hoursHundredths(), by, s, 100),
  LEGAL_AID_BENEFICIARIES: (s, filter, by) => people(s.consultations(monthly(by)), filter, by, s),
  INDIVIDUAL_SESSIONS: (s, filter, by) => records(anonymous(filter, by) ? s.counts('sessions') : s.sessions(monthly(by)), filter, by, s),
  REFERRALS_COMPLETED: (s, filter, by) => records(anonymous(filter, by) ? s.counts('referralsCompleted') : s.referralsCompleted(monthly(by)), filter, by, s),
  ASSISTANCE_RECIPIENTS: (s, filter, by) => people(s.assistance(monthly(by)), filter, by, s),
  CULTURAL_EVENT_AUDIENCE: (s, _filter, by) => sum(s.audience(), by, s),
  CYCLE_COMPLETION: (s) => ({ value: s.cycleCompletion(), cells: [] }),
};

/** A share of the contacts' people: those whose sex (or group) is `value`. */
function shareOf(s: Sources, filter: IndicatorFilter, by: readonly Dimension[], column: 'sexes' | 'groups', value: string): Measured {
  const table = s.contacts(monthly(by));
  const code = s.codes[column].values.indexOf(value);
  const values = column === 'sexes' ? table.sex : table.group;
  return share(table, filter, by, s, (row) => values[row] === code);
}

/** Whether a measure's cells count people (suppressed when small) rather than hours or workshops. */
export const countsPeople = (measure: Measure) => measureTraits[measure].people || measureTraits[measure].share;
