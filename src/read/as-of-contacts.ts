import type Database from 'better-sqlite3';
import { contactsBlob } from '../../projections/centre-contacts.js';
import { asOfInstant, entryCounts } from './as-of.js';
import type { ContactsRow } from './contact-rows.js';
import { statementCache } from './documents.js';
import { referralCompleted, serviceRecordCounts } from './service-figures.js';

/** The entries of a contacts row that isn't a workshop kind's: their table, date column and condition as of @asOf. */
const SERVICE_ENTRIES: Record<string, { readonly from: string; readonly date: string; readonly counts: string }> = {
  CONSULTATION: { from: 'view_consultations k', date: 'k.date', counts: entryCounts(true, '$.recordedAt', 'k') },
  INDIVIDUAL_SESSION: { from: 'view_service_records r', date: 'r.date', counts: `r.type = 'INDIVIDUAL_SESSION' AND ${serviceRecordCounts(true)}` },
  REFERRAL_MADE: { from: 'view_service_records r', date: 'r.date', counts: `r.type = 'REFERRAL' AND ${serviceRecordCounts(true)}` },
  REFERRAL_COMPLETED: { from: 'view_service_records r', date: 'r.closed_on', counts: `r.type = 'REFERRAL' AND ${serviceRecordCounts(true)} AND ${referralCompleted(true)}` },
  ASSISTANCE: { from: 'view_service_records r', date: 'r.date', counts: `r.type = 'ASSISTANCE' AND ${serviceRecordCounts(true)}` },
};
const alias = (from: string) => from.split(' ')[1]!;

/**
 * A programme's contacts rows as they stood at an instant, from the rows as they are now: a row
 * whose last change was recorded by then (`changed_time`, projections/centre-contacts.ts) is as it
 * was; only the rows changed since are counted again from their entries with their instants, as
 * ./measures.ts counts entries as of an instant. A closed period's report (asked as of its closing)
 * then reads the entries of the few rows late entries changed, not the whole period's.
 *
 * It rests on the merges: a row holds participant numbers, which become the person they count as
 * when read. Read here only when no merge began or ended after the instant ({@link mergesChangedSince}).
 */
export function asOfContactRows(db: Database.Database) {
  const prepared = statementCache(db);
  const ordinal = db.prepare<[string], number>(`SELECT ordinal FROM view_participants WHERE id = ?`).pluck();

  /** Participant ids with their sessions as a row's blob of numbers, in the order the entries came. */
  const blobOf = (sessionsById: Map<string, number>) => {
    const ordinals: number[] = [];
    const sessions: number[] = [];
    for (const [id, count] of sessionsById) {
      const number = ordinal.get(id);
      if (number === undefined || count === 0) continue;
      ordinals.push(number);
      sessions.push(count);
    }
    return contactsBlob({ ordinals, sessions });
  };

  /** One row counted again from its entries as of `at`. */
  function recount(row: ContactsRow, at: string): ContactsRow {
    const [centreId, span, kind] = row;
    // A month 'YYYY-MM' holds its days; a day is itself.
    const [first, last] = span.length === 7 ? [`${span}-01`, `${span}-31`] : [span, span];
    const params = { centreId, first, last, asOf: at, kind };
    const sessionsById = new Map<string, number>();
    const service = SERVICE_ENTRIES[kind];
    if (service) {
      const a = alias(service.from);
      const ids = prepared(`SELECT ${a}.participant_id FROM ${service.from} WHERE ${service.counts} AND ${a}.centre_id = @centreId AND ${service.date} BETWEEN @first AND @last`)
        .pluck()
        .all(params) as string[];
      for (const id of ids) sessionsById.set(id, (sessionsById.get(id) ?? 0) + 1);
      return [centreId, span, kind, 0, blobOf(sessionsById), at];
    }
    // A workshop kind: the attendance rows standing at the instant (projections/attendance.ts), as attendanceCounts in ./as-of.ts.
    const periods = prepared(
      `SELECT w.ordinal, p.id FROM view_workshops w
         JOIN view_attendance a ON a.workshop = w.ordinal
         JOIN view_participants p ON p.ordinal = a.participant
        WHERE w.centre_id = @centreId AND w.local_date BETWEEN @first AND @last AND w.kind = @kind
          AND a.recorded_at <= @atMs AND (a.removed_at IS NULL OR a.removed_at > @atMs)`,
    )
      .raw()
      .all({ ...params, atMs: Date.parse(at) }) as [number, string][];
    const held = new Set<number>();
    for (const [workshop, participantId] of periods) {
      sessionsById.set(participantId, (sessionsById.get(participantId) ?? 0) + 1);
      held.add(workshop);
    }
    return [centreId, span, kind, held.size, blobOf(sessionsById), at];
  }

  /** The rows as they stood at `asOf`: those changed since counted again, the others as they are. */
  return (rows: readonly ContactsRow[], asOf: string): ContactsRow[] => {
    const at = asOfInstant(asOf);
    return rows.map((row) => (row[5] !== undefined && row[5] !== '' && row[5] <= at ? row : recount(row, at)));
  };
}

/** Whether a merge began or ended after the instant: then who a number counts as differs from now. */
export function mergesChangedSince(db: Database.Database) {
  const later = db.prepare<{ at: string }, number>(
    `SELECT 1 FROM view_participant_merges m, json_each(m.doc, '$.periods') AS p WHERE p.value ->> 1 > @at OR p.value ->> 2 > @at LIMIT 1`,
  ).pluck();
  return (asOf: string) => later.get({ at: asOfInstant(asOf) }) !== undefined;
}
