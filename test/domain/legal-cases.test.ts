import { describe, expect, it } from 'vitest';
import * as centres from '../../src/domain/centres/decider.js';
import * as legalAid from '../../src/domain/legal-aid/decider.js';
import * as legalCases from '../../src/domain/legal-cases/decider.js';
import type { LegalCaseEvent } from '../../src/domain/legal-cases/events.js';
import * as participants from '../../src/domain/participants/decider.js';
import type { ParticipantEvent } from '../../src/domain/participants/events.js';
import { fold, type Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const opened = (centreId: string) =>
  fold(centres.evolve, centres.initialState, [
    { type: 'CentreOpened', data: { centreId, name: `Centre ${centreId}`, municipality: 'Novi Pazar', district: 'Raška' } },
  ]);
const centre = opened('c1');
const registered = (participantId: string): ParticipantEvent => ({
  type: 'ParticipantRegistered',
  data: { participantId, code: `C-${participantId}`, centreId: 'c1', sex: 'MALE', birthYear: 1980, group: 'RETURNEE', personal: { givenName: 'G', familyName: 'F' } },
});
const participant = fold(participants.evolve, participants.initialState, [registered('p1')]);
const context: legalCases.LegalCaseContext = { clock, centre, participant };

const openData: legalCases.OpenLegalCase = { caseId: 'k1', centreId: 'c1', participantId: 'p1', problem: 'PERSONAL_DOCUMENTS', openedOn: '2025-03-03' };
const open = (data: Partial<legalCases.OpenLegalCase> = {}): legalCases.LegalCaseCommand => ({ type: 'OpenLegalCase', data: { ...openData, ...data } });
const caseOpened = (data: Partial<legalCases.OpenLegalCase> = {}): LegalCaseEvent => ({ type: 'LegalCaseOpened', data: { ...openData, ...data } });
const close = (data: Partial<legalCases.CloseLegalCase> = {}): legalCases.LegalCaseCommand => ({
  type: 'CloseLegalCase',
  data: { caseId: 'k1', closedOn: '2025-03-12', outcome: 'RESOLVED', ...data },
});
const caseClosed: LegalCaseEvent = { type: 'LegalCaseClosed', data: { caseId: 'k1', closedOn: '2025-03-12', outcome: 'RESOLVED' } };

describe('OpenLegalCase', () => {
  it('given a centre and a participant, when a case is opened, then it is open on its problem', () => {
    given(legalCases, []).when(open(), context).then([caseOpened()]);
    expect(given(legalCases, [caseOpened()]).state.status).toBe('OPEN');
  });

  it('may be opened today, not on a future date (BAD_USER_INPUT on openedOn)', () => {
    given(legalCases, []).when(open({ openedOn: '2025-03-14' }), context).then([caseOpened({ openedOn: '2025-03-14' })]);
    given(legalCases, []).when(open({ openedOn: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'openedOn');
  });

  it('given no such centre or participant, then it is NOT_FOUND on that field', () => {
    given(legalCases, []).when(open(), { clock, participant }).thenRejects('NOT_FOUND', 'centreId');
    given(legalCases, []).when(open(), { clock, centre }).thenRejects('NOT_FOUND', 'participantId');
  });

  it('given an open case, when the same id is opened again, then it is a CONFLICT on caseId', () => {
    given(legalCases, [caseOpened()]).when(open(), context).thenRejects('CONFLICT', 'caseId');
  });

  it('takes only the topics of consultations as problems', () => {
    expectInputOk(legalCases.OpenLegalCase, { ...openData, problem: 'CITIZENSHIP' });
    expectInputError(legalCases.OpenLegalCase, { ...openData, problem: 'DIVORCE' }, 'problem');
  });
});

describe('CloseLegalCase', () => {
  it('given an open case, when it is closed, then it is CLOSED with its outcome', () => {
    given(legalCases, [caseOpened()]).when(close(), { clock }).then([caseClosed]);
    expect(given(legalCases, [caseOpened(), caseClosed]).state.status).toBe('CLOSED');
  });

  it('may be closed on the day it was opened', () => {
    given(legalCases, [caseOpened()])
      .when(close({ closedOn: '2025-03-03', outcome: 'REFERRED' }), { clock })
      .then([{ type: 'LegalCaseClosed', data: { caseId: 'k1', closedOn: '2025-03-03', outcome: 'REFERRED' } }]);
  });

  it('given a closed case, when it is closed again, then it is a CONFLICT on caseId', () => {
    given(legalCases, [caseOpened(), caseClosed]).when(close({ outcome: 'WITHDRAWN' }), { clock }).thenRejects('CONFLICT', 'caseId');
  });

  it('when closedOn is before openedOn, then it is BAD_USER_INPUT on closedOn', () => {
    given(legalCases, [caseOpened()]).when(close({ closedOn: '2025-03-02' }), { clock }).thenRejects('BAD_USER_INPUT', 'closedOn');
  });

  it('when closedOn is in the future, then it is BAD_USER_INPUT on closedOn', () => {
    given(legalCases, [caseOpened()]).when(close({ closedOn: '2025-03-15' }), { clock }).thenRejects('BAD_USER_INPUT', 'closedOn');
  });

  it('given no such case, then it is NOT_FOUND on caseId', () => {
    given(legalCases, []).when(close(), { clock }).thenRejects('NOT_FOUND', 'caseId');
  });

  it('takes the five outcomes and no other', () => {
    for (const outcome of ['RESOLVED', 'PARTLY_RESOLVED', 'NOT_RESOLVED', 'REFERRED', 'WITHDRAWN']) {
      expectInputOk(legalCases.CloseLegalCase, { caseId: 'k1', closedOn: '2025-03-12', outcome });
    }
    expectInputError(legalCases.CloseLegalCase, { caseId: 'k1', closedOn: '2025-03-12', outcome: 'WON' }, 'outcome');
  });
});

describe('RecordLegalConsultation on a case', () => {
  const openCase = fold(legalCases.evolve, legalCases.initialState, [caseOpened()]);
  const closedCase = fold(legalCases.evolve, legalCases.initialState, [caseOpened(), caseClosed]);
  const consultationData: legalAid.RecordLegalConsultation = {
    consultationId: 'q1',
    centreId: 'c1',
    participantId: 'p1',
    date: '2025-03-12',
    topic: 'PERSONAL_DOCUMENTS',
    outcome: undefined,
    caseId: 'k1',
    serviceLevel: 'DRAFTING',
  };
  const record = (data: Partial<legalAid.RecordLegalConsultation> = {}): legalAid.LegalAidCommand => ({
    type: 'RecordLegalConsultation',
    data: { ...consultationData, ...data },
  });
  const consultationContext: legalAid.LegalAidContext = { clock, centre, participant, legalCase: openCase };

  it('given an open case of the same participant and centre, then the consultation names the case and its service level', () => {
    given(legalAid, [])
      .when(record(), consultationContext)
      .then([
        {
          type: 'LegalConsultationRecorded',
          data: { consultationId: 'q1', centreId: 'c1', participantId: 'p1', date: '2025-03-12', topic: 'PERSONAL_DOCUMENTS', caseId: 'k1', serviceLevel: 'DRAFTING', personal: {} },
        },
      ]);
  });

  it('given a closed case, then it is a CONFLICT on caseId', () => {
    given(legalAid, []).when(record(), { ...consultationContext, legalCase: closedCase }).thenRejects('CONFLICT', 'caseId');
  });

  it('given another participant’s case, then it is BAD_USER_INPUT on caseId', () => {
    const p2 = fold(participants.evolve, participants.initialState, [registered('p2')]);
    given(legalAid, []).when(record({ participantId: 'p2' }), { ...consultationContext, participant: p2 }).thenRejects('BAD_USER_INPUT', 'caseId');
  });

  it('given a case at another centre, then it is BAD_USER_INPUT on caseId', () => {
    given(legalAid, []).when(record({ centreId: 'c2' }), { ...consultationContext, centre: opened('c2') }).thenRejects('BAD_USER_INPUT', 'caseId');
  });

  it('given another participant’s closed case, then it is the wrong case first: BAD_USER_INPUT on caseId', () => {
    const p2 = fold(participants.evolve, participants.initialState, [registered('p2')]);
    given(legalAid, [])
      .when(record({ participantId: 'p2' }), { ...consultationContext, participant: p2, legalCase: closedCase })
      .thenRejects('BAD_USER_INPUT', 'caseId');
  });

  it('given no such case, then it is NOT_FOUND on caseId', () => {
    given(legalAid, []).when(record(), { clock, centre, participant }).thenRejects('NOT_FOUND', 'caseId');
    given(legalAid, []).when(record(), { ...consultationContext, legalCase: legalCases.initialState }).thenRejects('NOT_FOUND', 'caseId');
  });

  it('without a case or service level, the consultation is recorded as before', () => {
    given(legalAid, [])
      .when(record({ caseId: undefined, serviceLevel: undefined }), { clock, centre, participant })
      .then([
        {
          type: 'LegalConsultationRecorded',
          data: { consultationId: 'q1', centreId: 'c1', participantId: 'p1', date: '2025-03-12', topic: 'PERSONAL_DOCUMENTS', personal: {} },
        },
      ]);
  });

  it('takes the four service levels, and null for none', () => {
    const input = { ...consultationData, outcome: null };
    for (const serviceLevel of ['INFORMATION', 'ADVICE', 'DRAFTING', 'REPRESENTATION']) expectInputOk(legalAid.RecordLegalConsultation, { ...input, serviceLevel });
    expect(expectInputOk(legalAid.RecordLegalConsultation, { ...input, serviceLevel: null, caseId: null })).toMatchObject({ serviceLevel: undefined, caseId: undefined });
    expectInputError(legalAid.RecordLegalConsultation, { ...input, serviceLevel: 'LITIGATION' }, 'serviceLevel');
  });
});
