/**
 * A probe, not a product path: what a set-based rebuild inside SQLite would give for the hottest
 * view, the attendance rows (projections/attendance.ts). The view is built twice from the same log:
 *
 * - by the JS projection, as `npm run rebuild` builds it (the runner in bulk mode, with the views
 *   it looks up: the participants and workshops and their numbers);
 * - by INSERT … SELECT over the log's table, reading the events' JSON with SQLite's JSON functions
 *   and pairing each child's recordings and removals at a workshop with window functions;
 *
 * then checked row for row (rowid included) and timed. Section 8 of `npm run bench`, or alone:
 * `npx tsx src/bench/set-based.ts [DATA_DIR]`.
 *
 * Why the rows can be set-based: the attendance state of a child at a workshop after an event
 * depends only on that event (recorded: attending; removed: not), so a recording opens a row
 * exactly when the child's previous event there was none or a removal, and a removal closes the
 * open row exactly when the previous one was a recording. The local date of a workshop needs the
 * time zone's rules, which SQLite does not have: a JS function, called once per workshop; the rest
 * is SQL.
 */
import { rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { attendance, dayNumber } from '../../projections/attendance.js';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants } from '../../projections/participants.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops } from '../../projections/workshops.js';
import { localDateOf } from '../domain/shared/time.js';
import { openViews } from '../projection/views.js';
import { createSqliteEventStore } from '../store/sqlite.js';

/** The statements, in order, that build `temp.set_attendance` from `events` (the log's table). */
export const attendanceStatements = [
  `CREATE TEMP TABLE set_workshops (id TEXT PRIMARY KEY, ordinal INTEGER NOT NULL, local_date INTEGER NOT NULL) WITHOUT ROWID`,
  // A workshop's number is its place in scheduling order (projections/workshop-numbers.ts).
  `INSERT INTO set_workshops
     SELECT data ->> '$.workshopId', row_number() OVER (ORDER BY position) - 1, local_day(data ->> '$.startsAt')
     FROM events WHERE type = 'WorkshopScheduled'`,
  `CREATE TEMP TABLE set_participants (id TEXT PRIMARY KEY, ordinal INTEGER NOT NULL) WITHOUT ROWID`,
  `INSERT INTO set_participants
     SELECT data ->> '$.participantId', row_number() OVER (ORDER BY position) - 1
     FROM events WHERE type = 'ParticipantRegistered'`,
  `CREATE TEMP TABLE set_attendance (participant INTEGER, workshop INTEGER, local_date INTEGER, recorded_at INTEGER, removed_at INTEGER)`,
  // Every recording (one per child named, in the order named) and removal, in log order; a
  // recording opens a period when the child was not attending, a removal closes one when they were.
  `INSERT INTO set_attendance (participant, workshop, local_date, recorded_at, removed_at)
   WITH marks AS (
     SELECT e.position, j.key AS k, e.data ->> '$.workshopId' AS workshop_id, j.value AS participant_id, 1 AS recorded, e.metadata ->> '$.recordedAt' AS at
       FROM events e, json_each(e.data, '$.participantIds') j
      WHERE e.type = 'AttendanceRecorded'
     UNION ALL
     SELECT position, 0, data ->> '$.workshopId', data ->> '$.participantId', 0, metadata ->> '$.recordedAt'
       FROM events WHERE type = 'AttendanceRemoved'
   ),
   flagged AS (
     SELECT *, lag(recorded) OVER (PARTITION BY workshop_id, participant_id ORDER BY position, k) AS before FROM marks
   ),
   effective AS (
     SELECT * FROM flagged WHERE (recorded = 1 AND (before IS NULL OR before = 0)) OR (recorded = 0 AND before = 1)
   ),
   periods AS (
     SELECT *, lead(at) OVER (PARTITION BY workshop_id, participant_id ORDER BY position, k) AS ended FROM effective
   )
   SELECT p.ordinal, w.ordinal, w.local_date, CAST(round(unixepoch(periods.at, 'subsec') * 1000) AS INTEGER), CAST(round(unixepoch(periods.ended, 'subsec') * 1000) AS INTEGER)
     FROM periods
     JOIN set_workshops w ON w.id = periods.workshop_id
     JOIN set_participants p ON p.id = periods.participant_id
    WHERE periods.recorded = 1
    ORDER BY periods.position, periods.k`,
  `CREATE INDEX temp.set_attendance_workshop ON set_attendance (workshop)`,
  `CREATE INDEX temp.set_attendance_participant ON set_attendance (participant, local_date)`,
] as const;

/** A read-only connection to the log with the functions the statements call; results go to temporary tables. */
export function openLogForSetBuild(eventsFile: string, timeZone: string): Database.Database {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  db.pragma('temp_store = FILE');
  db.pragma('cache_size = -262144');
  db.function('local_day', { deterministic: true }, (startsAt: unknown) => dayNumber(localDateOf(String(startsAt), timeZone)));
  return db;
}

/** Builds temp.set_attendance on `db` (see openLogForSetBuild); returns its rows. */
export function buildAttendanceBySql(db: Database.Database): number {
  db.transaction(() => {
    for (const statement of attendanceStatements) db.exec(statement);
  })();
  return (db.prepare(`SELECT count(*) FROM set_attendance`).pluck().get() as number);
}

/** The views the JS attendance rows need, in the runner's order (projections/index.ts). */
export const attendanceAndWhatItReads = (timeZone: string) => [participantNumbers, participants, workshopNumbers, attendance, workshops({ timeZone })];

/** Builds the attendance rows (and what they read) into a new views file with the JS projections, as `npm run rebuild` does. */
export async function buildAttendanceByProjection(eventsFile: string, viewsFile: string, timeZone: string, options: { withoutAttendance?: boolean } = {}): Promise<{ events: number; rows: number }> {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${viewsFile}${suffix}`, { force: true });
  const store = createSqliteEventStore({ file: eventsFile, groupCommit: false });
  const projections = attendanceAndWhatItReads(timeZone).filter((view) => !(options.withoutAttendance && view === attendance));
  const views = openViews({ file: viewsFile, projections, settings: { timeZone }, synchronous: 'NORMAL', cachedDocuments: 50_000 });
  try {
    views.beginBulk({ disposableFile: true });
    let position = 0n;
    let events = 0;
    for (;;) {
      const batch = await store.readAll(position, 50_000);
      if (batch.length === 0) break;
      views.applyBatch(batch, { trusted: store.appendsOnlyFromLedger === true });
      events += batch.length;
      position = batch[batch.length - 1]!.position;
    }
    views.endBulk();
    return { events, rows: options.withoutAttendance ? 0 : (views.db.prepare(`SELECT count(*) FROM view_attendance`).pluck().get() as number) };
  } finally {
    views.close();
    await store.close();
  }
}

/** Rows of the two builds that differ, compared by rowid and every column (0: the same rows in the same order). */
export function differingRows(db: Database.Database, viewsFile: string): number {
  db.prepare(`ATTACH ? AS projected`).run(viewsFile);
  try {
    const columns = ['participant', 'workshop', 'local_date', 'recorded_at', 'removed_at'];
    const differ = columns.map((c) => `a.${c} IS NOT b.${c}`).join(' OR ');
    const one = (from: string, to: string) =>
      db.prepare(`SELECT count(*) FROM ${from} a LEFT JOIN ${to} b ON b.rowid = a.rowid WHERE b.rowid IS NULL OR ${differ}`).pluck().get() as number;
    return one('temp.set_attendance', 'projected.view_attendance') + one('projected.view_attendance', 'temp.set_attendance');
  } finally {
    db.exec(`DETACH projected`);
  }
}

export interface SetBasedFigures {
  readonly events: number;
  readonly rows: number;
  /** Seconds and events/s of the log: the JS projections (attendance and the four views it reads), and the SQL. */
  readonly projection: { readonly seconds: number; readonly eventsPerSecond: number };
  readonly sql: { readonly seconds: number; readonly eventsPerSecond: number };
  /** The same JS build without the attendance rows: what the rows themselves cost is the difference. */
  readonly withoutAttendance: { readonly seconds: number };
  readonly differing: number;
}

/** Both builds of the attendance rows from the log in `dataDir` (read only), into scratch files beside `scratchDir`. */
export async function measureSetBased(dataDir: string, scratchDir: string, timeZone: string): Promise<SetBasedFigures> {
  const eventsFile = join(dataDir, 'events.db');
  const viewsFile = join(scratchDir, 'set-based-projected.db');
  try {
    let started = performance.now();
    await buildAttendanceByProjection(eventsFile, viewsFile, timeZone, { withoutAttendance: true });
    const withoutSeconds = (performance.now() - started) / 1000;
    started = performance.now();
    const { events, rows } = await buildAttendanceByProjection(eventsFile, viewsFile, timeZone);
    const projectionSeconds = (performance.now() - started) / 1000;
    const db = openLogForSetBuild(eventsFile, timeZone);
    try {
      started = performance.now();
      const sqlRows = buildAttendanceBySql(db);
      const sqlSeconds = (performance.now() - started) / 1000;
      const differing = differingRows(db, viewsFile) + Math.abs(sqlRows - rows);
      return {
        events,
        rows,
        projection: { seconds: projectionSeconds, eventsPerSecond: events / projectionSeconds },
        sql: { seconds: sqlSeconds, eventsPerSecond: events / sqlSeconds },
        withoutAttendance: { seconds: withoutSeconds },
        differing,
      };
    } finally {
      db.close();
    }
  } finally {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${viewsFile}${suffix}`, { force: true });
  }
}

// `npx tsx src/bench/set-based.ts [DATA_DIR]`: the probe alone, on a log (the cached 1M one by default).
if (import.meta.url === `file://${process.argv[1]}`) {
  const { benchDir, cachedLog, TZ } = await import('./logs.js');
  const dir = process.argv[2] ? resolve(process.argv[2]) : await cachedLog(1_000_000);
  const f = await measureSetBased(dir, benchDir, TZ);
  console.log(
    `attendance rows from ${f.events} events: ${f.rows} rows; JS projection ${f.projection.seconds.toFixed(1)} s (${Math.round(f.projection.eventsPerSecond)} events/s), ` +
      `the same without the rows ${f.withoutAttendance.seconds.toFixed(1)} s, SQL ${f.sql.seconds.toFixed(1)} s (${Math.round(f.sql.eventsPerSecond)} events/s); rows that differ: ${f.differing}`,
  );
}
