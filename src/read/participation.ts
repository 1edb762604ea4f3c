import type Database from 'better-sqlite3';
import type { WorkshopKind } from '../domain/workshops/events.js';

export interface Participation {
  readonly sessionsAttended: number;
  byKind: { kind: WorkshopKind; sessions: number }[];
  readonly firstAttendedOn: string | null;
  readonly lastAttendedOn: string | null;
  readonly legalConsultations: number;
}

export function participationReader(db: Database.Database) {
  const byKind = db.prepare<{ participantId: string }, { kind: WorkshopKind; sessions: number; first: string; last: string }>(
    // The child's quarters are one range of ids (participant:quarter), read in order.
    `SELECT w.kind AS kind, count(*) AS sessions, min(w.local_date) AS first, max(w.local_date) AS last
       FROM view_participant_attendance y
       JOIN json_each(y.doc, '$.workshopIds') AS attended
       JOIN view_workshops w ON w.id = attended.value
      WHERE y.id > @participantId || ':' AND y.id < @participantId || ';' AND w.status = 'HELD'
      GROUP BY w.kind ORDER BY w.kind`,
  );
  const consultations = db.prepare<[string], { n: number }>(
    // `+active`: not an index term, so SQLite seeks the child's rows by participant_id instead of
    // walking every active consultation on the (active, date, …) index.
    `SELECT count(*) AS n FROM view_consultations WHERE participant_id = ? AND +active = 1`,
  );
  return function participation(participantId: string): Participation {
    const kinds = byKind.all({ participantId });
    const firsts = kinds.map((k) => k.first).sort();
    const lasts = kinds.map((k) => k.last).sort();
    return {
      sessionsAttended: kinds.reduce((sum, k) => sum + k.sessions, 0),
      byKind: kinds.map(({ kind, sessions }) => ({ kind, sessions })),
      firstAttendedOn: firsts[0] ?? null,
      lastAttendedOn: lasts[lasts.length - 1] ?? null,
      legalConsultations: consultations.get(participantId)?.n ?? 0,
    };
  };
}
