/**
 * The set-based probe (src/bench/set-based.ts) reports a speed only for rows it has checked equal
 * to the projection's: here, on small generated logs, its SQL must give the attendance rows the JS
 * projection gives, row for row, whatever the recordings, repeats and removals.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { attendanceAndWhatItReads, buildAttendanceBySql, differingRows, openLogForSetBuild } from '../../src/bench/set-based.js';
import { openViews } from '../../src/projection/views.js';
import type { RecordedEvent } from '../../src/store/port.js';
import { EVENTS_TABLE } from '../../src/store/sqlite.js';
import { storedEvent } from '../support/projection.js';

const TZ = 'Europe/Belgrade';
const CENTRE = '00000000-0000-4000-8000-00000000c001';
const participantId = (i: number) => `00000000-0000-4000-8000-0000000001${String(i).padStart(2, '0')}`;
const workshopId = (i: number) => `00000000-0000-4000-8000-0000000002${String(i).padStart(2, '0')}`;

type Step = { readonly kind: 'record'; readonly workshop: number; readonly children: number[] } | { readonly kind: 'remove'; readonly workshop: number; readonly child: number };

const CHILDREN = 5;
const WORKSHOPS = 3;
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('record' as const), workshop: fc.nat(WORKSHOPS - 1), children: fc.array(fc.nat(CHILDREN - 1), { minLength: 1, maxLength: 4 }) }),
  fc.record({ kind: fc.constant('remove' as const), workshop: fc.nat(WORKSHOPS - 1), child: fc.nat(CHILDREN - 1) }),
);
// Workshops start near local midnight in any season (across the clock changes), so the local date differs from the UTC one.
const startsAt = fc.integer({ min: Date.parse('2024-01-01T00:00:00Z'), max: Date.parse('2025-12-31T00:00:00Z') }).map((ms) => new Date(ms - (ms % 86_400_000) + 22 * 3_600_000 + 30 * 60_000).toISOString());

/** The log of a programme with the children and workshops registered first, then the steps, one ms apart from `from`. */
function logOf(starts: readonly string[], steps: readonly Step[], from: number): RecordedEvent[] {
  const events: RecordedEvent[] = [];
  let at = from;
  const next = <T extends Parameters<typeof storedEvent>[1]>(type: T, data: Parameters<typeof storedEvent<T>>[2]) => {
    at += 1 + (events.length % 3) * 250;
    events.push(storedEvent(events.length + 1, type, data, { recordedAt: new Date(at).toISOString(), correlationId: `c-${events.length}` }));
  };
  for (let c = 0; c < CHILDREN; c++) {
    next('ParticipantRegistered', { participantId: participantId(c), code: `NI-${c}`, centreId: CENTRE, sex: c % 2 ? 'MALE' : 'FEMALE', birthYear: 2014, group: 'RETURNEE', personal: null } as never);
  }
  starts.forEach((start, w) => next('WorkshopScheduled', { workshopId: workshopId(w), centreId: CENTRE, kind: 'OTHER', title: 'Chess', startsAt: start, durationMinutes: 60 } as never));
  for (const s of steps) {
    if (s.kind === 'record') next('AttendanceRecorded', { workshopId: workshopId(s.workshop), participantIds: s.children.map(participantId) } as never);
    else next('AttendanceRemoved', { workshopId: workshopId(s.workshop), participantId: participantId(s.child), reason: 'entered by mistake' } as never);
  }
  return events;
}

describe('the attendance rows built by SQL inside SQLite (the set-based probe)', () => {
  it('given any log of recordings, repeats and removals, when the rows are built by the SQL and by the projection, then they are the same rows in the same order', () => {
    fc.assert(
      fc.property(fc.array(startsAt, { minLength: WORKSHOPS, maxLength: WORKSHOPS }), fc.array(step, { maxLength: 40 }), fc.integer({ min: Date.parse('2025-01-01T00:00:00Z'), max: Date.parse('2026-06-01T00:00:00Z') }), (starts, steps, from) => {
        const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-set-based-'));
        try {
          const events = logOf(starts, steps, from);
          // Given: the log's table as the SQLite store keeps it.
          const log = new Database(join(dir, 'events.db'));
          log.exec(EVENTS_TABLE);
          const insert = log.prepare(`INSERT INTO events (position, id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?, ?)`);
          for (const e of events) insert.run(e.position, e.id, e.streamId, e.revision, e.type, JSON.stringify(e.data), JSON.stringify(e.metadata));
          log.close();

          // When: the projection builds the rows (as the runner applies the log) ...
          const views = openViews({ file: join(dir, 'views.db'), projections: attendanceAndWhatItReads(TZ), settings: { timeZone: TZ } });
          views.applyBatch(events, { trusted: true });
          const projected = views.db.prepare(`SELECT count(*) FROM view_attendance`).pluck().get() as number;
          views.close();
          // ... and the SQL does.
          const db = openLogForSetBuild(join(dir, 'events.db'), TZ);
          try {
            const rows = buildAttendanceBySql(db);
            // Then: the same rows, rowid for rowid.
            expect(rows).toBe(projected);
            expect(differingRows(db, join(dir, 'views.db'))).toBe(0);
          } finally {
            db.close();
          }
        } finally {
          rmSync(dir, { recursive: true, force: true });
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
