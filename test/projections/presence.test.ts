import { describe, expect, it } from 'vitest';
import { centreDayId, centreDays } from '../../projections/centre-days.js';
import { presence, presenceId } from '../../projections/presence.js';
import { workshops } from '../../projections/workshops.js';
import type { ProjectedEvent } from '../../projections/projection.js';
import { projectAll, recorded } from '../support/projection.js';

// Folded with the workshops view, in the runner's order, since both views read the workshop.
const views = (...events: ProjectedEvent[]) => projectAll([workshops({ timeZone: 'Europe/Belgrade' }), presence, centreDays], events);

const scheduled = (workshopId: string, startsAt = '2025-03-14T23:30:00Z', centreId = 'c1') =>
  recorded('WorkshopScheduled', { workshopId, centreId, kind: 'PSYCHOSOCIAL', title: 'Play', startsAt, durationMinutes: 60 });
const attended = (workshopId: string, ...participantIds: string[]) => recorded('AttendanceRecorded', { workshopId, participantIds });
const removed = (workshopId: string, participantId: string) => recorded('AttendanceRemoved', { workshopId, participantId, reason: 'ticked by mistake' });

describe('presence', () => {
  it('given attendance at a workshop late on 14 March UTC, then the children are present at its centre on the local date, 15 March', () => {
    const { presence: docs } = Object.fromEntries(views(scheduled('w1'), attended('w1', 'p1', 'p2')));
    expect([...docs!.keys()].sort()).toEqual([presenceId('p1', 'c1', '2025-03-15'), presenceId('p2', 'c1', '2025-03-15')]);
    expect(docs!.get(presenceId('p1', 'c1', '2025-03-15'))).toEqual({ participantId: 'p1', centreId: 'c1', localDate: '2025-03-15', sessions: 1 });
  });

  it('given two sessions on one day, when one tick is removed, then the child is still present; when both are, the day is gone', () => {
    const id = presenceId('p1', 'c1', '2025-03-15');
    const both = views(scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1'));
    expect(both.get('presence')!.get(id)).toMatchObject({ sessions: 2 });
    const one = views(scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1'), removed('w1', 'p1'));
    expect(one.get('presence')!.get(id)).toMatchObject({ sessions: 1 });
    const none = views(scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1'), removed('w1', 'p1'), removed('w2', 'p1'));
    expect(none.get('presence')!.has(id)).toBe(false);
  });

  it('given the same child at two centres on one day, then they are present at each', () => {
    const docs = views(scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z', 'c2'), attended('w1', 'p1'), attended('w2', 'p1')).get('presence')!;
    expect(docs.has(presenceId('p1', 'c1', '2025-03-15'))).toBe(true);
    expect(docs.has(presenceId('p1', 'c2', '2025-03-15'))).toBe(true);
  });

  it('given attendance on a workshop the views do not know, then nothing is present', () => {
    expect(views(attended('nowhere', 'p1')).get('presence')!.size).toBe(0);
  });
});

describe('centre days', () => {
  const day = centreDayId('c1', '2025-03-15');

  it('given a first attendance list, then the workshop counts as held once and each pair counts', () => {
    const docs = views(scheduled('w1'), attended('w1', 'p1', 'p2')).get('centre_days')!;
    expect(docs.get(day)).toEqual({ centreId: 'c1', localDate: '2025-03-15', attendances: 2, workshopsHeld: 1 });
  });

  it('given a later list for the same workshop, then pairs grow and the workshop is not counted again', () => {
    const docs = views(scheduled('w1'), attended('w1', 'p1'), attended('w1', 'p2', 'p3')).get('centre_days')!;
    expect(docs.get(day)).toMatchObject({ attendances: 3, workshopsHeld: 1 });
  });

  it('given its last attendee removed, then the workshop no longer counts as held; ticked again, it does', () => {
    expect(views(scheduled('w1'), attended('w1', 'p1', 'p2'), removed('w1', 'p1')).get('centre_days')!.get(day)).toMatchObject({ attendances: 1, workshopsHeld: 1 });
    expect(views(scheduled('w1'), attended('w1', 'p1'), removed('w1', 'p1')).get('centre_days')!.get(day)).toMatchObject({ attendances: 0, workshopsHeld: 0 });
    expect(views(scheduled('w1'), attended('w1', 'p1'), removed('w1', 'p1'), attended('w1', 'p2')).get('centre_days')!.get(day)).toMatchObject({ attendances: 1, workshopsHeld: 1 });
  });

  it('given two workshops on one day, then both count', () => {
    const docs = views(scheduled('w1'), scheduled('w2', '2025-03-15T10:00:00Z'), attended('w1', 'p1'), attended('w2', 'p1', 'p2')).get('centre_days')!;
    expect(docs.get(day)).toMatchObject({ attendances: 3, workshopsHeld: 2 });
  });
});
