import type { AssistanceKind, Currency, IndividualSessionKind, ReferralOutcome, ReferralService } from '../src/domain/services/events.js';
import { defineProjection } from './projection.js';

export type ServiceRecordType = 'INDIVIDUAL_SESSION' | 'REFERRAL' | 'ASSISTANCE';

/**
 * One individual session, referral or assistance, as the API reads it: what it was, for whom, where
 * and when, its sealed personal text (notes, reason, description), and when it was recorded,
 * retracted or (a referral) closed, so that as-of reports can tell what stood at an instant.
 */
export interface ServiceRecordView {
  readonly id: string;
  readonly type: ServiceRecordType;
  readonly centreId: string;
  readonly participantId: string;
  readonly date: string;
  /** A session's or an assistance's kind. */
  readonly kind: IndividualSessionKind | AssistanceKind | null;
  readonly durationMinutes: number | null;
  readonly service: ReferralService | null;
  readonly organisation: string | null;
  readonly value: number | null;
  readonly currency: Currency | null;
  /** Sealed with the participant's key once encryption is on: { notes } | { reason } | { description }. */
  readonly personal: unknown;
  readonly recordedAt: string;
  readonly retracted: { readonly at: string; readonly reason: string } | null;
  /** A referral's closing: its date, outcome, and when it was recorded. */
  readonly closed: { readonly date: string; readonly outcome: ReferralOutcome; readonly at: string } | null;
}

type Handled =
  | 'IndividualSessionRecorded'
  | 'IndividualSessionRetracted'
  | 'ReferralMade'
  | 'ReferralClosed'
  | 'AssistanceRecorded'
  | 'AssistanceRetracted';

export const serviceRecordHandles: readonly Handled[] = [
  'IndividualSessionRecorded',
  'IndividualSessionRetracted',
  'ReferralMade',
  'ReferralClosed',
  'AssistanceRecorded',
  'AssistanceRetracted',
];

const blank = { kind: null, durationMinutes: null, service: null, organisation: null, value: null, currency: null, retracted: null, closed: null };

export const serviceRecords = defineProjection<ServiceRecordView, Handled>({
  name: 'service_records',
  version: 1,
  handles: serviceRecordHandles,
  documentIds: (event) => {
    switch (event.type) {
      case 'IndividualSessionRecorded':
      case 'IndividualSessionRetracted':
        return [event.data.sessionId];
      case 'ReferralMade':
      case 'ReferralClosed':
        return [event.data.referralId];
      case 'AssistanceRecorded':
      case 'AssistanceRetracted':
        return [event.data.assistanceId];
    }
  },
  evolve: (doc, event) => {
    const recordedAt = event.metadata.recordedAt;
    switch (event.type) {
      case 'IndividualSessionRecorded': {
        const { sessionId, centreId, participantId, date, kind, durationMinutes, personal } = event.data;
        return { ...blank, id: sessionId, type: 'INDIVIDUAL_SESSION', centreId, participantId, date, kind, durationMinutes, personal, recordedAt };
      }
      case 'ReferralMade': {
        const { referralId, centreId, participantId, date, service, organisation, personal } = event.data;
        return { ...blank, id: referralId, type: 'REFERRAL', centreId, participantId, date, service, organisation, personal, recordedAt };
      }
      case 'AssistanceRecorded': {
        const { assistanceId, centreId, participantId, date, kind, value, currency, personal } = event.data;
        return { ...blank, id: assistanceId, type: 'ASSISTANCE', centreId, participantId, date, kind, value: value ?? null, currency: currency ?? null, personal, recordedAt };
      }
      case 'ReferralClosed':
        return doc && !doc.closed ? { ...doc, closed: { date: event.data.date, outcome: event.data.outcome, at: recordedAt } } : doc;
      case 'IndividualSessionRetracted':
      case 'AssistanceRetracted':
        return doc && !doc.retracted ? { ...doc, retracted: { at: recordedAt, reason: event.data.reason } } : doc;
    }
  },
  columns: {
    type: { type: 'TEXT', value: (doc) => doc.type },
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    date: { type: 'TEXT', value: (doc) => doc.date },
    active: { type: 'INTEGER', value: (doc) => (doc.retracted ? 0 : 1) },
    /** A referral still open: 1; anything else 0. */
    open: { type: 'INTEGER', value: (doc) => (doc.type === 'REFERRAL' && !doc.closed ? 1 : 0) },
    closed_on: { type: 'TEXT', value: (doc) => doc.closed?.date ?? null },
  },
  // A person's history; a centre's services of a type in a period; open referrals by centre and date; closings in a period.
  indexes: [['participant_id'], ['centre_id', 'type', 'date'], ['open', 'centre_id', 'date'], ['closed_on', 'centre_id']],
});
