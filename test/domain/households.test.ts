import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as households from '../../src/domain/households/decider.js';
import type { HouseholdEvent } from '../../src/domain/households/events.js';
import * as participants from '../../src/domain/participants/decider.js';
import type { ParticipantEvent } from '../../src/domain/participants/events.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Novi Pazar', district: 'Raška' } },
]);

const registerData: households.RegisterHousehold = {
  householdId: 'h1',
  code: 'H-7K3QD-M2X9P',
  centreId: 'c1',
  returnedFrom: 'Germany',
  returnedOn: '2024-11-02',
};
const register = (data: Partial<households.RegisterHousehold> = {}): households.HouseholdCommand => ({
  type: 'RegisterHousehold',
  data: { ...registerData, ...data },
});
const householdRegistered = (householdId = 'h1'): HouseholdEvent => ({
  type: 'HouseholdRegistered',
  data: { householdId, code: `H-${householdId}`, centreId: 'c1', returnedOn: '2024-11-02', personal: { returnedFrom: 'Germany' } },
});
const household = (householdId = 'h1') => fold(households.evolve, households.initialState, [householdRegistered(householdId)]);

describe('RegisterHousehold', () => {
  it('given an open centre, when a household is registered, then where it returned from is kept as personal data', () => {
    given(households, [])
      .when(register(), { clock, centre })
      .then([
        {
          type: 'HouseholdRegistered',
          data: { householdId: 'h1', code: 'H-7K3QD-M2X9P', centreId: 'c1', returnedOn: '2024-11-02', personal: { returnedFrom: 'Germany' } },
        },
      ]);
  });

  it('needs neither where nor when the family returned', () => {
    given(households, [])
      .when(register({ returnedFrom: undefined, returnedOn: undefined }), { clock, centre })
      .then([{ type: 'HouseholdRegistered', data: { householdId: 'h1', code: 'H-7K3QD-M2X9P', centreId: 'c1', personal: {} } }]);
  });

  it('when the return date is in the future, then it is BAD_USER_INPUT on returnedOn; today is fine', () => {
    given(households, []).when(register({ returnedOn: '2025-03-15' }), { clock, centre }).thenRejects('BAD_USER_INPUT', 'returnedOn');
    given(households, [])
      .when(register({ returnedOn: '2025-03-14' }), { clock, centre })
      .then([{ ...householdRegisteredAs('2025-03-14') }]);
  });

  it('given no such centre, then it is NOT_FOUND on centreId', () => {
    given(households, []).when(register(), { clock }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('given a registered household, when the same id is registered again, then it is a CONFLICT on householdId', () => {
    given(households, [householdRegistered()]).when(register(), { clock, centre }).thenRejects('CONFLICT', 'householdId');
  });

  it('takes nulls for the optional fields, and trims where the family returned from', () => {
    const parsed = expectInputOk(households.RegisterHousehold, { householdId: 'h1', code: 'H-1', centreId: 'c1', returnedFrom: null, returnedOn: null });
    expect(parsed.returnedFrom).toBeUndefined();
    expect(parsed.returnedOn).toBeUndefined();
    expect(expectInputOk(households.RegisterHousehold, { ...registerData, returnedFrom: '  Austria ' }).returnedFrom).toBe('Austria');
    expectInputError(households.RegisterHousehold, { ...registerData, returnedOn: '2024-02-30' }, 'returnedOn');
  });
});

function householdRegisteredAs(returnedOn: string): HouseholdEvent {
  return {
    type: 'HouseholdRegistered',
    data: { householdId: 'h1', code: 'H-7K3QD-M2X9P', centreId: 'c1', returnedOn, personal: { returnedFrom: 'Germany' } },
  };
}

const participantData: participants.RegisterParticipant = {
  participantId: 'p1',
  code: 'SUN-0001',
  centreId: 'c1',
  givenName: 'Amra',
  familyName: 'H.',
  sex: 'FEMALE',
  birthYear: 2015,
  group: 'RETURNEE',
};
const participantRegistered = (householdId?: string): ParticipantEvent => ({
  type: 'ParticipantRegistered',
  data: {
    participantId: 'p1',
    code: 'SUN-0001',
    centreId: 'c1',
    sex: 'FEMALE',
    birthYear: 2015,
    group: 'RETURNEE',
    ...(householdId ? { householdId } : {}),
    personal: { givenName: 'Amra', familyName: 'H.' },
  },
});

describe('RegisterParticipant in a household', () => {
  it('given a household, when a participant is registered in it, then the event names the household', () => {
    given(participants, [])
      .when({ type: 'RegisterParticipant', data: { ...participantData, householdId: 'h1' } }, { clock, centre, household: household() })
      .then([participantRegistered('h1')]);
  });

  it('given no such household, then it is NOT_FOUND on householdId', () => {
    given(participants, [])
      .when({ type: 'RegisterParticipant', data: { ...participantData, householdId: 'nope' } }, { clock, centre })
      .thenRejects('NOT_FOUND', 'householdId');
    given(participants, [])
      .when({ type: 'RegisterParticipant', data: { ...participantData, householdId: 'nope' } }, { clock, centre, household: households.initialState })
      .thenRejects('NOT_FOUND', 'householdId');
  });

  it('without a household, the event has no householdId', () => {
    given(participants, []).when({ type: 'RegisterParticipant', data: participantData }, { clock, centre }).then([participantRegistered()]);
  });
});

describe('SetParticipantHousehold', () => {
  const set = (householdId: string): participants.ParticipantCommand => ({ type: 'SetParticipantHousehold', data: { participantId: 'p1', householdId } });
  const householdSet = (householdId: string): ParticipantEvent => ({ type: 'ParticipantHouseholdSet', data: { participantId: 'p1', householdId } });

  it('given a participant without a household, when one is set, then the participant joins it', () => {
    given(participants, [participantRegistered()]).when(set('h1'), { clock, household: household('h1') }).then([householdSet('h1')]);
  });

  it('given a participant in one household, when another is set, then the participant moves', () => {
    const history = [participantRegistered('h1')];
    given(participants, history).when(set('h2'), { clock, household: household('h2') }).then([householdSet('h2')]);
    expect(given(participants, [...history, householdSet('h2')]).state).toMatchObject({ householdId: 'h2' });
  });

  it('given a participant already in the household, when it is set again, then nothing is stored', () => {
    given(participants, [participantRegistered('h1')]).when(set('h1'), { clock, household: household('h1') }).thenNothing();
    given(participants, [participantRegistered(), householdSet('h1')]).when(set('h1'), { clock, household: household('h1') }).thenNothing();
  });

  it('given no such household, then it is NOT_FOUND on householdId', () => {
    given(participants, [participantRegistered()]).when(set('nope'), { clock }).thenRejects('NOT_FOUND', 'householdId');
  });

  it('given no such participant, then it is NOT_FOUND on participantId', () => {
    given(participants, []).when(set('h1'), { clock, household: household('h1') }).thenRejects('NOT_FOUND', 'participantId');
  });

  it('needs both ids', () => {
    expectInputError(participants.SetParticipantHousehold, { participantId: 'p1' }, 'householdId');
    expectInputError(participants.SetParticipantHousehold, { householdId: 'h1' }, 'participantId');
  });
});
