import { describe, expect, it } from 'vitest';
import { attendance, dateOfDay, dayNumber } from '../../projections/attendance.js';
import { participantNumbers } from '../../projections/participant-numbers.js';
import { participants } from '../../projections/participants.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops } from '../../projections/workshops.js';
import { projectAll, recorded, registeredChildren } from '../support/projection.js';

// The runner's order: numbers and participants, then the rows, then the workshops they read as they were.
const views = [participantNumbers, participants, workshopNumbers, attendance, workshops({ timeZone: 'Europe/Belgrade' })];

const scheduled = (workshopId: string, startsAt = '2025-03-10T16:00:00+01:00') =>
  recorded('WorkshopScheduled', { workshopId, centreId: 'c1', kind: 'OTHER', title: 'Chess', startsAt, durationMinutes: 60 });
const attended = (workshopId: string, participantIds: string[], at: string) => recorded('AttendanceRecorded', { workshopId, participantIds }, { at });
const removed = (workshopId: string, participantId: string, at: string) =>
  recorded('AttendanceRemoved', { workshopId, participantId, reason: 'entered by mistake' }, { at });

const T1 = '2025-03-10T17:00:00.000Z';
const T2 = '2025-03-11T09:00:00.000Z';
const T3 = '2025-03-12T12:30:00.000Z';
const ms = Date.parse;

/** Children p1, p2, p3 (numbers 0, 1, 2) and workshops w1, w2 (numbers 0, 1), then the events. */
const rowsAfter = (...events: ProjectedEvent[]) =>
  [...projectAll(views, [...registeredChildren('c1', 'p1', 'p2', 'p3'), scheduled('w1'), scheduled('w2', '2025-12-31T23:30:00Z'), ...events]).get('attendance')!.values()];

/** Who attended workshop `workshop` at instant `at`, as the as-of reports count them. */
const standingAt = (rows: ReturnType<typeof rowsAfter>, workshop: number, at: string) =>
  rows
    .filter((row) => (row as { workshop: number }).workshop === workshop)
    .filter((row) => {
      const { recorded_at, removed_at } = row as { recorded_at: number; removed_at: number | null };
      return recorded_at <= ms(at) && (removed_at === null || removed_at > ms(at));
    })
    .map((row) => (row as { participant: number }).participant);

describe('attendance rows', () => {
  it('given two children recorded at a workshop, then each has a row with their number, the workshop, its local date and the instant, open', () => {
    expect(rowsAfter(attended('w1', ['p1', 'p2'], T1))).toStrictEqual([
      { participant: 0, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T1), removed_at: null },
      { participant: 1, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T1), removed_at: null },
    ]);
  });

  it("given a workshop on New Year's Eve night in Belgrade, then its rows carry the local date, in the next year", () => {
    const [row] = rowsAfter(attended('w2', ['p1'], T1)) as { local_date: number }[];
    expect(dateOfDay(row!.local_date)).toBe('2026-01-01');
  });

  it('given a child removed then recorded again, then both periods are kept: the first closed at the removal, the second open', () => {
    const rows = rowsAfter(attended('w1', ['p1', 'p2'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3));

    expect(rows.filter((row) => (row as { participant: number }).participant === 0)).toStrictEqual([
      { participant: 0, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T1), removed_at: ms(T2) },
      { participant: 0, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T3), removed_at: null },
    ]);
  });

  it('given a child removed, when counted as of an instant before the removal, then the child counts; between removal and re-recording, not', () => {
    const rows = rowsAfter(attended('w1', ['p1', 'p2'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3));

    expect(standingAt(rows, 0, '2025-03-10T23:00:00.000Z')).toEqual([0, 1]);
    expect(standingAt(rows, 0, '2025-03-11T10:00:00.000Z')).toEqual([1]);
    expect(standingAt(rows, 0, T3).sort()).toEqual([0, 1]);
  });

  it('given a child attending, when recorded again or named twice, then it keeps one row with its first instant', () => {
    expect(rowsAfter(attended('w1', ['p1', 'p1'], T1), attended('w1', ['p1', 'p3'], T2))).toStrictEqual([
      { participant: 0, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T1), removed_at: null },
      { participant: 2, workshop: 0, local_date: dayNumber('2025-03-10'), recorded_at: ms(T2), removed_at: null },
    ]);
  });

  it('given a removal of a child not attending, or at a workshop never scheduled, then no row changes', () => {
    const before = rowsAfter(attended('w1', ['p1'], T1));
    expect(rowsAfter(attended('w1', ['p1'], T1), removed('w1', 'p2', T2), removed('w9', 'p1', T2), attended('w9', ['p1'], T2))).toStrictEqual(before);
  });

  it('given a child removed from one workshop, then their row at the other stays open', () => {
    const rows = rowsAfter(attended('w1', ['p1'], T1), attended('w2', ['p1'], T1), removed('w1', 'p1', T2));
    expect(rows.map((row) => (row as { removed_at: number | null }).removed_at)).toEqual([ms(T2), null]);
  });
});
