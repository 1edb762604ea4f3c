import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import * as volunteers from '../../src/domain/volunteers/decider.js';
import type { VolunteerEvent } from '../../src/domain/volunteers/events.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const context: volunteers.VolunteerContext = { clock, centre };

const registered: VolunteerEvent = {
  type: 'VolunteerRegistered',
  data: { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Marko' } },
};

const entry: volunteers.LogVolunteerHours = {
  entryId: 'e1',
  volunteerId: 'v1',
  centreId: 'c1',
  date: '2025-03-10',
  hours: 3,
  activity: 'homework club',
};
const log = (data: Partial<volunteers.LogVolunteerHours> = {}): volunteers.VolunteerCommand => ({
  type: 'LogVolunteerHours',
  data: { ...entry, ...data },
});
const logged = (data: Partial<volunteers.LogVolunteerHours> = {}): VolunteerEvent => ({
  type: 'VolunteerHoursLogged',
  data: { ...entry, ...data },
});
const retract = (entryId: string): volunteers.VolunteerCommand => ({
  type: 'RetractVolunteerHours',
  data: { volunteerId: 'v1', entryId, reason: 'wrong day' },
});
const retracted = (entryId: string): VolunteerEvent => ({
  type: 'VolunteerHoursRetracted',
  data: { volunteerId: 'v1', entryId, reason: 'wrong day' },
});

describe('RegisterVolunteer', () => {
  const register: volunteers.VolunteerCommand = { type: 'RegisterVolunteer', data: { volunteerId: 'v1', centreId: 'c1', name: 'Marko' } };

  it('given an open centre, when a volunteer is registered, then the name is kept as personal data', () => {
    given(volunteers, [])
      .when(register, context)
      .then([{ type: 'VolunteerRegistered', data: { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Marko' } } }]);
  });

  it('given a registered volunteer, when the same id is registered again, then it is a CONFLICT on volunteerId', () => {
    given(volunteers, [registered]).when(register, context).thenRejects('CONFLICT', 'volunteerId');
  });

  it('given no such centre, when a volunteer is registered there, then it is NOT_FOUND on centreId', () => {
    given(volunteers, []).when(register, { clock }).thenRejects('NOT_FOUND', 'centreId');
    given(volunteers, []).when(register, { clock, centre: centres.initialState }).thenRejects('NOT_FOUND', 'centreId');
  });
});

describe('LogVolunteerHours', () => {
  it('given a registered volunteer, when hours are logged, then they are logged as given', () => {
    given(volunteers, [registered])
      .when(log(), context)
      .then([
        {
          type: 'VolunteerHoursLogged',
          data: { entryId: 'e1', volunteerId: 'v1', centreId: 'c1', date: '2025-03-10', hours: 3, activity: 'homework club' },
        },
      ]);
  });

  it('accepts hours logged for today', () => {
    given(volunteers, [registered]).when(log({ date: '2025-03-14' }), context).then([logged({ date: '2025-03-14' })]);
  });

  it('given no such volunteer, when hours are logged, then it is NOT_FOUND on volunteerId', () => {
    given(volunteers, []).when(log(), context).thenRejects('NOT_FOUND', 'volunteerId');
  });

  it('given no such centre, when hours are logged there, then it is NOT_FOUND on centreId', () => {
    given(volunteers, [registered]).when(log({ centreId: 'nowhere' }), { clock }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('given a logged entry, when the same entry id is logged again, then it is a CONFLICT on entryId', () => {
    given(volunteers, [registered, logged()]).when(log({ date: '2025-03-11' }), context).thenRejects('CONFLICT', 'entryId');
  });

  it('given a retracted entry, when its id is logged again, then it is still a CONFLICT on entryId', () => {
    given(volunteers, [registered, logged(), retracted('e1')]).when(log(), context).thenRejects('CONFLICT', 'entryId');
  });

  it('refuses a future date (tomorrow) as BAD_USER_INPUT on date', () => {
    given(volunteers, [registered]).when(log({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
    given(volunteers, [registered]).when(log({ date: '2026-01-01' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });

  describe('at most 24 hours per volunteer per date', () => {
    it('accepts a single entry of exactly 24 hours', () => {
      given(volunteers, [registered]).when(log({ hours: 24 }), context).then([logged({ hours: 24 })]);
    });

    it('accepts entries that add up to exactly 24 hours', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 16.5 })])
        .when(log({ entryId: 'e2', hours: 7.5 }), context)
        .then([logged({ entryId: 'e2', hours: 7.5 })]);
    });

    it('refuses 24.25 hours across two entries as BAD_USER_INPUT on hours', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 16 })])
        .when(log({ entryId: 'e2', hours: 8.25 }), context)
        .thenRejects('BAD_USER_INPUT', 'hours');
    });

    it('refuses even a hundredth of an hour over 24', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 24 })])
        .when(log({ entryId: 'e2', hours: 0.01 }), context)
        .thenRejects('BAD_USER_INPUT', 'hours');
    });

    it('sums decimal hours exactly: 0.1 + 0.2 + 23.7 is 24, which is allowed', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 0.1 }), logged({ entryId: 'e2', hours: 0.2 })])
        .when(log({ entryId: 'e3', hours: 23.7 }), context)
        .then([logged({ entryId: 'e3', hours: 23.7 })]);
    });

    it('sums decimal hours exactly: 23.8 + 0.1 + 0.1 is 24, which is allowed', () => {
      // In floating point, 23.8 + 0.1 + 0.1 is 24.000000000000004.
      expect(23.8 + 0.1 + 0.1).toBeGreaterThan(24);
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 23.8 }), logged({ entryId: 'e2', hours: 0.1 })])
        .when(log({ entryId: 'e3', hours: 0.1 }), context)
        .then([logged({ entryId: 'e3', hours: 0.1 })]);
    });

    it('sums decimal hours exactly: 0.14 + 20.42 + 3.44 is 24, which is allowed', () => {
      // Neither hours nor unrounded hundredths add up exactly in floating point.
      expect(0.14 + 20.42 + 3.44).toBeGreaterThan(24);
      expect(0.14 * 100 + 20.42 * 100 + 344).toBeGreaterThan(2400);
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 0.14 }), logged({ entryId: 'e2', hours: 20.42 })])
        .when(log({ entryId: 'e3', hours: 3.44 }), context)
        .then([logged({ entryId: 'e3', hours: 3.44 })]);
    });

    it('but 0.1 + 0.2 + 23.71 is over 24 and refused', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', hours: 0.1 }), logged({ entryId: 'e2', hours: 0.2 })])
        .when(log({ entryId: 'e3', hours: 23.71 }), context)
        .thenRejects('BAD_USER_INPUT', 'hours');
    });

    it('sums decimal hours exactly: ten entries of 2.4 are 24, which is allowed', () => {
      const nine = Array.from({ length: 9 }, (_, i) => logged({ entryId: `e${i}`, hours: 2.4 }));
      given(volunteers, [registered, ...nine]).when(log({ entryId: 'e9', hours: 2.4 }), context).then([logged({ entryId: 'e9', hours: 2.4 })]);
    });

    it('counts entries at every centre towards the same day', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', centreId: 'c2', hours: 20 })])
        .when(log({ entryId: 'e2', centreId: 'c1', hours: 5 }), context)
        .thenRejects('BAD_USER_INPUT', 'hours');
    });

    it('counts each date on its own', () => {
      given(volunteers, [registered, logged({ entryId: 'e1', date: '2025-03-09', hours: 24 })])
        .when(log({ entryId: 'e2', date: '2025-03-10', hours: 24 }), context)
        .then([logged({ entryId: 'e2', date: '2025-03-10', hours: 24 })]);
    });

    it('no longer counts a retracted entry towards the limit', () => {
      const history = [registered, logged({ entryId: 'e1', hours: 20 })];
      given(volunteers, history).when(log({ entryId: 'e2', hours: 8 }), context).thenRejects('BAD_USER_INPUT', 'hours');
      given(volunteers, [...history, retracted('e1')])
        .when(log({ entryId: 'e2', hours: 8 }), context)
        .then([logged({ entryId: 'e2', hours: 8 })]);
    });
  });
});

describe('RetractVolunteerHours', () => {
  it('given a logged entry, when it is retracted, then the retraction is recorded with its reason', () => {
    given(volunteers, [registered, logged()])
      .when(retract('e1'), context)
      .then([{ type: 'VolunteerHoursRetracted', data: { entryId: 'e1', volunteerId: 'v1', reason: 'wrong day' } }]);
  });

  it('given no such volunteer, when an entry is retracted, then it is NOT_FOUND on volunteerId', () => {
    given(volunteers, []).when(retract('e1'), context).thenRejects('NOT_FOUND', 'volunteerId');
  });

  it('given no such entry, when it is retracted, then it is NOT_FOUND on entryId', () => {
    given(volunteers, [registered, logged()]).when(retract('e2'), context).thenRejects('NOT_FOUND', 'entryId');
  });

  it('given a retracted entry, when it is retracted again, then it is a CONFLICT on entryId', () => {
    given(volunteers, [registered, logged(), retracted('e1')]).when(retract('e1'), context).thenRejects('CONFLICT', 'entryId');
  });
});

describe('volunteer command input', () => {
  it('refuses a blank volunteer name once trimmed', () => {
    expectInputError(volunteers.RegisterVolunteer, { volunteerId: 'v1', centreId: 'c1', name: '   ' }, 'name');
    expect(expectInputOk(volunteers.RegisterVolunteer, { volunteerId: 'v1', centreId: 'c1', name: ' Marko ' }).name).toBe('Marko');
  });

  it('accepts a valid entry and trims the activity', () => {
    expect(expectInputOk(volunteers.LogVolunteerHours, { ...entry, activity: '  homework club ' })).toEqual(entry);
  });

  it('refuses a blank activity once trimmed', () => {
    expectInputError(volunteers.LogVolunteerHours, { ...entry, activity: ' \t' }, 'activity');
  });

  it.each([0.25, 1, 7.5, 0.1, 0.01, 23.99, 24])('accepts %s hours', (hours) => {
    expectInputOk(volunteers.LogVolunteerHours, { ...entry, hours });
  });

  it.each([0, -1, -0.5, 24.01, 25, 0.004, 1.255, Number.NaN, Number.POSITIVE_INFINITY, '3'])('refuses %s hours', (hours) => {
    expectInputError(volunteers.LogVolunteerHours, { ...entry, hours }, 'hours');
  });

  it.each(['2025-02-30', '2025-02-29', '2025-13-01', '2025-3-10', '10.03.2025', '2025-03-10T10:00:00Z', ''])('refuses the date %s', (date) => {
    expectInputError(volunteers.LogVolunteerHours, { ...entry, date }, 'date');
  });

  it('accepts 29 February in a leap year', () => {
    expectInputOk(volunteers.LogVolunteerHours, { ...entry, date: '2024-02-29' });
  });

  it('refuses a blank retraction reason', () => {
    expectInputError(volunteers.RetractVolunteerHours, { volunteerId: 'v1', entryId: 'e1', reason: '  ' }, 'reason');
  });
});
