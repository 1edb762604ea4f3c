import type { LegalTopic, ServiceLevel } from '../src/domain/legal-aid/events.js';
import type { LegalOutcome } from '../src/domain/legal-cases/events.js';
import { defineProjection } from './projection.js';

export type LegalCaseStatus = 'OPEN' | 'CLOSED';

/** A legal case; its consultations are those whose case_id names it (see consultations.ts). */
export interface LegalCaseView {
  readonly id: string;
  readonly centreId: string;
  readonly participantId: string;
  readonly problem: LegalTopic;
  readonly openedOn: string;
  readonly status: LegalCaseStatus;
  readonly closedOn: string | null;
  readonly outcome: LegalOutcome | null;
  readonly openedAt: string;
}

export const legalCases = defineProjection<LegalCaseView, 'LegalCaseOpened' | 'LegalCaseClosed'>({
  name: 'legal_cases',
  version: 1,
  handles: ['LegalCaseOpened', 'LegalCaseClosed'],
  documentIds: (event) => [event.data.caseId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'LegalCaseOpened': {
        const { caseId, centreId, participantId, problem, openedOn } = event.data;
        return { id: caseId, centreId, participantId, problem, openedOn, status: 'OPEN', closedOn: null, outcome: null, openedAt: event.metadata.recordedAt };
      }
      case 'LegalCaseClosed':
        return doc && { ...doc, status: 'CLOSED', closedOn: event.data.closedOn, outcome: event.data.outcome };
    }
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    problem: { type: 'TEXT', value: (doc) => doc.problem },
    opened_on: { type: 'TEXT', value: (doc) => doc.openedOn },
    closed_on: { type: 'TEXT', value: (doc) => doc.closedOn },
    outcome: { type: 'TEXT', value: (doc) => doc.outcome },
  },
  indexes: [['centre_id', 'opened_on'], ['centre_id', 'closed_on'], ['participant_id']],
});

/**
 * The case and service level of a consultation, for those recorded with either: kept apart from
 * the consultations view so that view keeps its shape; queries join on consultation id.
 */
export interface CaseConsultationView {
  readonly consultationId: string;
  readonly caseId: string | null;
  readonly serviceLevel: ServiceLevel | null;
}

export const caseConsultations = defineProjection<CaseConsultationView, 'LegalConsultationRecorded'>({
  name: 'case_consultations',
  version: 1,
  handles: ['LegalConsultationRecorded'],
  documentIds: (event) => (event.data.caseId === undefined && event.data.serviceLevel === undefined ? [] : [event.data.consultationId]),
  evolve: (_doc, { data }) => ({ consultationId: data.consultationId, caseId: data.caseId ?? null, serviceLevel: data.serviceLevel ?? null }),
  columns: { case_id: { type: 'TEXT', value: (doc) => doc.caseId } },
  indexes: [['case_id']],
});
