import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as participants from '../../src/domain/participants/decider.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import * as workshops from '../../src/domain/workshops/decider.js';
import type { WorkshopEvent } from '../../src/domain/workshops/events.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

/** 2025-03-14 in Belgrade (UTC+1 in March): its local day runs from 2025-03-13T23:00Z to 2025-03-14T23:00Z. */
const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const participant = (participantId: string) =>
  fold(participants.evolve, participants.initialState, [
    {
      type: 'ParticipantRegistered',
      data: {
        participantId,
        code: `SUN-${participantId}`,
        centreId: 'c1',
        sex: 'FEMALE',
        birthYear: 2015,
        group: 'LOCAL',
        personal: { givenName: 'G', familyName: 'F' },
      },
    },
  ]);
const registeredParticipants = new Map(['p1', 'p2', 'p3'].map((p) => [p, participant(p)] as const));
const context: workshops.WorkshopContext = { clock, centre, participants: registeredParticipants };

type ScheduledData = Extract<WorkshopEvent, { type: 'WorkshopScheduled' }>['data'];
const scheduledData: ScheduledData = {
  workshopId: 'w1',
  centreId: 'c1',
  kind: 'PSYCHOSOCIAL',
  title: 'Drawing our street',
  startsAt: '2025-03-10T16:00:00+01:00',
  durationMinutes: 90,
};
const schedule: workshops.ScheduleWorkshop = { ...scheduledData, facilitator: undefined };
const scheduled = (data: Partial<ScheduledData> = {}): WorkshopEvent => ({
  type: 'WorkshopScheduled',
  data: { ...scheduledData, ...data },
});
const attended = (...participantIds: string[]): WorkshopEvent => ({
  type: 'AttendanceRecorded',
  data: { workshopId: 'w1', participantIds },
});
const removed = (participantId: string): WorkshopEvent => ({
  type: 'AttendanceRemoved',
  data: { workshopId: 'w1', participantId, reason: 'recorded by mistake' },
});
const cancelled: WorkshopEvent = { type: 'WorkshopCancelled', data: { workshopId: 'w1', reason: 'facilitator ill' } };

const record = (...participantIds: string[]): workshops.WorkshopCommand => ({
  type: 'RecordAttendance',
  data: { workshopId: 'w1', participantIds },
});
const remove = (participantId: string): workshops.WorkshopCommand => ({
  type: 'RemoveAttendance',
  data: { workshopId: 'w1', participantId, reason: 'recorded by mistake' },
});
const cancel: workshops.WorkshopCommand = { type: 'CancelWorkshop', data: { workshopId: 'w1', reason: 'facilitator ill' } };

const attendeesAfter = (history: WorkshopEvent[]) => {
  const state = given(workshops, history).state;
  return state.status === 'NONE' ? undefined : [...state.attendees].sort();
};

describe('ScheduleWorkshop', () => {
  it('given an open centre, when a workshop is scheduled, then it is scheduled with no facilitator field when none is given', () => {
    given(workshops, [])
      .when({ type: 'ScheduleWorkshop', data: schedule }, context)
      .then([
        {
          type: 'WorkshopScheduled',
          data: {
            workshopId: 'w1',
            centreId: 'c1',
            kind: 'PSYCHOSOCIAL',
            title: 'Drawing our street',
            startsAt: '2025-03-10T16:00:00+01:00',
            durationMinutes: 90,
          },
        },
      ]);
  });

  it('keeps the facilitator when one is given', () => {
    given(workshops, [])
      .when({ type: 'ScheduleWorkshop', data: { ...schedule, facilitator: 'Jelena' } }, context)
      .then([scheduled({ facilitator: 'Jelena' })]);
  });

  it('may schedule a workshop in the future', () => {
    const startsAt = '2025-06-01T10:00:00+02:00';
    given(workshops, []).when({ type: 'ScheduleWorkshop', data: { ...schedule, startsAt } }, context).then([scheduled({ startsAt })]);
  });

  it('given a scheduled workshop, when the same id is scheduled again, then it is a CONFLICT on workshopId', () => {
    given(workshops, [scheduled()]).when({ type: 'ScheduleWorkshop', data: schedule }, context).thenRejects('CONFLICT', 'workshopId');
  });

  it('given a cancelled workshop, when the same id is scheduled again, then it is a CONFLICT on workshopId', () => {
    given(workshops, [scheduled(), cancelled])
      .when({ type: 'ScheduleWorkshop', data: schedule }, context)
      .thenRejects('CONFLICT', 'workshopId');
  });

  it('given no such centre, when a workshop is scheduled there, then it is NOT_FOUND on centreId', () => {
    given(workshops, []).when({ type: 'ScheduleWorkshop', data: schedule }, { clock }).thenRejects('NOT_FOUND', 'centreId');
    given(workshops, [])
      .when({ type: 'ScheduleWorkshop', data: schedule }, { clock, centre: centres.initialState })
      .thenRejects('NOT_FOUND', 'centreId');
  });
});

describe('RecordAttendance', () => {
  it('given a workshop that took place, when attendance is recorded, then the attendees are recorded and the workshop is held', () => {
    given(workshops, [scheduled()]).when(record('p1', 'p2'), context).then([attended('p1', 'p2')]);
    expect(attendeesAfter([scheduled(), attended('p1', 'p2')])).toEqual(['p1', 'p2']);
  });

  it('counts a participant listed twice in one list once', () => {
    given(workshops, [scheduled()]).when(record('p1', 'p2', 'p1', 'p1'), context).then([attended('p1', 'p2')]);
  });

  it('given a recorded attendee, when they are recorded again, then nothing happens', () => {
    given(workshops, [scheduled(), attended('p1', 'p2')]).when(record('p2', 'p1'), context).thenNothing();
  });

  it('given a recorded attendee, when a list mixes them with newcomers, then only the newcomers are recorded', () => {
    given(workshops, [scheduled(), attended('p1')]).when(record('p1', 'p3', 'p2', 'p3'), context).then([attended('p3', 'p2')]);
  });

  it('given a removed attendee, when they are recorded again, then they are recorded again', () => {
    given(workshops, [scheduled(), attended('p1'), removed('p1')]).when(record('p1'), context).then([attended('p1')]);
  });

  it('given no such workshop, when attendance is recorded, then it is NOT_FOUND on workshopId', () => {
    given(workshops, []).when(record('p1'), context).thenRejects('NOT_FOUND', 'workshopId');
  });

  it('given a cancelled workshop, when attendance is recorded, then it is a CONFLICT on workshopId', () => {
    given(workshops, [scheduled(), cancelled]).when(record('p1'), context).thenRejects('CONFLICT', 'workshopId');
  });

  it('given an unknown participant in the list, when attendance is recorded, then it is NOT_FOUND on participantIds and nobody is recorded', () => {
    given(workshops, [scheduled()]).when(record('p1', 'ghost', 'p2'), context).thenRejects('NOT_FOUND', 'participantIds');
    given(workshops, [scheduled()]).when(record('p1'), { clock }).thenRejects('NOT_FOUND', 'participantIds');
  });

  it('given a participant id that names an unregistered participant state, then it is NOT_FOUND on participantIds', () => {
    const withUnregistered = new Map([...registeredParticipants, ['p9', participants.initialState]]);
    given(workshops, [scheduled()])
      .when(record('p9'), { clock, participants: withUnregistered })
      .thenRejects('NOT_FOUND', 'participantIds');
  });

  describe('a workshop dated after today (local date in Europe/Belgrade) is refused', () => {
    it('refuses 2025-03-14T23:30:00Z, which is 00:30 on 2025-03-15 in Belgrade', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-14T23:30:00Z' })])
        .when(record('p1'), context)
        .thenRejects('BAD_USER_INPUT', 'workshopId');
    });

    it('refuses 2025-03-14T20:00:00-05:00, which is 2025-03-15 in Belgrade although it reads as the 14th', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-14T20:00:00-05:00' })])
        .when(record('p1'), context)
        .thenRejects('BAD_USER_INPUT', 'workshopId');
    });

    it('refuses next week', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-21T10:00:00+01:00' })])
        .when(record('p1'), context)
        .thenRejects('BAD_USER_INPUT', 'workshopId');
    });

    it('accepts 2025-03-14T22:30:00Z, which is 23:30 on 2025-03-14 in Belgrade', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-14T22:30:00Z' })]).when(record('p1'), context).then([attended('p1')]);
    });

    it('accepts 2025-03-15T00:30:00+02:00, which is 23:30 on 2025-03-14 in Belgrade although it reads as the 15th', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-15T00:30:00+02:00' })]).when(record('p1'), context).then([attended('p1')]);
    });

    it('accepts a workshop later today: the day, not the hour, is compared', () => {
      given(workshops, [scheduled({ startsAt: '2025-03-14T21:00:00+01:00' })]).when(record('p1'), context).then([attended('p1')]);
    });

    it('uses the clock time zone: the same instant is today in New York', () => {
      const newYork = { ...context, clock: { today: '2025-03-14', timeZone: 'America/New_York' } };
      given(workshops, [scheduled({ startsAt: '2025-03-14T23:30:00Z' })]).when(record('p1'), newYork).then([attended('p1')]);
    });
  });
});

describe('RemoveAttendance', () => {
  it('given a recorded attendee, when they are removed, then the removal is recorded with its reason', () => {
    given(workshops, [scheduled(), attended('p1', 'p2')]).when(remove('p2'), context).then([removed('p2')]);
    expect(attendeesAfter([scheduled(), attended('p1', 'p2'), removed('p2')])).toEqual(['p1']);
  });

  it('given one attendee, when the last attendee is removed, then nobody attends and the workshop can be cancelled', () => {
    given(workshops, [scheduled(), attended('p1')]).when(remove('p1'), context).then([removed('p1')]);
    expect(attendeesAfter([scheduled(), attended('p1'), removed('p1')])).toEqual([]);
    given(workshops, [scheduled(), attended('p1'), removed('p1')]).when(cancel, context).then([cancelled]);
  });

  it('given no such workshop, when an attendee is removed, then it is NOT_FOUND on workshopId', () => {
    given(workshops, []).when(remove('p1'), context).thenRejects('NOT_FOUND', 'workshopId');
  });

  it('given a participant not recorded, when they are removed, then it is NOT_FOUND on participantId', () => {
    given(workshops, [scheduled(), attended('p1')]).when(remove('p2'), context).thenRejects('NOT_FOUND', 'participantId');
  });

  it('given an attendee already removed, when they are removed again, then it is NOT_FOUND on participantId', () => {
    given(workshops, [scheduled(), attended('p1', 'p2'), removed('p1')]).when(remove('p1'), context).thenRejects('NOT_FOUND', 'participantId');
  });
});

describe('CancelWorkshop', () => {
  it('given a workshop nobody attended, when it is cancelled, then it is cancelled with its reason', () => {
    given(workshops, [scheduled()])
      .when(cancel, context)
      .then([{ type: 'WorkshopCancelled', data: { workshopId: 'w1', reason: 'facilitator ill' } }]);
    expect(given(workshops, [scheduled(), cancelled]).state.status).toBe('CANCELLED');
  });

  it('given no such workshop, when it is cancelled, then it is NOT_FOUND on workshopId', () => {
    given(workshops, []).when(cancel, context).thenRejects('NOT_FOUND', 'workshopId');
  });

  it('given a cancelled workshop, when it is cancelled again, then it is a CONFLICT on workshopId', () => {
    given(workshops, [scheduled(), cancelled]).when(cancel, context).thenRejects('CONFLICT', 'workshopId');
  });

  it('given a workshop with an attendee, when it is cancelled, then it is a CONFLICT on workshopId', () => {
    given(workshops, [scheduled(), attended('p1')]).when(cancel, context).thenRejects('CONFLICT', 'workshopId');
    given(workshops, [scheduled(), attended('p1', 'p2'), removed('p1')]).when(cancel, context).thenRejects('CONFLICT', 'workshopId');
  });
});

describe('workshop command input', () => {
  it('accepts a valid workshop, trims text, and turns a blank facilitator into none', () => {
    expect(expectInputOk(workshops.ScheduleWorkshop, { ...schedule, title: '  Drawing our street ' })).toEqual(schedule);
    expect(expectInputOk(workshops.ScheduleWorkshop, { ...schedule, facilitator: '   ' }).facilitator).toBeUndefined();
    expect(expectInputOk(workshops.ScheduleWorkshop, { ...schedule, facilitator: null }).facilitator).toBeUndefined();
    expect(expectInputOk(workshops.ScheduleWorkshop, { ...schedule, facilitator: ' Jelena ' }).facilitator).toBe('Jelena');
  });

  it('refuses a blank title once trimmed', () => {
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, title: '  \n ' }, 'title');
  });

  it('refuses a title over 200 or a facilitator over 120 characters', () => {
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, title: 'x'.repeat(201) }, 'title');
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, facilitator: 'x'.repeat(121) }, 'facilitator');
  });

  it('refuses an unknown kind', () => {
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, kind: 'KARATE' }, 'kind');
  });

  it.each(['2025-03-14T16:00:00Z', '2025-03-14T16:00+01:00', '2025-03-14T16:00:00.123-05:00', '2024-02-29T16:00:00Z'])(
    'accepts startsAt %s',
    (startsAt) => {
      expectInputOk(workshops.ScheduleWorkshop, { ...schedule, startsAt });
    },
  );

  it.each([
    ['without an offset', '2025-03-14T16:00:00'],
    ['a bare date', '2025-03-14'],
    ['an invalid calendar date', '2025-02-30T16:00:00Z'],
    ['29 February of a common year', '2025-02-29T16:00:00Z'],
    ['hour 25', '2025-03-14T25:00:00Z'],
    ['hour 24', '2025-03-14T24:00:00Z'],
    ['minute 60', '2025-03-14T16:60:00Z'],
    ['a space for T', '2025-03-14 16:00:00Z'],
    ['an impossible offset', '2025-03-14T16:00:00+25:00'],
    ['free text', 'tomorrow at four'],
  ])('refuses startsAt %s', (_label, startsAt) => {
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, startsAt }, 'startsAt');
  });

  it.each([1, 1440])('accepts durationMinutes %i', (durationMinutes) => {
    expectInputOk(workshops.ScheduleWorkshop, { ...schedule, durationMinutes });
  });

  it.each([0, -30, 1441, 90.5, '90'])('refuses durationMinutes %s', (durationMinutes) => {
    expectInputError(workshops.ScheduleWorkshop, { ...schedule, durationMinutes }, 'durationMinutes');
  });

  it('refuses an empty attendance list and more than 500 at once', () => {
    expectInputError(workshops.RecordAttendance, { workshopId: 'w1', participantIds: [] }, 'participantIds');
    const many = Array.from({ length: 501 }, (_, i) => `p${i}`);
    expectInputOk(workshops.RecordAttendance, { workshopId: 'w1', participantIds: many.slice(0, 500) });
    expectInputError(workshops.RecordAttendance, { workshopId: 'w1', participantIds: many }, 'participantIds');
  });

  it('refuses a blank reason to remove an attendee or to cancel', () => {
    expectInputError(workshops.RemoveAttendance, { workshopId: 'w1', participantId: 'p1', reason: '   ' }, 'reason');
    expectInputError(workshops.CancelWorkshop, { workshopId: 'w1', reason: '' }, 'reason');
    expect(expectInputOk(workshops.CancelWorkshop, { workshopId: 'w1', reason: ' rain ' }).reason).toBe('rain');
  });
});

describe('attendance of an erased participant', () => {
  const erasedParticipant = participants.evolve(participant('p9'), { type: 'ParticipantErased', data: { participantId: 'p9', reason: 'request' } });
  const withErased = { ...context, participants: new Map([...registeredParticipants, ['p9', erasedParticipant] as const]) };

  it('given an erased participant, when they are recorded on a workshop, then it is a CONFLICT on participantIds and nothing is recorded', () => {
    given(workshops, [scheduled()]).when(record('p1', 'p9'), withErased).thenRejects('CONFLICT', 'participantIds');
  });

  it('given an erased participant already recorded, when the list is sent again, then the earlier record stands and nothing new is stored', () => {
    given(workshops, [scheduled(), attended('p9')]).when(record('p9'), withErased).thenNothing();
  });
});
