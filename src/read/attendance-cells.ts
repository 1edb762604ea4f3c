import type Database from 'better-sqlite3';
import { attendanceCounts, attendancePairs, attendee } from './as-of.js';
import { centreCondition, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';
import { ageGroupSql } from './reporting.js';
import { suppressedCells } from './suppression.js';

export const attendanceCellColumns = ['date', 'centre', 'kind', 'sex', 'age_group', 'group', 'attendances'] as const;

/** One cell of the shareable attendance table: no codes, its count null when suppressed. */
export interface AttendanceCell {
  readonly date: string;
  readonly centre: string;
  readonly kind: string;
  readonly sex: string;
  readonly age_group: string;
  readonly group: string;
  readonly attendances: number | null;
}

/**
 * The period's attendance pairs (the ones the summary counts) as cells of date, centre, kind, sex,
 * age group and group, with small cells suppressed as ./suppression.ts says: a copy to share.
 */
export function attendanceCellReader(db: Database.Database) {
  return function attendanceCells(scope: CentreScope, period: Period): AttendanceCell[] {
    const rows = db
      .prepare(
        `SELECT w.local_date AS date, c.name AS centre, w.kind AS kind, p.sex AS sex, ${ageGroupSql} AS age_group, p.grp AS "group",
                count(*) AS attendances
           FROM view_workshops w
           JOIN ${attendancePairs}
           JOIN view_participants p ON p.id = ${attendee}
           JOIN view_centres c ON c.id = w.centre_id
          WHERE ${attendanceCounts(false)}
            AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}
          GROUP BY 1, 2, 3, 4, 5, 6
          ORDER BY 1, 2, 3, 4, 5, 6`,
      )
      .all(scopeParams(scope, period)) as (Omit<AttendanceCell, 'attendances'> & { attendances: number })[];
    const suppressed = suppressedCells(
      rows.map((row) => [row.date, row.centre, row.kind, row.sex, row.age_group, row.group]),
      rows.map((row) => row.attendances),
    );
    return rows.map((row, index) => ({ ...row, attendances: suppressed[index] ? null : row.attendances }));
  };
}
