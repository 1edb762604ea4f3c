import { describe, expect, it } from 'vitest';
import * as consent from '../../src/domain/participants/consent.js';
import type { ParticipantEvent } from '../../src/domain/participants/events.js';
import type { Clock } from '../../src/domain/shared/decider.js';
import { expectInputError, expectInputOk, given } from '../support/decider.js';

const clock: Clock = { today: '2025-03-14', timeZone: 'Europe/Belgrade' };
const context: consent.ConsentContext = { clock };

/** A child born in 2010: 14 in 2024, 15 in 2025 (age is the date's year minus the birth year). */
const registered = (birthYear = 2010): ParticipantEvent => ({
  type: 'ParticipantRegistered',
  data: { participantId: 'p1', code: 'SUN-0001', centreId: 'c1', sex: 'FEMALE', birthYear, group: 'LOCAL', personal: { givenName: 'G', familyName: 'F' } },
});
const erased: ParticipantEvent = { type: 'ParticipantErased', data: { participantId: 'p1', reason: 'asked to be forgotten' } };

const recordData: consent.RecordConsent = { participantId: 'p1', purpose: 'PARTICIPATION', legalBasis: 'CONSENT', givenBy: 'SELF', date: '2025-01-10' };
const record = (data: Partial<consent.RecordConsent> = {}): consent.ConsentCommand => ({ type: 'RecordConsent', data: { ...recordData, ...data } });
const recorded = (data: Partial<consent.RecordConsent> = {}): ParticipantEvent => ({ type: 'ConsentRecorded', data: { ...recordData, ...data } });
const withdraw = (data: Partial<consent.WithdrawConsent> = {}): consent.ConsentCommand => ({
  type: 'WithdrawConsent',
  data: { participantId: 'p1', purpose: 'PARTICIPATION', date: '2025-03-01', ...data },
});
const withdrawn = (data: Partial<consent.WithdrawConsent> = {}): ParticipantEvent => ({
  type: 'ConsentWithdrawn',
  data: { participantId: 'p1', purpose: 'PARTICIPATION', date: '2025-03-01', ...data },
});

describe('RecordConsent: a child under 15 cannot consent alone', () => {
  it('given a child of 14 in the year of the date, when they give CONSENT themselves, then it is BAD_USER_INPUT on givenBy', () => {
    given(consent, [registered()]).when(record({ date: '2024-12-31' }), context).thenRejects('BAD_USER_INPUT', 'givenBy');
  });

  it('given a child of exactly 15 in the year of the date, when they give CONSENT themselves, then it is recorded', () => {
    given(consent, [registered()]).when(record({ date: '2025-01-01' }), context).then([recorded({ date: '2025-01-01' })]);
  });

  it('given a child under 15, when a parent or guardian gives the consent, then it is recorded', () => {
    given(consent, [registered(2018)]).when(record({ givenBy: 'PARENT' }), context).then([recorded({ givenBy: 'PARENT' })]);
    given(consent, [registered(2018)]).when(record({ givenBy: 'GUARDIAN' }), context).then([recorded({ givenBy: 'GUARDIAN' })]);
  });

  it('given a child under 15, a basis other than consent may be recorded as given by the child', () => {
    given(consent, [registered(2018)])
      .when(record({ legalBasis: 'VITAL_INTERESTS' }), context)
      .then([recorded({ legalBasis: 'VITAL_INTERESTS' })]);
  });
});

describe('RecordConsent', () => {
  it('when the date is in the future, then it is BAD_USER_INPUT on date', () => {
    given(consent, [registered(1990)]).when(record({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });

  it('given no such participant, then it is NOT_FOUND on participantId', () => {
    given(consent, []).when(record(), context).thenRejects('NOT_FOUND', 'participantId');
  });

  it('given an erased participant, then it is a CONFLICT on participantId', () => {
    given(consent, [registered(1990), erased]).when(record(), context).thenRejects('CONFLICT', 'participantId');
  });

  it('takes only the listed purposes, bases and givers', () => {
    expectInputOk(consent.RecordConsent, { ...recordData, purpose: 'PHOTOS', legalBasis: 'LEGITIMATE_INTERESTS', givenBy: 'GUARDIAN' });
    expectInputError(consent.RecordConsent, { ...recordData, purpose: 'MARKETING' }, 'purpose');
    expectInputError(consent.RecordConsent, { ...recordData, legalBasis: 'CONTRACT' }, 'legalBasis');
    expectInputError(consent.RecordConsent, { ...recordData, givenBy: 'TEACHER' }, 'givenBy');
    expectInputError(consent.RecordConsent, { ...recordData, date: '2025-02-29' }, 'date');
  });
});

describe('WithdrawConsent', () => {
  const history = [registered(1990), recorded()];

  it('given consent for the purpose, when it is withdrawn, then it is withdrawn', () => {
    given(consent, history).when(withdraw(), context).then([withdrawn()]);
  });

  it('given no consent for the purpose, when it is withdrawn, then it is a CONFLICT on purpose', () => {
    given(consent, [registered(1990)]).when(withdraw(), context).thenRejects('CONFLICT', 'purpose');
    given(consent, history).when(withdraw({ purpose: 'PHOTOS' }), context).thenRejects('CONFLICT', 'purpose');
    given(consent, [...history, withdrawn()]).when(withdraw({ date: '2025-03-10' }), context).thenRejects('CONFLICT', 'purpose');
  });

  it('when the withdrawal is dated before the consent, then it is BAD_USER_INPUT on date; the same day is fine', () => {
    given(consent, history).when(withdraw({ date: '2025-01-09' }), context).thenRejects('BAD_USER_INPUT', 'date');
    given(consent, history).when(withdraw({ date: '2025-01-10' }), context).then([withdrawn({ date: '2025-01-10' })]);
  });

  it('when the withdrawal is in the future, then it is BAD_USER_INPUT on date', () => {
    given(consent, history).when(withdraw({ date: '2025-03-15' }), context).thenRejects('BAD_USER_INPUT', 'date');
  });
});

describe('consent status: the latest record for the purpose', () => {
  const status = (history: ParticipantEvent[], purpose: consent.RecordConsent['purpose'] = 'PARTICIPATION') =>
    consent.statusOf(given(consent, history).state, purpose);

  it('is MISSING with no record, GIVEN after consent, WITHDRAWN after withdrawal, GIVEN after consent again', () => {
    expect(status([registered(1990)])).toBe('MISSING');
    expect(status([registered(1990), recorded()])).toBe('GIVEN');
    expect(status([registered(1990), recorded(), withdrawn()])).toBe('WITHDRAWN');
    expect(status([registered(1990), recorded(), withdrawn(), recorded({ date: '2025-03-05' })])).toBe('GIVEN');
  });

  it('is per purpose', () => {
    expect(status([registered(1990), recorded()], 'PHOTOS')).toBe('MISSING');
    expect(status([registered(1990), recorded({ purpose: 'PHOTOS' }), recorded(), withdrawn()], 'PHOTOS')).toBe('GIVEN');
  });

  it('goes by date: a consent recorded late but dated before a withdrawal does not undo it; on one date the last stored wins', () => {
    expect(status([registered(1990), recorded(), withdrawn(), recorded({ date: '2025-02-01' })])).toBe('WITHDRAWN');
    expect(status([registered(1990), recorded(), withdrawn({ date: '2025-01-10' })])).toBe('WITHDRAWN');
  });
});
