import Database from 'better-sqlite3';
import { centreCondition, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';
import { attendanceCounts, attendancePairs, attendee } from './as-of.js';
import { countedAs } from './merges.js';
import { ageGroupSql } from './reporting.js';

/** One attendance pair as exported: codes and categories only, never a person's name. */
export interface AttendanceExportRow {
  readonly date: string;
  readonly centre: string;
  readonly district: string;
  readonly workshop: string;
  readonly kind: string;
  readonly participant_code: string;
  readonly sex: string;
  readonly age_group: string;
  readonly group: string;
}

export const attendanceExportColumns = ['date', 'centre', 'district', 'workshop', 'kind', 'participant_code', 'sex', 'age_group', 'group'] as const;

/**
 * The attendance pairs of a period (the same pairs the summary counts), one row at a time.
 *
 * The rows come from `statement.iterate()` on a read-only connection of their own: an export may
 * wait on a slow client for a long time, and an open iterator on the views' own connection would
 * stop the projection runner from writing to it. The separate connection reads one snapshot (WAL),
 * so the file is consistent, while the views go on advancing. The connection closes when the
 * iteration ends or is abandoned (`return()`).
 */
export function attendanceExportReader(db: Database.Database) {
  const sql = (scope: CentreScope) => `
    SELECT w.local_date AS date, c.name AS centre, c.district AS district, w.doc ->> '$.title' AS workshop, w.kind AS kind,
           p.code AS participant_code, p.sex AS sex, ${ageGroupSql} AS age_group, p.grp AS "group"
      FROM view_workshops w
      JOIN ${attendancePairs}
      JOIN view_participants p ON p.id = ${countedAs(attendee, false)}
      JOIN view_centres c ON c.id = w.centre_id
     WHERE ${attendanceCounts(false)}
       AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}
     ORDER BY w.local_date, w.starts_at, c.name, w.id, p.code`;

  return function* attendanceRows(scope: CentreScope, period: Period): Generator<AttendanceExportRow, void, undefined> {
    // An in-memory database (tests) has no file to open twice; it is read on its own connection.
    const reader = db.memory ? db : new Database(db.name, { readonly: true, fileMustExist: true });
    try {
      if (reader !== db) reader.pragma('busy_timeout = 5000');
      yield* reader.prepare(sql(scope)).iterate(scopeParams(scope, period)) as IterableIterator<AttendanceExportRow>;
    } finally {
      if (reader !== db) reader.close();
    }
  };
}
