import type Database from 'better-sqlite3';
import type { WorkshopKind } from '../domain/workshops/events.js';
import { mergeReader } from './merges.js';

export interface Participation {
  readonly sessionsAttended: number;
  byKind: { kind: WorkshopKind; sessions: number }[];
  readonly firstAttendedOn: string | null;
  readonly lastAttendedOn: string | null;
  readonly legalConsultations: number;
}

export function participationReader(db: Database.Database) {
  const merges = mergeReader(db);
  const attended = db.prepare<{ participantId: string }, { id: string; kind: WorkshopKind; date: string }>(
    // The child's attendance rows by their number (the (participant, local_date) index), the ones standing now.
    `SELECT w.id AS id, w.kind AS kind, w.local_date AS date
       FROM view_participants p
       JOIN view_attendance a ON a.participant = p.ordinal AND a.removed_at IS NULL
       JOIN view_workshops w ON w.ordinal = a.workshop
      WHERE p.id = @participantId AND w.status = 'HELD'`,
  );
  const consultations = db.prepare<[string], { n: number }>(
    // `+active`: not an index term, so SQLite seeks the child's rows by participant_id instead of
    // walking every active consultation on the (active, date, …) index.
    `SELECT count(*) AS n FROM view_consultations WHERE participant_id = ? AND +active = 1`,
  );
  /**
   * The person's participation: of this participant and every record merged into them, each
   * workshop once. A participant merged into another answers for the person they are now.
   */
  return function participation(participantId: string): Participation {
    const keptId = db.prepare<[string], { k: string | null }>(`SELECT merged_into AS k FROM view_participants WHERE id = ?`).get(participantId)?.k;
    const records = merges.recordsOf(keptId ?? participantId);
    const workshops = new Map<string, { kind: WorkshopKind; date: string }>();
    for (const record of records) for (const row of attended.all({ participantId: record })) workshops.set(row.id, row);
    const kinds = new Map<WorkshopKind, number>();
    let first: string | null = null;
    let last: string | null = null;
    for (const { kind, date } of workshops.values()) {
      kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
      if (first === null || date < first) first = date;
      if (last === null || date > last) last = date;
    }
    return {
      sessionsAttended: workshops.size,
      byKind: [...kinds].sort(([a], [b]) => (a < b ? -1 : 1)).map(([kind, sessions]) => ({ kind, sessions })),
      firstAttendedOn: first,
      lastAttendedOn: last,
      legalConsultations: records.reduce((sum, record) => sum + (consultations.get(record)?.n ?? 0), 0),
    };
  };
}
