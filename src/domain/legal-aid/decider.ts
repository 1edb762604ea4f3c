import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import { checkConsultationOnCase, type LegalCaseState } from '../legal-cases/decider.js';
import type { ParticipantState } from '../participants/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText, text } from '../shared/input.js';
import { LegalTopic, ServiceLevel, type LegalAidEvent } from './events.js';

export const streamOf = (consultationId: string) => `consultation-${consultationId}`;

export const RecordLegalConsultation = z.object({
  consultationId: id,
  centreId: id,
  participantId: id,
  date: isoDate,
  topic: LegalTopic,
  outcome: optionalText(2000),
  caseId: id
    .nullish()
    .transform((value) => value ?? undefined)
    .optional(),
  serviceLevel: ServiceLevel.nullish()
    .transform((value) => value ?? undefined)
    .optional(),
});
export type RecordLegalConsultation = z.infer<typeof RecordLegalConsultation>;

export const RetractLegalConsultation = z.object({ consultationId: id, reason: text(500) });
export type RetractLegalConsultation = z.infer<typeof RetractLegalConsultation>;

export type LegalAidCommand =
  | { type: 'RecordLegalConsultation'; data: RecordLegalConsultation }
  | { type: 'RetractLegalConsultation'; data: RetractLegalConsultation };

export type ConsultationState =
  | { readonly status: 'NONE' }
  | { readonly status: 'RECORDED' | 'RETRACTED'; readonly centreId: string; readonly participantId: string; readonly date: string };

export const initialState: ConsultationState = { status: 'NONE' };

export function evolve(state: ConsultationState, event: LegalAidEvent): ConsultationState {
  switch (event.type) {
    case 'LegalConsultationRecorded':
      return { status: 'RECORDED', centreId: event.data.centreId, participantId: event.data.participantId, date: event.data.date };
    case 'LegalConsultationRetracted':
      return state.status === 'NONE' ? state : { ...state, status: 'RETRACTED' };
  }
}

export interface LegalAidContext {
  readonly clock: Clock;
  readonly centre?: CentreState;
  readonly participant?: ParticipantState;
  /** The case named by RecordLegalConsultation's caseId. */
  readonly legalCase?: LegalCaseState;
}

export function decide(command: LegalAidCommand, state: ConsultationState, context: LegalAidContext): LegalAidEvent[] {
  switch (command.type) {
    case 'RecordLegalConsultation': {
      const { consultationId, centreId, participantId, date, topic, outcome, caseId, serviceLevel } = command.data;
      if (state.status !== 'NONE') throw conflict('this consultation is already recorded', 'consultationId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      if (!context.participant?.registered) throw notFound('participantId', 'no participant has this id');
      if (context.participant.erased) throw conflict('an erased participant cannot be recorded again', 'participantId');
      if (date > context.clock.today) throw badInput('date', 'a consultation cannot be recorded for a future date');
      if (caseId !== undefined) checkConsultationOnCase(context.legalCase, { centreId, participantId });
      return [
        {
          type: 'LegalConsultationRecorded',
          data: {
            consultationId,
            centreId,
            participantId,
            date,
            topic,
            ...(caseId !== undefined ? { caseId } : {}),
            ...(serviceLevel !== undefined ? { serviceLevel } : {}),
            personal: outcome ? { outcome } : {},
          },
        },
      ];
    }
    case 'RetractLegalConsultation': {
      if (state.status === 'NONE') throw notFound('consultationId', 'no consultation has this id');
      if (state.status === 'RETRACTED') throw conflict('this consultation is already retracted', 'consultationId');
      return [{ type: 'LegalConsultationRetracted', data: command.data }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<LegalAidCommand, ConsultationState, LegalAidEvent, LegalAidContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
