import type Database from 'better-sqlite3';
import { contactsBlob, contactSpanOf, type CentreContactsView } from '../../projections/centre-contacts.js';
import type { AttendeeSet } from '../../projections/attendee-set.js';
import { sessionsBlobOfPacked } from '../../projections/packed-sessions.js';

/**
 * A row of contacts by kind (projections/centre-contacts.ts): centre, span, kind, workshops held,
 * numbers with their sessions, and when its last change was recorded (absent from views of before it).
 */
export type ContactsRow = [string, string, string, number, Buffer, string?];
export type Grain = 'month' | 'day';

/** A stored row (its id `centre|span|kind` and its document) as a ContactsRow: the numbers packed once, when read. */
const rowOf = ([id, doc]: [string, string]): ContactsRow => {
  const { centreId, span, kind } = contactSpanOf(id);
  // Version 4's rows (lists, not packed) answer while version 5 is built beside them.
  const contacts = JSON.parse(doc) as Omit<Partial<CentreContactsView>, 'members'> & ({ members: string } | AttendeeSet);
  const blob = 'members' in contacts ? sessionsBlobOfPacked(contacts.members) : contactsBlob(contacts);
  return [centreId, span, kind, contacts.workshopsHeld ?? 0, blob, contacts.changedTime];
};

/** How many centre-spans are kept before they are all let go (a year of 100 centres is ~40,000 days and months). */
const KEPT_UNITS = 60_000;

const nextMonth = (month: string) => {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, '0')}`;
};
const nextDay = (day: string) => new Date(Date.parse(`${day}T12:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

/** Every span from `first` to `last`, both included: months YYYY-MM or days YYYY-MM-DD. */
export function spansFrom(grain: Grain, first: string, last: string): string[] {
  const spans: string[] = [];
  for (let span = first; span <= last; span = grain === 'month' ? nextMonth(span) : nextDay(span)) spans.push(span);
  return spans;
}

/**
 * The centres' contacts rows by month and day, kept in memory by centre and span and brought up
 * to date on each read from the rows changed since (`changed_at`, the log position of a row's last
 * change; rows are never deleted), as the roster is (./person-roster.ts). A report computed anew
 * after a write then reads only what the write changed, not the 2 MB of a year's rows again; its
 * figures are still computed from every row of its period as the views hold them now.
 */
export function contactRows(db: Database.Database) {
  const table = (grain: Grain) => `view_centre_${grain}_contacts`;
  const statements = (grain: Grain) => {
    const changed = db.prepare<[number], [string, string]>(`SELECT id, doc FROM ${table(grain)} WHERE changed_at > ?`).raw();
    // '~' sorts after '|': a span's rows are `centre|span|kind`.
    const between = db.prepare<[string, string], [string, string]>(`SELECT id, doc FROM ${table(grain)} WHERE id BETWEEN ? AND ?`).raw();
    return {
      latest: db.prepare<[], number | null>(`SELECT max(changed_at) FROM ${table(grain)}`).pluck(),
      changed: { all: (since: number) => changed.all(since).map(rowOf) },
      between: { all: (first: string, last: string) => between.all(first, last).map(rowOf) },
    };
  };
  /** Null while the views are those of before `changed_at` (being rebuilt): then nothing is kept. */
  let prepared: { month: ReturnType<typeof statements>; day: ReturnType<typeof statements> } | null = null;
  const uncached = (grain: Grain) => ({
    all: (first: string, last: string) =>
      db.prepare<[string, string], [string, string]>(`SELECT id, doc FROM ${table(grain)} WHERE id BETWEEN ? AND ?`).raw().all(first, last).map((row) => rowOf(row).slice(0, 5) as ContactsRow),
  });
  /** By grain, `centre|span` → the unit's rows by kind. A unit is kept whole: every row of its centre and span. */
  let kept = { month: new Map<string, Map<string, ContactsRow>>(), day: new Map<string, Map<string, ContactsRow>>() };
  let units = 0;
  let seen = -1;

  function refresh(read: NonNullable<typeof prepared>) {
    const head = Math.max(read.month.latest.get() ?? -1, read.day.latest.get() ?? -1);
    // Views rebuilt from the start number their changes anew.
    if (head < seen) [kept, units, seen] = [{ month: new Map(), day: new Map() }, 0, -1];
    if (head <= seen) return;
    // Nothing kept yet (the first report): every row would be one changed since.
    for (const grain of ['month', 'day'] as const) {
      if (kept[grain].size === 0) continue;
      for (const row of read[grain].changed.all(seen)) kept[grain].get(`${row[0]}|${row[1]}`)?.set(row[2], row);
    }
    seen = head;
  }

  /** Reads the centre's spans not kept yet, one range for each run of them. */
  function fill(read: NonNullable<typeof prepared>, grain: Grain, centreId: string, spans: readonly string[]) {
    const byUnit = kept[grain];
    let at = 0;
    while (at < spans.length) {
      if (byUnit.has(`${centreId}|${spans[at]}`)) {
        at += 1;
        continue;
      }
      let end = at;
      while (end + 1 < spans.length && !byUnit.has(`${centreId}|${spans[end + 1]}`)) end += 1;
      for (let i = at; i <= end; i++) byUnit.set(`${centreId}|${spans[i]}`, new Map());
      units += end - at + 1;
      for (const row of read[grain].between.all(`${centreId}|${spans[at]}`, `${centreId}|${spans[end]}~`)) byUnit.get(`${row[0]}|${row[1]}`)!.set(row[2], row);
      at = end + 1;
    }
  }

  const current = (ranges: readonly (readonly [Grain, string, string])[], centreIds: readonly string[]): ContactsRow[] => {
    try {
      prepared ??= { month: statements('month'), day: statements('day') };
    } catch {
      // Views of an earlier version, without changed_at and changed_time: read the ranges as they are.
      return [...new Set(centreIds)].flatMap((centreId) => ranges.flatMap(([grain, first, last]) => uncached(grain).all(`${centreId}|${first}`, `${centreId}|${last}~`)));
    }
    const read = prepared;
    refresh(read);
    const wanted = ranges.map(([grain, first, last]) => [grain, spansFrom(grain, first, last)] as const);
    const needed = centreIds.length * wanted.reduce((n, [, spans]) => n + spans.length, 0);
    if (units + needed > KEPT_UNITS) [kept, units] = [{ month: new Map(), day: new Map() }, 0];
    const rows: ContactsRow[] = [];
    for (const centreId of new Set(centreIds)) {
      for (const [grain, spans] of wanted) {
        fill(read, grain, centreId, spans);
        for (const span of spans) for (const row of kept[grain].get(`${centreId}|${span}`)!.values()) rows.push(row);
      }
    }
    return rows;
  };
  /**
   * Every row of the centres in the span ranges (months or days, both ends included) as the views
   * hold them now: read in one transaction, so that what is kept and what is read are one state.
   */
  const inOneTransaction = db.transaction(current);
  return (ranges: readonly (readonly [Grain, string, string])[], centreIds: readonly string[]): ContactsRow[] =>
    db.inTransaction ? current(ranges, centreIds) : inOneTransaction(ranges, centreIds);
}
