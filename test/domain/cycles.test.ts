import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as cycles from '../../src/domain/cycles/decider.js';
import type { CycleEvent } from '../../src/domain/cycles/events.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import * as workshops from '../../src/domain/workshops/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

/** 2025-03-14 in Belgrade (UTC+1 in March). */
const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const context: cycles.CycleContext = { clock, centre };

const scheduleData: cycles.ScheduleCycle = {
  cycleId: 'y1',
  centreId: 'c1',
  kind: 'PSYCHOSOCIAL',
  title: 'Spring group, 8–10 years',
  plannedSessions: 10,
  startsOn: '2025-03-01',
  endsOn: '2025-05-31',
};
const schedule = (data: Partial<cycles.ScheduleCycle> = {}): cycles.CycleCommand => ({ type: 'ScheduleCycle', data: { ...scheduleData, ...data } });
const scheduled = (data: Partial<cycles.ScheduleCycle> = {}): CycleEvent => ({ type: 'CycleScheduled', data: { ...scheduleData, ...data } });

describe('ScheduleCycle', () => {
  it('given an open centre, when a cycle is scheduled, then it is scheduled as given', () => {
    given(cycles, []).when(schedule(), context).then([scheduled()]);
  });

  it('may start and end on the same day, and lie in the future', () => {
    given(cycles, []).when(schedule({ startsOn: '2025-03-14', endsOn: '2025-03-14' }), context).then([scheduled({ startsOn: '2025-03-14', endsOn: '2025-03-14' })]);
    given(cycles, []).when(schedule({ startsOn: '2025-09-01', endsOn: '2025-12-15' }), context).then([scheduled({ startsOn: '2025-09-01', endsOn: '2025-12-15' })]);
  });

  it('when it ends before it starts, then it is BAD_USER_INPUT on endsOn', () => {
    given(cycles, []).when(schedule({ startsOn: '2025-03-10', endsOn: '2025-03-09' }), context).thenRejects('BAD_USER_INPUT', 'endsOn');
  });

  it('given no such centre, then it is NOT_FOUND on centreId', () => {
    given(cycles, []).when(schedule(), { clock }).thenRejects('NOT_FOUND', 'centreId');
    given(cycles, []).when(schedule(), { clock, centre: centres.initialState }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('given a scheduled cycle, when the same id is scheduled again, then it is a CONFLICT on cycleId', () => {
    given(cycles, [scheduled()]).when(schedule(), context).thenRejects('CONFLICT', 'cycleId');
  });

  it('folds to the centre, kind and dates that sessions are checked against', () => {
    expect(given(cycles, [scheduled()]).state).toEqual({ scheduled: true, centreId: 'c1', kind: 'PSYCHOSOCIAL', startsOn: '2025-03-01', endsOn: '2025-05-31' });
  });

  describe('input', () => {
    const input = { ...scheduleData };
    it('takes 1 to 100 planned sessions, whole', () => {
      expectInputOk(cycles.ScheduleCycle, { ...input, plannedSessions: 1 });
      expectInputOk(cycles.ScheduleCycle, { ...input, plannedSessions: 100 });
      expectInputError(cycles.ScheduleCycle, { ...input, plannedSessions: 0 }, 'plannedSessions');
      expectInputError(cycles.ScheduleCycle, { ...input, plannedSessions: 101 }, 'plannedSessions');
      expectInputError(cycles.ScheduleCycle, { ...input, plannedSessions: 2.5 }, 'plannedSessions');
    });
    it('refuses a blank title, an unknown kind and dates that do not exist', () => {
      expectInputError(cycles.ScheduleCycle, { ...input, title: '   ' }, 'title');
      expectInputError(cycles.ScheduleCycle, { ...input, kind: 'KARATE' }, 'kind');
      expectInputError(cycles.ScheduleCycle, { ...input, startsOn: '2025-02-30' }, 'startsOn');
      expectInputError(cycles.ScheduleCycle, { ...input, endsOn: '31.05.2025' }, 'endsOn');
    });
  });
});

describe('ScheduleWorkshop as a session of a cycle', () => {
  const cycle = given(cycles, [scheduled()]).state;
  const workshopContext: workshops.WorkshopContext = { clock, centre, cycle };
  const sessionData: workshops.ScheduleWorkshop = {
    workshopId: 'w1',
    centreId: 'c1',
    kind: 'PSYCHOSOCIAL',
    title: 'Session 1',
    startsAt: '2025-03-10T16:00:00+01:00',
    durationMinutes: 90,
    facilitator: undefined,
    cycleId: 'y1',
  };
  const session = (data: Partial<workshops.ScheduleWorkshop> = {}): workshops.WorkshopCommand => ({
    type: 'ScheduleWorkshop',
    data: { ...sessionData, ...data },
  });
  const sessionScheduled = (data: Record<string, unknown> = {}) => ({
    type: 'WorkshopScheduled' as const,
    data: {
      workshopId: 'w1',
      centreId: 'c1',
      kind: 'PSYCHOSOCIAL' as const,
      title: 'Session 1',
      startsAt: '2025-03-10T16:00:00+01:00',
      durationMinutes: 90,
      cycleId: 'y1',
      ...data,
    },
  });

  it('given a cycle, when a session of its centre and kind is scheduled within its dates, then the workshop names the cycle', () => {
    given(workshops, []).when(session(), workshopContext).then([sessionScheduled()]);
  });

  it('accepts sessions on the first and on the last day of the cycle, by local date', () => {
    // 2025-02-28T23:30Z is 2025-03-01 00:30 in Belgrade; 2025-05-31T21:30Z is 23:30 local (UTC+2 in May).
    given(workshops, []).when(session({ startsAt: '2025-02-28T23:30:00Z' }), workshopContext).then([sessionScheduled({ startsAt: '2025-02-28T23:30:00Z' })]);
    given(workshops, []).when(session({ startsAt: '2025-05-31T21:30:00Z' }), workshopContext).then([sessionScheduled({ startsAt: '2025-05-31T21:30:00Z' })]);
  });

  it('when the session lies outside the cycle’s dates (by local date), then it is BAD_USER_INPUT on cycleId', () => {
    given(workshops, []).when(session({ startsAt: '2025-02-28T22:30:00Z' }), workshopContext).thenRejects('BAD_USER_INPUT', 'cycleId'); // 23:30 on Feb 28 local
    given(workshops, []).when(session({ startsAt: '2025-05-31T22:30:00Z' }), workshopContext).thenRejects('BAD_USER_INPUT', 'cycleId'); // 00:30 on Jun 1 local
    given(workshops, []).when(session({ startsAt: '2025-06-10T10:00:00+02:00' }), workshopContext).thenRejects('BAD_USER_INPUT', 'cycleId');
  });

  it('when the session is of another kind, then it is BAD_USER_INPUT on cycleId', () => {
    given(workshops, []).when(session({ kind: 'SCHOOL_SUPPORT' }), workshopContext).thenRejects('BAD_USER_INPUT', 'cycleId');
  });

  it('when the session is at another centre, then it is BAD_USER_INPUT on cycleId', () => {
    const otherCentre = fold(centres.evolve, centres.initialState, [
      { type: 'CentreOpened', data: { centreId: 'c2', name: 'Centre Mesec', municipality: 'Tutin', district: 'Raška' } },
    ]);
    given(workshops, []).when(session({ centreId: 'c2' }), { ...workshopContext, centre: otherCentre }).thenRejects('BAD_USER_INPUT', 'cycleId');
  });

  it('given no such cycle, then it is NOT_FOUND on cycleId', () => {
    given(workshops, []).when(session(), { clock, centre }).thenRejects('NOT_FOUND', 'cycleId');
    given(workshops, []).when(session(), { clock, centre, cycle: cycles.initialState }).thenRejects('NOT_FOUND', 'cycleId');
  });

  it('without a cycleId, a workshop is scheduled as before, with no cycleId in the event', () => {
    given(workshops, [])
      .when(session({ cycleId: undefined }), { clock, centre })
      .then([{ type: 'WorkshopScheduled', data: { workshopId: 'w1', centreId: 'c1', kind: 'PSYCHOSOCIAL', title: 'Session 1', startsAt: '2025-03-10T16:00:00+01:00', durationMinutes: 90 } }]);
  });

  it('takes a null cycleId (as GraphQL sends it) for none', () => {
    expect(expectInputOk(workshops.ScheduleWorkshop, { ...sessionData, cycleId: null }).cycleId).toBeUndefined();
  });
});

describe('completion', () => {
  it('completes at exactly 70% of the held sessions, compared in whole numbers', () => {
    expect(cycles.hasCompleted(7, 10)).toBe(true);
    expect(cycles.hasCompleted(6, 10)).toBe(false);
    expect(cycles.hasCompleted(14, 20)).toBe(true);
    expect(cycles.hasCompleted(13, 20)).toBe(false);
  });

  it('rounds nothing: 2 of 3 (66.7%) does not complete, 3 of 4 (75%) does, 1 of 1 does', () => {
    expect(cycles.hasCompleted(2, 3)).toBe(false);
    expect(cycles.hasCompleted(3, 4)).toBe(true);
    expect(cycles.hasCompleted(1, 1)).toBe(true);
  });

  it('nobody completes a cycle with no held session', () => {
    expect(cycles.hasCompleted(0, 0)).toBe(false);
  });
});
