import { describe, expect, it } from 'vitest';
import { attendance, attendanceId, type AttendanceView } from '../../projections/attendance.js';
import { columnsOf, docOf, project, recorded } from '../support/projection.js';

const attended = (workshopId: string, participantIds: string[], at: string) => recorded('AttendanceRecorded', { workshopId, participantIds }, { at });
const removed = (workshopId: string, participantId: string, at: string) =>
  recorded('AttendanceRemoved', { workshopId, participantId, reason: 'entered by mistake' }, { at });

const T1 = '2025-03-10T17:00:00.000Z';
const T2 = '2025-03-11T09:00:00.000Z';
const T3 = '2025-03-12T12:30:00.000Z';
const T4 = '2025-03-13T08:00:00.000Z';

describe('attendance view', () => {
  it('given attendance recorded for two participants, then there is one attending pair per participant, each with an open period', () => {
    const view = project(attendance, [attended('w1', ['p1', 'p2'], T1)]);

    expect([...view.keys()].sort()).toEqual(['w1:p1', 'w1:p2']);
    expect(docOf(view, attendanceId('w1', 'p2'))).toStrictEqual<AttendanceView>({
      workshopId: 'w1',
      participantId: 'p2',
      attending: true,
      periods: [{ recordedAt: T1, removedAt: null }],
    });
    expect(columnsOf(attendance, docOf(view, 'w1:p1'))).toStrictEqual({ workshop_id: 'w1', participant_id: 'p1', attending: 1 });
  });

  it('given a pair recorded, when it is removed, then it is kept but not attending, and its period ends at the removal', () => {
    const view = project(attendance, [attended('w1', ['p1'], T1), removed('w1', 'p1', T2)]);
    const doc = docOf(view, 'w1:p1');

    expect(doc).toStrictEqual<AttendanceView>({
      workshopId: 'w1',
      participantId: 'p1',
      attending: false,
      periods: [{ recordedAt: T1, removedAt: T2 }],
    });
    expect(attendance.columns['attending']!.value(doc)).toBe(0);
  });

  it('given a pair recorded and removed, when it is recorded again, then it attends again with a second period and the first kept', () => {
    const view = project(attendance, [attended('w1', ['p1'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3)]);
    const doc = docOf(view, 'w1:p1');

    expect(doc.attending).toBe(true);
    expect(doc.periods).toEqual([
      { recordedAt: T1, removedAt: T2 },
      { recordedAt: T3, removedAt: null },
    ]);
    expect(attendance.columns['attending']!.value(doc)).toBe(1);
  });

  it('given a pair re-recorded, when it is removed a second time, then only the open period is closed', () => {
    const view = project(attendance, [attended('w1', ['p1'], T1), removed('w1', 'p1', T2), attended('w1', ['p1'], T3), removed('w1', 'p1', T4)]);

    expect(docOf(view, 'w1:p1')).toMatchObject({
      attending: false,
      periods: [
        { recordedAt: T1, removedAt: T2 },
        { recordedAt: T3, removedAt: T4 },
      ],
    });
  });

  it('given a pair attending, when it is recorded again, then nothing changes: the first period and its instant stay', () => {
    const view = project(attendance, [attended('w1', ['p1'], T1), attended('w1', ['p1', 'p2'], T2)]);

    expect(docOf(view, 'w1:p1').periods).toEqual([{ recordedAt: T1, removedAt: null }]);
    expect(docOf(view, 'w1:p2').periods).toEqual([{ recordedAt: T2, removedAt: null }]);
  });

  it('given two attendees, when one is removed, then the other pair is untouched', () => {
    const view = project(attendance, [attended('w1', ['p1', 'p2'], T1), removed('w1', 'p1', T2)]);

    expect(docOf(view, 'w1:p1').attending).toBe(false);
    expect(docOf(view, 'w1:p2')).toStrictEqual<AttendanceView>({ workshopId: 'w1', participantId: 'p2', attending: true, periods: [{ recordedAt: T1, removedAt: null }] });
  });

  it('given one participant at two workshops, when removed from one, then the pair of the other workshop still attends', () => {
    const view = project(attendance, [attended('w1', ['p1'], T1), attended('w2', ['p1'], T1), removed('w2', 'p1', T2)]);

    expect(columnsOf(attendance, docOf(view, 'w1:p1'))).toStrictEqual({ workshop_id: 'w1', participant_id: 'p1', attending: 1 });
    expect(columnsOf(attendance, docOf(view, 'w2:p1'))).toStrictEqual({ workshop_id: 'w2', participant_id: 'p1', attending: 0 });
  });

  it('given no pair, when a removal arrives, then no document is created', () => {
    expect(project(attendance, [removed('w1', 'p1', T2)]).size).toBe(0);
  });

  it('given events of other areas, then the attendance view ignores them', () => {
    const view = project(attendance, [
      recorded('WorkshopScheduled', { workshopId: 'w1', centreId: 'c1', kind: 'OTHER', title: 'Chess', startsAt: '2025-03-10T16:00:00+01:00', durationMinutes: 60 }),
      recorded('WorkshopCancelled', { workshopId: 'w1', reason: 'no room' }),
    ]);

    expect(view.size).toBe(0);
  });
});
