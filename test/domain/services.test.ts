import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as participants from '../../src/domain/participants/decider.js';
import type { ParticipantEvent } from '../../src/domain/participants/events.js';
import * as assistance from '../../src/domain/services/assistance.js';
import type { AssistanceEvent, IndividualSessionEvent, ReferralEvent } from '../../src/domain/services/events.js';
import * as sessions from '../../src/domain/services/individual-sessions.js';
import * as referrals from '../../src/domain/services/referrals.js';
import type { ServiceContext } from '../../src/domain/services/rules.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre', municipality: 'Tutin', district: 'Raška' } },
]);
const registered: ParticipantEvent = {
  type: 'ParticipantRegistered',
  // Registered at another centre: a service belongs to the centre that gives it.
  data: { participantId: 'p1', code: 'C-P1', centreId: 'c2', sex: 'FEMALE', birthYear: 2014, group: 'RETURNEE', personal: { givenName: 'G', familyName: 'F' } },
};
const participant = fold(participants.evolve, participants.initialState, [registered]);
const erased = fold(participants.evolve, participants.initialState, [registered, { type: 'ParticipantErased', data: { participantId: 'p1', reason: 'asked' } }]);
const context: ServiceContext = { clock, centre, participant };

describe('RecordIndividualSession', () => {
  const input: sessions.RecordIndividualSession = { sessionId: 's1', centreId: 'c1', participantId: 'p1', kind: 'COUNSELLING', date: '2025-03-10', durationMinutes: 50, notes: 'first talk' };
  const record = (data: Partial<sessions.RecordIndividualSession> = {}): sessions.IndividualSessionCommand => ({ type: 'RecordIndividualSession', data: { ...input, ...data } });
  const recorded: IndividualSessionEvent = {
    type: 'IndividualSessionRecorded',
    data: { sessionId: 's1', centreId: 'c1', participantId: 'p1', kind: 'COUNSELLING', date: '2025-03-10', durationMinutes: 50, personal: { notes: 'first talk' } },
  };

  it('given a participant of another centre, when a session is recorded at this centre, then its notes go into the personal object', () => {
    given(sessions, []).when(record(), context).then([recorded]);
  });

  it('without notes, the personal object is empty', () => {
    const { notes: _, ...withoutNotes } = input;
    given(sessions, []).when({ type: 'RecordIndividualSession', data: withoutNotes }, context).then([{ ...recorded, data: { ...recorded.data, personal: {} } } as IndividualSessionEvent]);
  });

  it('may be dated today, not in the future nor before 2000 (BAD_USER_INPUT on date)', () => {
    given(sessions, []).when(record({ date: '2025-03-14' }), context).then([{ ...recorded, data: { ...recorded.data, date: '2025-03-14' } } as IndividualSessionEvent]);
    given(sessions, []).when(record({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
    given(sessions, []).when(record({ date: '1999-12-31' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });

  it('lasts 5 to 480 whole minutes', () => {
    expectInputOk(sessions.RecordIndividualSession, { ...input, durationMinutes: 5 });
    expectInputOk(sessions.RecordIndividualSession, { ...input, durationMinutes: 480 });
    expectInputError(sessions.RecordIndividualSession, { ...input, durationMinutes: 4 }, 'durationMinutes');
    expectInputError(sessions.RecordIndividualSession, { ...input, durationMinutes: 481 }, 'durationMinutes');
    expectInputError(sessions.RecordIndividualSession, { ...input, durationMinutes: 30.5 }, 'durationMinutes');
    expectInputError(sessions.RecordIndividualSession, { ...input, kind: 'WORKSHOP' }, 'kind');
  });

  it('given no such centre or participant, then NOT_FOUND on that field; an erased participant is a CONFLICT', () => {
    given(sessions, []).when(record(), { clock, participant }).thenRejects('NOT_FOUND', 'centreId');
    given(sessions, []).when(record(), { clock, centre }).thenRejects('NOT_FOUND', 'participantId');
    given(sessions, []).when(record(), { clock, centre, participant: erased }).thenRejects('CONFLICT', 'participantId');
  });

  it('given a recorded session, when it is retracted with a reason, then it is RETRACTED; twice is a CONFLICT', () => {
    const retract: sessions.IndividualSessionCommand = { type: 'RetractIndividualSession', data: { sessionId: 's1', reason: 'wrong child' } };
    given(sessions, [recorded]).when(retract, context).then([{ type: 'IndividualSessionRetracted', data: { sessionId: 's1', reason: 'wrong child' } }]);
    given(sessions, [recorded, { type: 'IndividualSessionRetracted', data: { sessionId: 's1', reason: 'x' } }]).when(retract, context).thenRejects('CONFLICT', 'sessionId');
    given(sessions, []).when(retract, context).thenRejects('NOT_FOUND', 'sessionId');
    expectInputError(sessions.RetractIndividualSession, { sessionId: 's1', reason: '   ' }, 'reason');
  });
});

describe('MakeReferral and CloseReferral', () => {
  const input: referrals.MakeReferral = { referralId: 'r1', centreId: 'c1', participantId: 'p1', service: 'HEALTH', organisation: 'Dom zdravlja Tutin', date: '2025-03-01', reason: 'no health card' };
  const made: ReferralEvent = {
    type: 'ReferralMade',
    data: { referralId: 'r1', centreId: 'c1', participantId: 'p1', service: 'HEALTH', organisation: 'Dom zdravlja Tutin', date: '2025-03-01', personal: { reason: 'no health card' } },
  };
  const close = (data: Partial<referrals.CloseReferral> = {}): referrals.ReferralCommand => ({
    type: 'CloseReferral',
    data: { referralId: 'r1', date: '2025-03-12', outcome: 'SERVICE_RECEIVED', ...data },
  });

  it('given a participant, when a referral is made, then it is OPEN and its reason is personal', () => {
    given(referrals, []).when({ type: 'MakeReferral', data: input }, context).then([made]);
    expect(given(referrals, [made]).state.status).toBe('OPEN');
  });

  it('needs an organisation and one of the services', () => {
    expectInputError(referrals.MakeReferral, { ...input, organisation: ' ' }, 'organisation');
    expectInputError(referrals.MakeReferral, { ...input, service: 'POLICE' }, 'service');
  });

  it('is not made in the future', () => {
    given(referrals, []).when({ type: 'MakeReferral', data: { ...input, date: '2025-03-15' } }, context).thenRejects('BAD_USER_INPUT', 'date');
  });

  it('given an open referral, when it is closed with an outcome, then it is CLOSED', () => {
    given(referrals, [made]).when(close(), context).then([{ type: 'ReferralClosed', data: { referralId: 'r1', date: '2025-03-12', outcome: 'SERVICE_RECEIVED' } }]);
    expect(given(referrals, [made, { type: 'ReferralClosed', data: { referralId: 'r1', date: '2025-03-12', outcome: 'DECLINED' } }]).state.status).toBe('CLOSED');
  });

  it('given a closed referral, when it is closed again, then it is a CONFLICT on referralId', () => {
    given(referrals, [made, { type: 'ReferralClosed', data: { referralId: 'r1', date: '2025-03-12', outcome: 'DECLINED' } }]).when(close(), context).thenRejects('CONFLICT', 'referralId');
  });

  it('is closed on or after the day it was made, and not in the future', () => {
    given(referrals, [made]).when(close({ date: '2025-03-01' }), context).then([{ type: 'ReferralClosed', data: { referralId: 'r1', date: '2025-03-01', outcome: 'SERVICE_RECEIVED' } }]);
    given(referrals, [made]).when(close({ date: '2025-02-28' }), context).thenRejects('BAD_USER_INPUT', 'date');
    given(referrals, [made]).when(close({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });

  it('given no referral, when it is closed, then NOT_FOUND on referralId', () => {
    given(referrals, []).when(close(), context).thenRejects('NOT_FOUND', 'referralId');
    expectInputError(referrals.CloseReferral, { referralId: 'r1', date: '2025-03-12', outcome: 'DONE' }, 'outcome');
  });
});

describe('RecordAssistance', () => {
  const input: assistance.RecordAssistance = { assistanceId: 'a1', centreId: 'c1', participantId: 'p1', kind: 'CASH', value: 50, currency: 'EUR', date: '2025-03-10', description: 'rent' };
  const record = (data: Partial<assistance.RecordAssistance> = {}): assistance.AssistanceCommand => ({ type: 'RecordAssistance', data: { ...input, ...data } });
  const recorded: AssistanceEvent = {
    type: 'AssistanceRecorded',
    data: { assistanceId: 'a1', centreId: 'c1', participantId: 'p1', kind: 'CASH', value: 50, currency: 'EUR', date: '2025-03-10', personal: { description: 'rent' } },
  };

  it('given a participant, when assistance is recorded, then its value and currency are kept and its description is personal', () => {
    given(assistance, []).when(record(), context).then([recorded]);
  });

  it('may have no value at all, but a value needs its currency and a currency its value', () => {
    given(assistance, []).when(record({ value: undefined, currency: undefined }), context).then([
      { type: 'AssistanceRecorded', data: { assistanceId: 'a1', centreId: 'c1', participantId: 'p1', kind: 'CASH', date: '2025-03-10', personal: { description: 'rent' } } },
    ]);
    given(assistance, []).when(record({ currency: undefined }), context).thenRejects('BAD_USER_INPUT', 'currency');
    given(assistance, []).when(record({ value: undefined }), context).thenRejects('BAD_USER_INPUT', 'value');
  });

  it('has a value of 0 or more, to the cent', () => {
    expectInputOk(assistance.RecordAssistance, { ...input, value: 0 });
    expectInputOk(assistance.RecordAssistance, { ...input, value: 12.5 });
    expectInputError(assistance.RecordAssistance, { ...input, value: -0.01 }, 'value');
    expectInputError(assistance.RecordAssistance, { ...input, value: 1.001 }, 'value');
    expectInputError(assistance.RecordAssistance, { ...input, currency: 'USD' }, 'currency');
  });

  it('is not recorded in the future', () => {
    given(assistance, []).when(record({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });

  it('given recorded assistance, when it is retracted, then it is RETRACTED; again is a CONFLICT', () => {
    const retract: assistance.AssistanceCommand = { type: 'RetractAssistance', data: { assistanceId: 'a1', reason: 'double entry' } };
    given(assistance, [recorded]).when(retract, context).then([{ type: 'AssistanceRetracted', data: { assistanceId: 'a1', reason: 'double entry' } }]);
    given(assistance, [recorded, { type: 'AssistanceRetracted', data: { assistanceId: 'a1', reason: 'x' } }]).when(retract, context).thenRejects('CONFLICT', 'assistanceId');
  });
});
