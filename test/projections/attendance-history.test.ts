import { describe, expect, it } from 'vitest';
import { participantAttendance, participantAttendanceId, quarterOf, type ParticipantAttendanceView } from '../../projections/participant-attendance.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { workshops, type WorkshopView } from '../../projections/workshops.js';
import { docOf, project, recorded } from '../support/projection.js';

const belgrade = workshops({ timeZone: 'Europe/Belgrade' });

const scheduled = (workshopId: string, startsAt = '2025-03-10T16:00:00+01:00') =>
  recorded('WorkshopScheduled', { workshopId, centreId: 'c1', kind: 'OTHER', title: 'Chess', startsAt, durationMinutes: 60 });
const attended = (workshopId: string, participantIds: string[], at: string) => recorded('AttendanceRecorded', { workshopId, participantIds }, { at });
const removed = (workshopId: string, participantId: string, at: string) =>
  recorded('AttendanceRemoved', { workshopId, participantId, reason: 'entered by mistake' }, { at });

const T1 = '2025-03-10T17:00:00.000Z';
const T2 = '2025-03-11T09:00:00.000Z';
const T3 = '2025-03-12T12:30:00.000Z';
const T4 = '2025-03-13T08:00:00.000Z';

const workshop = (events: ProjectedEvent[]) => docOf(project(belgrade, [scheduled('w1'), ...events]), 'w1');

describe("a workshop's attendance history", () => {
  it('given attendance recorded for two children, then each has one open period from the instant it was recorded', () => {
    expect(workshop([attended('w1', ['p1', 'p2'], T1)]).attendance).toStrictEqual<WorkshopView['attendance']>([
      ['p1', T1, null],
      ['p2', T1, null],
    ]);
  });

  it('given a child recorded, when removed, then the child is kept with the period closed at the removal', () => {
    const doc = workshop([attended('w1', ['p1'], T1), removed('w1', 'p1', T2)]);

    expect(doc.attendeeIds).toEqual([]);
    expect(doc.attendance).toStrictEqual([['p1', T1, T2]]);
  });

  it('given a child recorded and removed, when recorded again, then a second period opens and the first is kept', () => {
    const doc = workshop([attended('w1', ['p1'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3)]);

    expect(doc.attendeeIds).toEqual(['p1']);
    expect(doc.attendance).toStrictEqual([
      ['p1', T1, T2],
      ['p1', T3, null],
    ]);
  });

  it('given a child re-recorded, when removed a second time, then only the open period closes', () => {
    const doc = workshop([attended('w1', ['p1'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3), removed('w1', 'p1', T4)]);

    expect(doc.attendance).toStrictEqual([
      ['p1', T1, T2],
      ['p1', T3, T4],
    ]);
  });

  it('given a child attending, when recorded again, then the first period and its instant stay', () => {
    const doc = workshop([attended('w1', ['p1'], T1), attended('w1', ['p1', 'p2'], T2)]);

    expect(doc.attendance).toStrictEqual([
      ['p1', T1, null],
      ['p2', T2, null],
    ]);
    expect(doc.attendeeIds).toEqual(['p1', 'p2']);
  });

  it('given a child named twice in one recording, then it attends once', () => {
    const doc = workshop([attended('w1', ['p1', 'p1'], T1)]);

    expect(doc.attendeeIds).toEqual(['p1']);
    expect(doc.attendance).toStrictEqual([['p1', T1, null]]);
  });

  it('given a child not attending, when a removal arrives, then the workshop is unchanged', () => {
    const before = workshop([attended('w1', ['p1'], T1)]);

    expect(workshop([attended('w1', ['p1'], T1), removed('w1', 'p2', T2)])).toStrictEqual(before);
  });
});

describe("a child's attendance by quarter", () => {
  const workshopsView = (events: ProjectedEvent[]) => {
    // The workshop documents as they stand at each event, as the runner's lookup gives them.
    return (event: ProjectedEvent) => project(belgrade, events.slice(0, events.indexOf(event) + 1));
  };
  const childView = (events: ProjectedEvent[]) => project(participantAttendance, events, { views: { workshops: workshopsView(events) } });

  it('given a child at two workshops in a quarter, then the quarter lists both, in the order recorded', () => {
    const view = childView([scheduled('w1'), scheduled('w2', '2025-03-28T10:00:00+01:00'), attended('w1', ['p1', 'p2'], T1), attended('w2', ['p1'], T2)]);

    expect(docOf(view, participantAttendanceId('p1', '2025-Q1'))).toStrictEqual<ParticipantAttendanceView>({ participantId: 'p1', quarter: '2025-Q1', workshopIds: ['w1', 'w2'] });
    expect(docOf(view, participantAttendanceId('p2', '2025-Q1')).workshopIds).toEqual(['w1']);
  });

  it("given a workshop on New Year's Eve night in Belgrade, then it is filed under the local date's quarter", () => {
    const view = childView([scheduled('w1', '2025-12-31T23:30:00Z'), attended('w1', ['p1'], T1)]);

    expect([...view.keys()]).toEqual([participantAttendanceId('p1', '2026-Q1')]);
  });

  it('given a child removed from one of two workshops, then only the other stays; removed from both, the quarter is gone', () => {
    const some = [scheduled('w1'), scheduled('w2'), attended('w1', ['p1'], T1), attended('w2', ['p1'], T1), removed('w1', 'p1', T2)];
    expect(docOf(childView(some), participantAttendanceId('p1', '2025-Q1')).workshopIds).toEqual(['w2']);

    const all = [...some, removed('w2', 'p1', T3)];
    expect(childView(all).size).toBe(0);
  });

  it('given a child attending, when recorded again at the same workshop, then it is listed once', () => {
    const view = childView([scheduled('w1'), attended('w1', ['p1'], T1), attended('w1', ['p1'], T2)]);

    expect(docOf(view, participantAttendanceId('p1', '2025-Q1')).workshopIds).toEqual(['w1']);
  });

  it('given attendance at a workshop the view has never seen, then no document is written', () => {
    expect(childView([attended('w9', ['p1'], T1)]).size).toBe(0);
  });
});

describe('quarters of local dates', () => {
  it('files each month under its quarter, and quarters sort as their dates do', () => {
    const months = Array.from({ length: 12 }, (_, i) => `2025-${String(i + 1).padStart(2, '0')}-15`);
    expect(months.map(quarterOf)).toEqual(['2025-Q1', '2025-Q1', '2025-Q1', '2025-Q2', '2025-Q2', '2025-Q2', '2025-Q3', '2025-Q3', '2025-Q3', '2025-Q4', '2025-Q4', '2025-Q4']);
    expect(['2026-Q1', '2025-Q4', '2025-Q2'].sort()).toEqual(['2025-Q2', '2025-Q4', '2026-Q1']);
  });
});
