import { supersedes } from '../src/domain/participants/consent.js';
import type { ConsentGiver, ConsentPurpose, LegalBasis } from '../src/domain/participants/events.js';
import { defineProjection } from './projection.js';

/**
 * The latest consent record of one participant for one purpose: latest by its date, and among
 * records of one date the last one stored (as the consent decider reads them).
 */
export interface ConsentView {
  readonly participantId: string;
  readonly purpose: ConsentPurpose;
  readonly status: 'GIVEN' | 'WITHDRAWN';
  /** The basis and who gave it, while GIVEN; null once withdrawn. */
  readonly legalBasis: LegalBasis | null;
  readonly givenBy: ConsentGiver | null;
  readonly date: string;
  readonly recordedAt: string;
}

export const consentId = (participantId: string, purpose: ConsentPurpose) => `${participantId}:${purpose}`;

export const consent = defineProjection<ConsentView, 'ConsentRecorded' | 'ConsentWithdrawn'>({
  name: 'consent',
  version: 1,
  handles: ['ConsentRecorded', 'ConsentWithdrawn'],
  documentIds: (event) => [consentId(event.data.participantId, event.data.purpose)],
  evolve: (doc, event) => {
    const { participantId, purpose, date } = event.data;
    if (!supersedes(date, doc)) return doc;
    const recordedAt = event.metadata.recordedAt;
    return event.type === 'ConsentRecorded'
      ? { participantId, purpose, status: 'GIVEN', legalBasis: event.data.legalBasis, givenBy: event.data.givenBy, date, recordedAt }
      : { participantId, purpose, status: 'WITHDRAWN', legalBasis: null, givenBy: null, date, recordedAt };
  },
  columns: {
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    purpose: { type: 'TEXT', value: (doc) => doc.purpose },
    status: { type: 'TEXT', value: (doc) => doc.status },
  },
  indexes: [['participant_id'], ['purpose', 'status']],
});
