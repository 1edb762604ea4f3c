import { describe, expect, it } from 'vitest';
import type { Clock } from '../../src/domain/shared/decider.js';
import { addDays } from '../../src/domain/shared/time.js';
import * as volunteers from '../../src/domain/volunteers/decider.js';
import type { VolunteerEvent } from '../../src/domain/volunteers/events.js';
import { activeHours, agreementNeedOn, longTermDaysInYear, windowHundredths } from '../../src/domain/volunteers/long-term.js';
import { expectInputError, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const ON = '2025-03-14';

const registered: VolunteerEvent = { type: 'VolunteerRegistered', data: { volunteerId: 'v1', centreId: 'c1', personal: { name: 'Marko' } } };
let entries = 0;
const logged = (date: string, hours: number): VolunteerEvent => ({
  type: 'VolunteerHoursLogged',
  data: { entryId: `e${++entries}`, volunteerId: 'v1', centreId: 'c1', date, hours, activity: 'homework club' },
});
const retracted = (entryId: string): VolunteerEvent => ({ type: 'VolunteerHoursRetracted', data: { entryId, volunteerId: 'v1', reason: 'wrong day' } });
const agreementRecorded = (signedOn: string, validUntil: string, agreementId = 'a1'): VolunteerEvent => ({
  type: 'VolunteerAgreementRecorded',
  data: { agreementId, volunteerId: 'v1', signedOn, validUntil },
});

/**
 * Hours per 7-day window ending on `on`, oldest first (13 numbers), each logged on `dayInWindow`
 * (0: the window's first day … 6: its last day).
 */
function weeks(hoursPerWindow: readonly number[], on = ON, dayInWindow = 6): VolunteerEvent[] {
  const first = addDays(on, -90);
  return hoursPerWindow.flatMap((hours, window) => (hours > 0 ? [logged(addDays(first, window * 7 + dayInWindow), hours)] : []));
}
const thirteen = (hours: number) => new Array<number>(13).fill(hours);

/** The volunteer's state after the history, asked on `on`: the rule the read side applies. */
function need(history: readonly VolunteerEvent[], on = ON) {
  const state = given(volunteers, [registered, ...history]).state;
  if (!state.registered) throw new Error('not registered');
  return agreementNeedOn(activeHours(state.entries.values()), [...state.agreements.values()], on);
}

describe('long-term volunteering: more than 10 hours in each of the 13 weeks ending on a day', () => {
  it('given 10.5 hours in each of the 13 windows, then the volunteer needs an agreement, with 136.5 hours over the 91 days', () => {
    expect(need(weeks(thirteen(10.5)))).toEqual({ longTerm: true, needsAgreement: true, hundredthsLast13Weeks: 13650 });
  });

  it('given exactly 10 hours in one window, then that window does not count and no agreement is needed', () => {
    const hours = thirteen(10.5);
    hours[6] = 10;
    expect(need(weeks(hours))).toMatchObject({ longTerm: false, needsAgreement: false });
  });

  it('given 10.01 hours in every window, then it is more than 10 and counts', () => {
    expect(need(weeks(thirteen(10.01)))).toMatchObject({ longTerm: true, needsAgreement: true, hundredthsLast13Weeks: 13013 });
  });

  it('given 12 windows of 10.5 hours, then it does not count, whichever window is missing', () => {
    for (const missing of [0, 5, 12]) {
      const hours = thirteen(10.5);
      hours[missing] = 0;
      expect(need(weeks(hours)), `window ${missing} empty`).toMatchObject({ longTerm: false, needsAgreement: false });
    }
  });

  it('given 12 windows of 10.5 and the 13th week’s hours the day before the span, then it does not count', () => {
    const hours = thirteen(10.5);
    hours[0] = 0;
    expect(need([...weeks(hours), logged(addDays(ON, -91), 24)])).toMatchObject({ longTerm: false, hundredthsLast13Weeks: 12 * 1050 });
  });

  it('puts each day in its window: the last window is on−6 … on, both included', () => {
    expect(windowHundredths([{ date: addDays(ON, -6), hours: 1 }, { date: ON, hours: 2 }, { date: addDays(ON, -7), hours: 4 }], ON).slice(-2)).toEqual([400, 300]);
    expect(windowHundredths([{ date: addDays(ON, 1), hours: 5 }, { date: addDays(ON, -91), hours: 5 }], ON)).toEqual(thirteen(0));
    // Hours on the first day of each window count the same as on the last.
    expect(need(weeks(thirteen(10.5), ON, 0))).toMatchObject({ longTerm: true });
  });

  it('sums hours in hundredths, so 0.1 + 0.2 + … is exact', () => {
    const history = weeks(thirteen(10)).concat(Array.from({ length: 13 }, (_, w) => logged(addDays(ON, -90 + w * 7), 0.01)));
    expect(need(history)).toMatchObject({ longTerm: true, hundredthsLast13Weeks: 13 * 1001 });
  });

  it('leaves retracted hours out', () => {
    const history = weeks(thirteen(10.5));
    const last = history[history.length - 1]!;
    if (last.type !== 'VolunteerHoursLogged') throw new Error('expected hours');
    expect(need([...history, retracted(last.data.entryId)])).toMatchObject({ longTerm: false, needsAgreement: false });
  });

  describe('an agreement valid on the day removes the need', () => {
    const history = weeks(thirteen(10.5));

    it('given an agreement with signedOn ≤ on ≤ validUntil, then no agreement is needed (still long-term)', () => {
      expect(need([...history, agreementRecorded('2025-01-01', '2025-12-31')])).toMatchObject({ longTerm: true, needsAgreement: false });
      expect(need([...history, agreementRecorded(ON, ON)])).toMatchObject({ needsAgreement: false });
    });

    it('given only an agreement that ended before, or starts after, the day, then one is needed', () => {
      expect(need([...history, agreementRecorded('2024-01-01', addDays(ON, -1))])).toMatchObject({ needsAgreement: true });
      expect(need([...history, agreementRecorded(addDays(ON, 1), '2025-12-31')])).toMatchObject({ needsAgreement: true });
    });
  });

  it('finds the days of a year on which the volunteer was long-term', () => {
    const history = weeks(thirteen(10.5), '2025-03-14');
    const state = given(volunteers, [registered, ...history]).state;
    if (!state.registered) throw new Error('not registered');
    // One entry a week, the last on 03-14: every day from 03-14 to 03-20 still has one entry in each of its 13 windows;
    // on 03-21 the oldest entry (12-20) has left the span. Before 03-14 the last window is empty.
    const days = longTermDaysInYear(activeHours(state.entries.values()), 2025);
    expect(days).toEqual(['2025-03-14', '2025-03-15', '2025-03-16', '2025-03-17', '2025-03-18', '2025-03-19', '2025-03-20']);
    for (const day of days) expect(need(history, day).longTerm).toBe(true);
    expect(need(history, '2025-03-21').longTerm).toBe(false);
    expect(need(history, '2025-03-13').longTerm).toBe(false);
    expect(longTermDaysInYear(activeHours(state.entries.values()), 2024)).toEqual([]);
  });
});

describe('RecordVolunteerAgreement', () => {
  const record = (data: Partial<volunteers.RecordVolunteerAgreement> = {}): volunteers.VolunteerCommand => ({
    type: 'RecordVolunteerAgreement',
    data: { agreementId: 'a1', volunteerId: 'v1', signedOn: '2025-03-01', validUntil: '2026-02-28', ...data },
  });

  it('given a volunteer, when an agreement is recorded, then it is kept with its dates; it may run into the future', () => {
    given(volunteers, [registered]).when(record(), { clock }).then([agreementRecorded('2025-03-01', '2026-02-28')]);
  });

  it('may be valid for one day', () => {
    given(volunteers, [registered]).when(record({ signedOn: ON, validUntil: ON }), { clock }).then([agreementRecorded(ON, ON)]);
  });

  it('when validUntil is before signedOn, then it is BAD_USER_INPUT on validUntil', () => {
    given(volunteers, [registered]).when(record({ validUntil: '2025-02-28' }), { clock }).thenRejects('BAD_USER_INPUT', 'validUntil');
  });

  it('when signedOn is in the future, then it is BAD_USER_INPUT on signedOn', () => {
    given(volunteers, [registered]).when(record({ signedOn: '2025-03-15' }), { clock }).thenRejects('BAD_USER_INPUT', 'signedOn');
  });

  it('given no such volunteer, then it is NOT_FOUND on volunteerId', () => {
    given(volunteers, []).when(record(), { clock }).thenRejects('NOT_FOUND', 'volunteerId');
  });

  it('given the agreement already recorded, then it is a CONFLICT on agreementId', () => {
    given(volunteers, [registered, agreementRecorded('2025-03-01', '2026-02-28')]).when(record(), { clock }).thenRejects('CONFLICT', 'agreementId');
  });

  it('needs calendar dates', () => {
    const input = { agreementId: 'a1', volunteerId: 'v1', signedOn: '2025-03-01', validUntil: '2026-02-28' };
    expectInputError(volunteers.RecordVolunteerAgreement, { ...input, signedOn: '01.03.2025' }, 'signedOn');
    expectInputError(volunteers.RecordVolunteerAgreement, { ...input, validUntil: '2026-02-29' }, 'validUntil');
  });
});
