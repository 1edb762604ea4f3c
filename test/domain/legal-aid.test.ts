import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as legalAid from '../../src/domain/legal-aid/decider.js';
import type { LegalAidEvent } from '../../src/domain/legal-aid/events.js';
import * as participants from '../../src/domain/participants/decider.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const centre = fold(centres.evolve, centres.initialState, [
  { type: 'CentreOpened', data: { centreId: 'c1', name: 'Centre Sunce', municipality: 'Zvezdara', district: 'Belgrade' } },
]);
const participant = fold(participants.evolve, participants.initialState, [
  {
    type: 'ParticipantRegistered',
    data: {
      participantId: 'p1',
      code: 'SUN-0001',
      centreId: 'c1',
      sex: 'MALE',
      birthYear: 1980,
      group: 'RETURNEE',
      personal: { givenName: 'G', familyName: 'F' },
    },
  },
]);
const context: legalAid.LegalAidContext = { clock, centre, participant };

const consultation: legalAid.RecordLegalConsultation = {
  consultationId: 'k1',
  centreId: 'c1',
  participantId: 'p1',
  date: '2025-03-12',
  topic: 'PERSONAL_DOCUMENTS',
  outcome: 'birth certificate requested',
};
const record = (data: Partial<legalAid.RecordLegalConsultation> = {}): legalAid.LegalAidCommand => ({
  type: 'RecordLegalConsultation',
  data: { ...consultation, ...data },
});
const recorded: LegalAidEvent = {
  type: 'LegalConsultationRecorded',
  data: {
    consultationId: 'k1',
    centreId: 'c1',
    participantId: 'p1',
    date: '2025-03-12',
    topic: 'PERSONAL_DOCUMENTS',
    personal: { outcome: 'birth certificate requested' },
  },
};
const retract: legalAid.LegalAidCommand = { type: 'RetractLegalConsultation', data: { consultationId: 'k1', reason: 'entered twice' } };
const retracted: LegalAidEvent = { type: 'LegalConsultationRetracted', data: { consultationId: 'k1', reason: 'entered twice' } };

describe('RecordLegalConsultation', () => {
  it('given a centre and a participant, when a consultation is recorded, then the outcome is kept as personal data', () => {
    given(legalAid, []).when(record(), context).then([recorded]);
  });

  it('records no outcome field when none is given', () => {
    given(legalAid, [])
      .when(record({ outcome: undefined }), context)
      .then([{ type: 'LegalConsultationRecorded', data: { ...recorded.data, personal: {} } } as LegalAidEvent]);
  });

  it('accepts a consultation dated today', () => {
    given(legalAid, [])
      .when(record({ date: '2025-03-14' }), context)
      .then([{ ...recorded, data: { ...recorded.data, date: '2025-03-14' } } as LegalAidEvent]);
  });

  it('given a recorded consultation, when the same id is recorded again, then it is a CONFLICT on consultationId', () => {
    given(legalAid, [recorded]).when(record(), context).thenRejects('CONFLICT', 'consultationId');
    given(legalAid, [recorded, retracted]).when(record(), context).thenRejects('CONFLICT', 'consultationId');
  });

  it('given no such centre, then it is NOT_FOUND on centreId', () => {
    given(legalAid, []).when(record({ centreId: 'nowhere' }), { clock, participant }).thenRejects('NOT_FOUND', 'centreId');
    given(legalAid, []).when(record(), { clock, participant, centre: centres.initialState }).thenRejects('NOT_FOUND', 'centreId');
  });

  it('given no such participant, then it is NOT_FOUND on participantId', () => {
    given(legalAid, []).when(record({ participantId: 'ghost' }), { clock, centre }).thenRejects('NOT_FOUND', 'participantId');
    given(legalAid, [])
      .when(record(), { clock, centre, participant: participants.initialState })
      .thenRejects('NOT_FOUND', 'participantId');
  });

  it('refuses a future date as BAD_USER_INPUT on date', () => {
    given(legalAid, []).when(record({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });
});

describe('RetractLegalConsultation', () => {
  it('given a recorded consultation, when it is retracted, then the retraction is recorded with its reason', () => {
    given(legalAid, [recorded])
      .when(retract, context)
      .then([{ type: 'LegalConsultationRetracted', data: { consultationId: 'k1', reason: 'entered twice' } }]);
    expect(given(legalAid, [recorded, retracted]).state.status).toBe('RETRACTED');
  });

  it('given no such consultation, when it is retracted, then it is NOT_FOUND on consultationId', () => {
    given(legalAid, []).when(retract, context).thenRejects('NOT_FOUND', 'consultationId');
  });

  it('given a retracted consultation, when it is retracted again, then it is a CONFLICT on consultationId', () => {
    given(legalAid, [recorded, retracted]).when(retract, context).thenRejects('CONFLICT', 'consultationId');
  });
});

describe('legal aid command input', () => {
  it('accepts a valid consultation, trims the outcome and turns a blank outcome into none', () => {
    expect(expectInputOk(legalAid.RecordLegalConsultation, { ...consultation, outcome: ' birth certificate requested ' })).toEqual(consultation);
    expect(expectInputOk(legalAid.RecordLegalConsultation, { ...consultation, outcome: '   ' }).outcome).toBeUndefined();
    expect(expectInputOk(legalAid.RecordLegalConsultation, { ...consultation, outcome: null }).outcome).toBeUndefined();
  });

  it('refuses an outcome over 2000 characters', () => {
    expectInputOk(legalAid.RecordLegalConsultation, { ...consultation, outcome: 'x'.repeat(2000) });
    expectInputError(legalAid.RecordLegalConsultation, { ...consultation, outcome: 'x'.repeat(2001) }, 'outcome');
  });

  it('refuses an unknown topic', () => {
    expectInputError(legalAid.RecordLegalConsultation, { ...consultation, topic: 'DIVORCE' }, 'topic');
  });

  it.each(['2025-02-30', '2025-04-31', '2025-00-10', '2025/03/12', '2025-03-12T10:00:00+01:00'])('refuses the date %s', (date) => {
    expectInputError(legalAid.RecordLegalConsultation, { ...consultation, date }, 'date');
  });

  it('refuses a blank retraction reason', () => {
    expectInputError(legalAid.RetractLegalConsultation, { consultationId: 'k1', reason: ' \n ' }, 'reason');
  });
});

describe('consultation for an erased participant', () => {
  it('given an erased participant, when a consultation is recorded for them, then it is a CONFLICT on participantId', () => {
    const erasedParticipant = participants.evolve(participant, { type: 'ParticipantErased', data: { participantId: 'p1', reason: 'request' } });
    given(legalAid, []).when(record(), { ...context, participant: erasedParticipant }).thenRejects('CONFLICT', 'participantId');
  });
});
