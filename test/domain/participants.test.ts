import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as participants from '../../src/domain/participants/decider.js';
import type { ParticipantEvent } from '../../src/domain/participants/events.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const context: participants.ParticipantContext = { clock, centre };

const input: participants.RegisterParticipant = {
  participantId: 'p1',
  code: 'SUN-0001',
  centreId: 'c1',
  givenName: 'Amra',
  familyName: 'Hodžić',
  sex: 'FEMALE',
  birthYear: 2014,
  group: 'RETURNEE',
};
const register = (data: Partial<participants.RegisterParticipant> = {}): participants.ParticipantCommand => ({
  type: 'RegisterParticipant',
  data: { ...input, ...data },
});
const registered = (data: Partial<participants.RegisterParticipant> = {}): ParticipantEvent => {
  const { givenName, familyName, ...rest } = { ...input, ...data };
  return { type: 'ParticipantRegistered', data: { ...rest, personal: { givenName, familyName } } };
};

describe('RegisterParticipant', () => {
  it('given an open centre, when a participant is registered, then the names are kept apart as personal data', () => {
    given(participants, [])
      .when(register(), context)
      .then([
        {
          type: 'ParticipantRegistered',
          data: {
            participantId: 'p1',
            code: 'SUN-0001',
            centreId: 'c1',
            sex: 'FEMALE',
            birthYear: 2014,
            group: 'RETURNEE',
            personal: { givenName: 'Amra', familyName: 'Hodžić' },
          },
        },
      ]);
  });

  it('given a registered participant, when the same id is registered again, then it is a CONFLICT on participantId', () => {
    given(participants, [registered()]).when(register({ givenName: 'Other' }), context).thenRejects('CONFLICT', 'participantId');
  });

  it('given no such centre, when a participant is registered there, then it is NOT_FOUND on centreId', () => {
    given(participants, []).when(register({ centreId: 'nowhere' }), { clock, centre: centres.initialState }).thenRejects('NOT_FOUND', 'centreId');
  });

  it.each([1900, 2025])('accepts birthYear %i (the bounds, 2025 being the current year)', (birthYear) => {
    given(participants, []).when(register({ birthYear }), context).then([registered({ birthYear })]);
  });

  it.each([1899, 2026, -1, 0])('refuses birthYear %i as BAD_USER_INPUT on birthYear', (birthYear) => {
    given(participants, []).when(register({ birthYear }), context).thenRejects('BAD_USER_INPUT', 'birthYear');
  });

  it('takes the current year from the clock, not from the machine', () => {
    const newYear = { clock: { ...clock, today: '2026-01-01' }, centre };
    given(participants, []).when(register({ birthYear: 2026 }), newYear).then([registered({ birthYear: 2026 })]);
    given(participants, []).when(register({ birthYear: 2027 }), newYear).thenRejects('BAD_USER_INPUT', 'birthYear');
    const lastDayOf2024 = { clock: { ...clock, today: '2024-12-31' }, centre };
    given(participants, []).when(register({ birthYear: 2025 }), lastDayOf2024).thenRejects('BAD_USER_INPUT', 'birthYear');
  });

  it('folds ParticipantRegistered into a registered participant', () => {
    expect(given(participants, [registered()]).state).toEqual({ registered: true, centreId: 'c1', code: 'SUN-0001', birthYear: 2014, erased: false });
  });
});

describe('RegisterParticipant input', () => {
  it('accepts a valid participant and trims names', () => {
    expect(expectInputOk(participants.RegisterParticipant, { ...input, givenName: ' Amra ', familyName: '\tHodžić\n' })).toEqual(input);
  });

  it.each(['givenName', 'familyName'])('refuses a blank %s once trimmed', (field) => {
    expectInputError(participants.RegisterParticipant, { ...input, [field]: ' \t ' }, field);
    expectInputError(participants.RegisterParticipant, { ...input, [field]: '' }, field);
  });

  it.each(['givenName', 'familyName'])('refuses a %s longer than 80 characters', (field) => {
    expectInputOk(participants.RegisterParticipant, { ...input, [field]: 'x'.repeat(80) });
    expectInputError(participants.RegisterParticipant, { ...input, [field]: 'x'.repeat(81) }, field);
  });

  it.each([2014.5, Number.NaN, Number.POSITIVE_INFINITY, '2014'])('refuses birthYear %s, which is not a whole number', (birthYear) => {
    expectInputError(participants.RegisterParticipant, { ...input, birthYear }, 'birthYear');
  });

  it('refuses an unknown sex or group', () => {
    expectInputError(participants.RegisterParticipant, { ...input, sex: 'female' }, 'sex');
    expectInputError(participants.RegisterParticipant, { ...input, group: 'REFUGEE' }, 'group');
  });
});

describe('EraseParticipant', () => {
  const erase = (reason = 'the parent asked for erasure'): participants.ParticipantCommand => ({
    type: 'EraseParticipant',
    data: { participantId: 'p1', reason },
  });
  const erased: ParticipantEvent = { type: 'ParticipantErased', data: { participantId: 'p1', reason: 'the parent asked for erasure' } };

  it('given a registered participant, when they are erased, then ParticipantErased carries the reason and no personal data', () => {
    given(participants, [registered()]).when(erase(), { clock }).then([erased]);
  });

  it('given no such participant, when erasure is asked, then it is NOT_FOUND on participantId', () => {
    given(participants, []).when(erase(), { clock }).thenRejects('NOT_FOUND', 'participantId');
  });

  it('given an erased participant, when erasure is asked again, then it is a CONFLICT on participantId', () => {
    given(participants, [registered(), erased]).when(erase(), { clock }).thenRejects('CONFLICT', 'participantId');
  });

  it('given an erased participant, then the state keeps the code and centre and says erased', () => {
    expect(given(participants, [registered(), erased]).state).toEqual({ registered: true, centreId: 'c1', code: 'SUN-0001', birthYear: 2014, erased: true });
  });

  it('refuses a blank reason', () => {
    expectInputError(participants.EraseParticipant, { participantId: 'p1', reason: '   ' }, 'reason');
  });
});
