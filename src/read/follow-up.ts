import type Database from 'better-sqlite3';
import { dayNumber } from '../../projections/attendance.js';
import type { ParticipantView } from '../../projections/participants.js';
import { addDays, yearOf } from '../domain/shared/time.js';

export interface FollowUpQuery {
  readonly centreId: string;
  /** The day the list is for (a local date). */
  readonly on: string;
  readonly minSessions: number;
  readonly regularWeeks: number;
  readonly absentWeeks: number;
}

export interface FollowUp {
  readonly participant: ParticipantView;
  /** Sessions attended in the regular window. */
  readonly sessions: number;
  readonly lastAttendedOn: string;
}

/** The windows of a follow-up list: both end on `on`, both included, as 7-day windows do elsewhere. */
export function followUpWindows(query: Pick<FollowUpQuery, 'on' | 'regularWeeks' | 'absentWeeks'>) {
  return {
    regularFrom: addDays(query.on, -7 * query.regularWeeks + 1),
    absentFrom: addDays(query.on, -7 * query.absentWeeks + 1),
  };
}

/**
 * Children who were coming regularly and have stopped: participants registered at the centre,
 * under 18 at `on` (its year minus their birth year, as in breakdowns), with at least
 * `minSessions` sessions (at any centre) in the `regularWeeks`·7 days ending on `on` and none in
 * the last `absentWeeks`·7 days ending on `on`. Longest absent first.
 */
export function followUpReader(db: Database.Database) {
  const statement = db.prepare<Record<string, string | number>, { doc: string; sessions: number; last: string }>(
    // A person is one participant with the sessions of every record merged into them (src/read/merges.ts).
    `SELECT p.doc AS doc, count(DISTINCT w.id) AS sessions, max(w.local_date) AS last
       FROM view_participants p
       JOIN view_participants r ON r.id = p.id OR r.merged_into = p.id
       JOIN view_attendance a ON a.participant = r.ordinal AND a.local_date BETWEEN @regularFromDay AND @onDay AND a.removed_at IS NULL
       JOIN view_workshops w ON w.ordinal = a.workshop AND w.status = 'HELD'
      WHERE p.centre_id = @centreId AND p.merged_into IS NULL AND @year - p.birth_year < 18
      GROUP BY p.id
     HAVING count(DISTINCT w.id) >= @minSessions AND max(w.local_date) < @absentFrom
      ORDER BY last, p.code`,
  );
  return function followUp(query: FollowUpQuery): FollowUp[] {
    const { regularFrom, absentFrom } = followUpWindows(query);
    return statement
      .all({ centreId: query.centreId, year: yearOf(query.on), regularFromDay: dayNumber(regularFrom), onDay: dayNumber(query.on), absentFrom, minSessions: query.minSessions })
      .map((row) => ({ participant: JSON.parse(row.doc) as ParticipantView, sessions: row.sessions, lastAttendedOn: row.last }));
  };
}
