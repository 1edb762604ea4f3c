import { describe, expect, it } from 'vitest';
import type { ProjectedEvent } from '../../projections/projection.js';
import { workshopNumbers } from '../../projections/workshop-numbers.js';
import { workshops, type WorkshopView } from '../../projections/workshops.js';
import { docOf, projectAll, recorded } from '../support/projection.js';

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

const workshop = (events: ProjectedEvent[]) =>
  docOf(projectAll([workshopNumbers, belgrade], [scheduled('w1'), ...events]).get('workshops') as Map<string, WorkshopView>, 'w1');

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
