import type Database from 'better-sqlite3';
import { cycleReader } from './cycles.js';
import { centreCondition, statementCache } from './documents.js';
import { once, type Amount, type Contact, type HeldWorkshops, type MeasureScope, type Sources } from './measures.js';
import { personRoster } from './person-roster.js';
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

/**
 * A programme's rows for a live report from the centres' contacts by day and month
 * (projections/centre-contacts.ts) and their hours and audiences (centre_days, centre_months):
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

  /** SELECT `columns` of `table`'s rows of the scope's centres with ids from `centre|a` to `centre|b` + `tail`. */
  const rowsIn = (table: string, columns: string, a: string, b: string, tail: string) =>
    `SELECT ${columns} FROM json_each(@centres) AS c CROSS JOIN ${table} AS t
       ON t.id BETWEEN c.value || '|' || @${a} AND c.value || '|' || @${b} || '${tail}'`;

  return function sources(scope: MeasureScope, direct: () => Sources): Sources {
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

    const contacts = once(() => {
      const buckets: Record<Bucket, Contact[]> = { attendance: [], consultations: [], sessions: [], referralsMade: [], referralsCompleted: [], assistance: [] };
      const held: HeldWorkshops[] = [];
      if (ranges.length === 0) return { buckets, held };
      // '~' sorts after '|': a span's rows are `centre|span|kind`.
      const rows = prepared(
        union((span) => `view_centre_${span}_contacts`, 't.centre_id, t.span, t.kind, t.workshops_held, t.contacts', '~'),
      ).raw().all(params) as [string, string, string, number, Buffer][];
      // Read after the rows, so it knows everyone in them.
      const { people, merged } = roster();
      for (const [centreId, span, kind, workshopsHeld, set] of rows) {
        const bucket: Bucket = Object.hasOwn(SERVICE_SOURCES, kind) ? SERVICE_SOURCES[kind as keyof typeof SERVICE_SOURCES] : 'attendance';
        const workshopKind = bucket === 'attendance' ? kind : null;
        if (workshopKind && workshopsHeld > 0) held.push({ centreId, date: span, kind, count: workshopsHeld });
        const list = buckets[bucket];
        for (let offset = 0; offset + 8 <= set.length; offset += 8) {
          const ordinal = set.readUInt32LE(offset);
          const kept = merged.get(ordinal) ?? ordinal;
          const who = people[kept];
          if (!who) continue;
          list.push({ participantId: kept, centreId, date: span, kind: workshopKind, workshopId: null, ...who, sessions: set.readUInt32LE(offset + 4) });
        }
      }
      return { buckets, held };
    });
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
    const scoped: Sources = {
      attendance: () => contacts().buckets.attendance,
      consultations: () => contacts().buckets.consultations,
      contacts: once(() => [...scoped.attendance(), ...scoped.consultations()]),
      sessions: () => contacts().buckets.sessions,
      referralsMade: () => contacts().buckets.referralsMade,
      referralsCompleted: () => contacts().buckets.referralsCompleted,
      assistance: () => contacts().buckets.assistance,
      beneficiaries: once(() => [...scoped.contacts(), ...scoped.sessions(), ...scoped.referralsMade(), ...scoped.assistance()]),
      hoursHundredths: () => amounts().hours,
      audience: () => amounts().audience,
      workshops: () => contacts().held,
      cycleCompletion: once(() => cycles.cycleCompletion(scope.centreIds, scope).rate),
      district: (centreId) => districts().get(centreId) ?? null,
      direct,
    };
    return scoped;
  };
}
