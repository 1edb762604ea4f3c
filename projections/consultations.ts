import type { LegalTopic } from '../src/domain/legal-aid/events.js';
import { defineProjection } from './projection.js';

export interface ConsultationView {
  readonly id: string;
  readonly centreId: string;
  readonly participantId: string;
  readonly date: string;
  readonly topic: LegalTopic;
  /** The outcome, as stored in the event: sealed for the participant's key once encryption is on. */
  readonly personal: unknown;
  readonly recordedAt: string;
  readonly retracted: { readonly at: string; readonly reason: string } | null;
}

export const consultations = defineProjection<ConsultationView, 'LegalConsultationRecorded' | 'LegalConsultationRetracted'>({
  name: 'consultations',
  version: 1,
  handles: ['LegalConsultationRecorded', 'LegalConsultationRetracted'],
  documentIds: (event) => [event.data.consultationId],
  evolve: (doc, event) => {
    switch (event.type) {
      case 'LegalConsultationRecorded': {
        const { consultationId, centreId, participantId, date, topic, personal } = event.data;
        return { id: consultationId, centreId, participantId, date, topic, personal, recordedAt: event.metadata.recordedAt, retracted: null };
      }
      case 'LegalConsultationRetracted':
        return doc && { ...doc, retracted: { at: event.metadata.recordedAt, reason: event.data.reason } };
    }
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    date: { type: 'TEXT', value: (doc) => doc.date },
    active: { type: 'INTEGER', value: (doc) => (doc.retracted ? 0 : 1) },
  },
  // The last one covers the programme-wide count of a period's consultations.
  indexes: [['centre_id', 'date'], ['participant_id'], ['active', 'date', 'centre_id', 'participant_id']],
});
