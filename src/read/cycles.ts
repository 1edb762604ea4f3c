import type Database from 'better-sqlite3';
import type { CycleView } from '../../projections/cycles.js';
import type { WorkshopView } from '../../projections/workshops.js';
import { hasCompleted } from '../domain/cycles/decider.js';
import { yearOf } from '../domain/shared/time.js';
import { attendanceCounts, attendancePairs, attendee } from './as-of.js';
import { countedAs } from './merges.js';
import { centreCondition, documentReader, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';

export interface CycleParticipant {
  readonly participantId: string;
  /** The cycle's held sessions this participant attended. */
  readonly sessionsAttended: number;
  /** Attended at least 70% of the cycle's held sessions. */
  readonly completed: boolean;
}

export interface CycleProgress {
  /** The cycle's workshops that are HELD (not cancelled, at least one attendee). */
  readonly sessionsHeld: number;
  /** Those with at least one attendance in the cycle's sessions, by code. */
  readonly participants: readonly CycleParticipant[];
  /** Completed participants / participants; null when there are none. */
  readonly completionRate: number | null;
}

export interface CycleCompletion {
  /** Participants under 18 at the cycle's end, counted once per cycle they took part in. */
  readonly participants: number;
  readonly completed: number;
  /** completed / participants; null when there are none. */
  readonly rate: number | null;
}

const ADULT_AGE = 18;

/** Cycles and their progress, from the cycles view and the sessions (workshops) that name them. */
export function cycleReader(db: Database.Database) {
  const cycles = documentReader<CycleView>(db, 'cycles');
  const cycleOfWorkshop = db.prepare<[string], { cycleId: string }>(`SELECT cycle_id AS cycleId FROM view_cycle_sessions WHERE id = ?`);
  const sessions = db.prepare<[string], { doc: string }>(
    `SELECT w.doc FROM view_workshops w JOIN view_cycle_sessions s ON s.id = w.id WHERE s.cycle_id = ? ORDER BY w.starts_at, w.id`,
  );
  const held = db.prepare<[string], { n: number }>(
    `SELECT count(*) AS n FROM view_cycle_sessions s JOIN view_workshops w ON w.id = s.id WHERE s.cycle_id = ? AND w.status = 'HELD'`,
  );
  const attended = db.prepare<[string], { participantId: string; sessions: number }>(
    // A person merged from two records counts once, with the sessions of both (src/read/merges.ts).
    `SELECT p.id AS participantId, count(DISTINCT w.id) AS sessions
       FROM view_cycle_sessions s
       JOIN view_workshops w ON w.id = s.id
       JOIN ${attendancePairs}
       JOIN view_participants p ON p.id = ${countedAs(attendee, false)}
      WHERE s.cycle_id = ? AND ${attendanceCounts(false)}
      GROUP BY p.id
      ORDER BY min(p.code), p.id`,
  );

  function progress(cycleId: string): CycleProgress {
    const sessionsHeld = held.get(cycleId)?.n ?? 0;
    const participants = attended
      .all(cycleId)
      .map(({ participantId, sessions: n }) => ({ participantId, sessionsAttended: n, completed: hasCompleted(n, sessionsHeld) }));
    const completed = participants.filter((p) => p.completed).length;
    return { sessionsHeld, participants, completionRate: participants.length === 0 ? null : completed / participants.length };
  }

  return {
    cycle: (id: string) => cycles.get(id),
    /** The cycle a workshop is a session of, if any. */
    cycleIdOfWorkshop: (workshopId: string) => cycleOfWorkshop.get(workshopId)?.cycleId,
    /** Cycles at the centres in scope that overlap the period (a missing bound is open), by start. */
    cyclesAtCentres: (scope: CentreScope, period: Period) =>
      cycles.where(
        `${centreCondition('centre_id', scope)} AND (@to IS NULL OR starts_on <= @to) AND (@from IS NULL OR ends_on >= @from)`,
        scopeParams(scope, period),
        'starts_on, id',
      ),
    sessionsOf: (cycleId: string) => sessions.all(cycleId).map((row) => JSON.parse(row.doc) as WorkshopView),
    progress,

    /**
     * CYCLE_COMPLETION: over the cycles at the centres in scope whose endsOn lies in the period,
     * participants under 18 (the year of endsOn minus the birth year) who completed, out of
     * participants under 18. A child in two such cycles counts in each.
     */
    cycleCompletion(scope: CentreScope, period: Period): CycleCompletion {
      const ending = db
        .prepare(`SELECT id, ends_on AS endsOn FROM view_cycles WHERE ${centreCondition('centre_id', scope)} AND ${periodCondition('ends_on')}`)
        .all(scopeParams(scope, period)) as { id: string; endsOn: string }[];
      const birthYears = db.prepare<[string], { birthYear: number }>(`SELECT birth_year AS birthYear FROM view_participants WHERE id = ?`);
      let participants = 0;
      let completed = 0;
      for (const cycle of ending) {
        for (const participant of progress(cycle.id).participants) {
          const birthYear = birthYears.get(participant.participantId)?.birthYear;
          if (birthYear === undefined || yearOf(cycle.endsOn) - birthYear >= ADULT_AGE) continue;
          participants += 1;
          if (participant.completed) completed += 1;
        }
      }
      return { participants, completed, rate: participants === 0 ? null : completed / participants };
    },
  };
}

export type CycleReader = ReturnType<typeof cycleReader>;
