import { z } from 'zod';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate } from '../shared/input.js';
import { yearOf } from '../shared/time.js';
import { streamOf } from './decider.js';
import { ConsentGiver, ConsentPurpose, LegalBasis, type ParticipantEvent } from './events.js';

/**
 * Consent and other legal bases for processing a participant's data, one purpose at a time. A
 * decider of its own over the participant's stream: it folds the registration (for the birth
 * year) and the consent records, and decides RecordConsent and WithdrawConsent.
 */

/** Under Serbian law (Law on Personal Data Protection, art. 16) a child under 15 cannot consent alone. */
export const AGE_OF_DIGITAL_CONSENT = 15;

export const RecordConsent = z.object({
  participantId: id,
  purpose: ConsentPurpose,
  legalBasis: LegalBasis,
  givenBy: ConsentGiver,
  date: isoDate,
});
export type RecordConsent = z.infer<typeof RecordConsent>;

export const WithdrawConsent = z.object({ participantId: id, purpose: ConsentPurpose, date: isoDate });
export type WithdrawConsent = z.infer<typeof WithdrawConsent>;

export type ConsentCommand = { type: 'RecordConsent'; data: RecordConsent } | { type: 'WithdrawConsent'; data: WithdrawConsent };

export type ConsentStatus = 'GIVEN' | 'WITHDRAWN' | 'MISSING';

/** The latest record for a purpose: latest by its date, and among records of one date the last one stored. */
export interface LatestConsentRecord {
  readonly status: 'GIVEN' | 'WITHDRAWN';
  readonly date: string;
}

export type ConsentState =
  | { readonly registered: false }
  | {
      readonly registered: true;
      readonly centreId: string;
      readonly birthYear: number;
      readonly erased: boolean;
      readonly latest: ReadonlyMap<ConsentPurpose, LatestConsentRecord>;
    };

export const initialState: ConsentState = { registered: false };

/** Whether a record dated `date` becomes the latest one, after `current`: a later or equal date wins. */
export const supersedes = (date: string, current: { readonly date: string } | undefined | null): boolean =>
  !current || date >= current.date;

export function evolve(state: ConsentState, event: ParticipantEvent): ConsentState {
  switch (event.type) {
    case 'ParticipantRegistered':
      return { registered: true, centreId: event.data.centreId, birthYear: event.data.birthYear, erased: false, latest: new Map() };
    case 'ParticipantErased':
      return state.registered ? { ...state, erased: true } : state;
    case 'ConsentRecorded':
    case 'ConsentWithdrawn': {
      if (!state.registered) return state;
      const { purpose, date } = event.data;
      if (!supersedes(date, state.latest.get(purpose))) return state;
      const latest = new Map(state.latest);
      latest.set(purpose, { status: event.type === 'ConsentRecorded' ? 'GIVEN' : 'WITHDRAWN', date });
      return { ...state, latest };
    }
    case 'ParticipantTransferred':
      return state.registered ? { ...state, centreId: event.data.toCentreId } : state;
    default:
      return state;
  }
}

export const statusOf = (state: ConsentState, purpose: ConsentPurpose): ConsentStatus =>
  (state.registered && state.latest.get(purpose)?.status) || 'MISSING';

export interface ConsentContext {
  readonly clock: Clock;
}

export function decide(command: ConsentCommand, state: ConsentState, context: ConsentContext): ParticipantEvent[] {
  if (!state.registered) throw notFound('participantId', 'no participant has this id');
  if (state.erased) throw conflict("this participant's personal data is erased; nothing more is recorded about them", 'participantId');
  const { date } = command.data;
  if (date > context.clock.today) throw badInput('date', 'consent cannot be recorded for a future date');

  switch (command.type) {
    case 'RecordConsent': {
      const { legalBasis, givenBy } = command.data;
      const age = yearOf(date) - state.birthYear;
      if (legalBasis === 'CONSENT' && givenBy === 'SELF' && age < AGE_OF_DIGITAL_CONSENT) {
        throw badInput('givenBy', `a child under ${AGE_OF_DIGITAL_CONSENT} cannot consent alone; a parent or guardian gives consent`);
      }
      return [{ type: 'ConsentRecorded', data: command.data }];
    }
    case 'WithdrawConsent': {
      const { purpose } = command.data;
      const latest = state.latest.get(purpose);
      if (latest?.status !== 'GIVEN') throw conflict(`there is no consent for ${purpose} to withdraw`, 'purpose');
      if (date < latest.date) throw badInput('date', `the consent was recorded on ${latest.date}; a withdrawal cannot be dated earlier`);
      return [{ type: 'ConsentWithdrawn', data: command.data }];
    }
  }
}

/** Consent's decider, over the participant's own stream. */
export const decider: Decider<ConsentCommand, ConsentState, ParticipantEvent, ConsentContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.registered ? state.centreId : undefined) };
