import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import { LegalTopic } from '../legal-aid/events.js';
import type { ParticipantState } from '../participants/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate } from '../shared/input.js';
import { LegalOutcome, type LegalCaseEvent } from './events.js';

export const streamOf = (caseId: string) => `legalCase-${caseId}`;

export const OpenLegalCase = z.object({
  caseId: id,
  centreId: id,
  participantId: id,
  problem: LegalTopic,
  openedOn: isoDate,
});
export type OpenLegalCase = z.infer<typeof OpenLegalCase>;

export const CloseLegalCase = z.object({ caseId: id, closedOn: isoDate, outcome: LegalOutcome });
export type CloseLegalCase = z.infer<typeof CloseLegalCase>;

export type LegalCaseCommand = { type: 'OpenLegalCase'; data: OpenLegalCase } | { type: 'CloseLegalCase'; data: CloseLegalCase };

export type LegalCaseState =
  | { readonly status: 'NONE' }
  | {
      readonly status: 'OPEN' | 'CLOSED';
      readonly centreId: string;
      readonly participantId: string;
      readonly openedOn: string;
    };

export const initialState: LegalCaseState = { status: 'NONE' };

export function evolve(state: LegalCaseState, event: LegalCaseEvent): LegalCaseState {
  switch (event.type) {
    case 'LegalCaseOpened': {
      const { centreId, participantId, openedOn } = event.data;
      return { status: 'OPEN', centreId, participantId, openedOn };
    }
    case 'LegalCaseClosed':
      return state.status === 'NONE' ? state : { ...state, status: 'CLOSED' };
  }
}

export interface LegalCaseContext {
  readonly clock: Clock;
  /** The centre and participant named by OpenLegalCase. */
  readonly centre?: CentreState;
  readonly participant?: ParticipantState;
}

export function decide(command: LegalCaseCommand, state: LegalCaseState, context: LegalCaseContext): LegalCaseEvent[] {
  switch (command.type) {
    case 'OpenLegalCase': {
      const { openedOn } = command.data;
      if (state.status !== 'NONE') throw conflict('this legal case is already open', 'caseId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      if (!context.participant?.registered) throw notFound('participantId', 'no participant has this id');
      if (context.participant.erased) throw conflict('an erased participant cannot be given a new case', 'participantId');
      if (openedOn > context.clock.today) throw badInput('openedOn', 'a case cannot be opened on a future date');
      return [{ type: 'LegalCaseOpened', data: command.data }];
    }
    case 'CloseLegalCase': {
      const { closedOn } = command.data;
      if (state.status === 'NONE') throw notFound('caseId', 'no legal case has this id');
      if (state.status === 'CLOSED') throw conflict('this legal case is already closed', 'caseId');
      if (closedOn > context.clock.today) throw badInput('closedOn', 'a case cannot be closed on a future date');
      if (closedOn < state.openedOn) throw badInput('closedOn', `a case cannot be closed before it was opened (${state.openedOn})`);
      return [{ type: 'LegalCaseClosed', data: command.data }];
    }
  }
}

/**
 * Whether a consultation may be recorded on a case: the case exists (NOT_FOUND), is the same
 * participant's at the same centre (BAD_USER_INPUT), and is still open (CONFLICT). Throws, on `caseId`.
 */
export function checkConsultationOnCase(legalCase: LegalCaseState | undefined, consultation: { centreId: string; participantId: string }): void {
  if (!legalCase || legalCase.status === 'NONE') throw notFound('caseId', 'no legal case has this id');
  if (legalCase.participantId !== consultation.participantId) {
    throw badInput('caseId', 'this case is about another participant');
  }
  if (legalCase.centreId !== consultation.centreId) throw badInput('caseId', 'this case is held at another centre');
  if (legalCase.status === 'CLOSED') throw conflict('this legal case is closed; open a new case for a new problem', 'caseId');
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<LegalCaseCommand, LegalCaseState, LegalCaseEvent, LegalCaseContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
