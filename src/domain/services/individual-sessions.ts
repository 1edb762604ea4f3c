import { z } from 'zod';
import { conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText, text, wholeNumber } from '../shared/input.js';
import { IndividualSessionKind, type IndividualSessionEvent } from './events.js';
import { checkNewService, type ServiceContext } from './rules.js';
import type { Decider } from '../shared/decider.js';

export const streamOf = (sessionId: string) => `individualSession-${sessionId}`;

export const RecordIndividualSession = z.object({
  sessionId: id,
  centreId: id,
  participantId: id,
  kind: IndividualSessionKind,
  date: isoDate,
  durationMinutes: wholeNumber(5, 480),
  notes: optionalText(4000),
});
export type RecordIndividualSession = z.infer<typeof RecordIndividualSession>;

export const RetractIndividualSession = z.object({ sessionId: id, reason: text(500) });
export type RetractIndividualSession = z.infer<typeof RetractIndividualSession>;

export type IndividualSessionCommand =
  | { type: 'RecordIndividualSession'; data: RecordIndividualSession }
  | { type: 'RetractIndividualSession'; data: RetractIndividualSession };

export type IndividualSessionState =
  | { readonly status: 'NONE' }
  | { readonly status: 'RECORDED' | 'RETRACTED'; readonly centreId: string; readonly participantId: string; readonly date: string };

export const initialState: IndividualSessionState = { status: 'NONE' };

export function evolve(state: IndividualSessionState, event: IndividualSessionEvent): IndividualSessionState {
  switch (event.type) {
    case 'IndividualSessionRecorded':
      return { status: 'RECORDED', centreId: event.data.centreId, participantId: event.data.participantId, date: event.data.date };
    case 'IndividualSessionRetracted':
      return state.status === 'NONE' ? state : { ...state, status: 'RETRACTED' };
  }
}

export function decide(command: IndividualSessionCommand, state: IndividualSessionState, context: ServiceContext): IndividualSessionEvent[] {
  switch (command.type) {
    case 'RecordIndividualSession': {
      const { notes, ...data } = command.data;
      if (state.status !== 'NONE') throw conflict('this individual session is already recorded', 'sessionId');
      checkNewService(context, data.date, 'a session');
      return [{ type: 'IndividualSessionRecorded', data: { ...data, personal: notes ? { notes } : {} } }];
    }
    case 'RetractIndividualSession': {
      if (state.status === 'NONE') throw notFound('sessionId', 'no individual session has this id');
      if (state.status === 'RETRACTED') throw conflict('this individual session is already retracted', 'sessionId');
      return [{ type: 'IndividualSessionRetracted', data: command.data }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<IndividualSessionCommand, IndividualSessionState, IndividualSessionEvent, ServiceContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
