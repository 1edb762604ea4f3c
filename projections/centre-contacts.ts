import { attendanceChange, ordinalsOf, type AttendeeSet } from './attendee-set.js';
import type { ConsultationView } from './consultations.js';
import { addSessionsInPlace, emptyPackedSessions, heldSessions, packedOf, withPackedSessions, type Sessions } from './packed-sessions.js';
import { defineProjection, type EventOfType, type Lookup } from './projection.js';
import type { ServiceRecordView } from './services.js';
import type { WorkshopView } from './workshops.js';

/**
 * What a donor's indicators count, besides a workshop's kind: a consultation, an individual
 * session, a referral made, a referral completed (on its closing date) and assistance.
 */
export const CONTACT_KINDS = ['CONSULTATION', 'INDIVIDUAL_SESSION', 'REFERRAL_MADE', 'REFERRAL_COMPLETED', 'ASSISTANCE'] as const;
export type ContactKind = (typeof CONTACT_KINDS)[number];

/**
 * The people a centre reached in a span (a day or a calendar month) by one kind of contact (a
 * workshop kind, or one of CONTACT_KINDS), with how many contacts each had: participant numbers
 * with their sessions, packed (packed-sessions.ts). This is what a programme's indicators need (kind,
 * sessions per person, services) without reading attendance or records (src/read/measures.ts).
 * A month keeps the sessions too, so a removal needs no look at its days.
 *
 * The centre, span and kind are the document's id (`centre|span|kind`, {@link contactSpanId}),
 * not fields or columns of it; the numbers are stored once, in the document, and readers pack
 * them (src/read/contact-rows.ts). Each had been stored two or three times (id, document, column).
 */
export interface CentreContactsView {
  /**
   * The participant numbers with their contacts, packed (packed-sessions.ts): every attendance
   * rewrites a month's. Held decoded while a bulk replay keeps the document.
   */
  readonly members: Sessions;
  /** Workshops of this kind held (with at least one attendee now); 0 for the other kinds. */
  readonly workshopsHeld: number;
  /**
   * The log position of the last event that changed the row: a reader that keeps rows asks only
   * for those changed since it last looked (src/read/contact-rows.ts). Rows are never deleted.
   */
  readonly changedAt: number;
  /** When that event was recorded: a row changed by then is as it was at any later instant (src/read/as-of-contacts.ts). */
  readonly changedTime: string;
}

/** `centre|span|kind`: one centre's rows of a span range are one range of the primary key. */
export const contactSpanId = (centreId: string, span: string, kind: string) => `${centreId}|${span}|${kind}`;

/** A row's id back to its centre, span and kind (a centre's id is opaque: the last two parts are the span and kind). */
export function contactSpanOf(id: string): { readonly centreId: string; readonly span: string; readonly kind: string } {
  const kindAt = id.lastIndexOf('|');
  const spanAt = id.lastIndexOf('|', kindAt - 1);
  return { centreId: id.slice(0, spanAt), span: id.slice(spanAt + 1, kindAt), kind: id.slice(kindAt + 1) };
}

const handledTypes = [
  'AttendanceRecorded',
  'AttendanceRemoved',
  'LegalConsultationRecorded',
  'LegalConsultationRetracted',
  'IndividualSessionRecorded',
  'IndividualSessionRetracted',
  'ReferralMade',
  'ReferralClosed',
  'AssistanceRecorded',
  'AssistanceRetracted',
] as const;
type Handled = (typeof handledTypes)[number];

interface ContactChange {
  readonly centreId: string;
  readonly localDate: string;
  readonly kind: string;
  readonly change: () => { readonly ordinals: readonly number[]; readonly delta: 1 | -1; readonly workshopsHeld: number };
}

/**
 * An event's change to a centre's contacts of one kind on one date, or none. These views come
 * after the workshops view (an attendance looks up its workshop with the event applied) and before
 * the consultations and service records (a retraction looks up the entry as it was before it).
 */
function changeOf(event: EventOfType<Handled>, lookup: Lookup): ContactChange | undefined {
  const person = (participantId: string, delta: 1 | -1) => () => ({ ordinals: ordinalsOf([participantId], lookup), delta, workshopsHeld: 0 });
  switch (event.type) {
    case 'AttendanceRecorded':
    case 'AttendanceRemoved': {
      const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
      if (!workshop) return undefined;
      return { centreId: workshop.centreId, localDate: workshop.localDate, kind: workshop.kind, change: () => attendanceChange(event, lookup) };
    }
    case 'LegalConsultationRecorded':
      return { centreId: event.data.centreId, localDate: event.data.date, kind: 'CONSULTATION', change: person(event.data.participantId, 1) };
    case 'LegalConsultationRetracted': {
      const consultation = lookup<ConsultationView>('consultations', event.data.consultationId);
      if (!consultation || consultation.retracted) return undefined;
      return { centreId: consultation.centreId, localDate: consultation.date, kind: 'CONSULTATION', change: person(consultation.participantId, -1) };
    }
    case 'IndividualSessionRecorded':
      return { centreId: event.data.centreId, localDate: event.data.date, kind: 'INDIVIDUAL_SESSION', change: person(event.data.participantId, 1) };
    case 'ReferralMade':
      return { centreId: event.data.centreId, localDate: event.data.date, kind: 'REFERRAL_MADE', change: person(event.data.participantId, 1) };
    case 'AssistanceRecorded':
      return { centreId: event.data.centreId, localDate: event.data.date, kind: 'ASSISTANCE', change: person(event.data.participantId, 1) };
    case 'ReferralClosed': {
      const referral = lookup<ServiceRecordView>('service_records', event.data.referralId);
      // Only a completed referral counts, on its closing date.
      if (!referral || referral.closed || event.data.outcome !== 'SERVICE_RECEIVED') return undefined;
      return { centreId: referral.centreId, localDate: event.data.date, kind: 'REFERRAL_COMPLETED', change: person(referral.participantId, 1) };
    }
    case 'IndividualSessionRetracted':
    case 'AssistanceRetracted': {
      const record = lookup<ServiceRecordView>('service_records', event.type === 'IndividualSessionRetracted' ? event.data.sessionId : event.data.assistanceId);
      if (!record || record.retracted) return undefined;
      return { centreId: record.centreId, localDate: record.date, kind: record.type === 'ASSISTANCE' ? 'ASSISTANCE' : 'INDIVIDUAL_SESSION', change: person(record.participantId, -1) };
    }
  }
}

/** Participant numbers and their sessions, interleaved as little-endian 32-bit integers. */
export const contactsBlob = (set: AttendeeSet): Buffer => {
  const bytes = Buffer.alloc(set.ordinals.length * 8);
  set.ordinals.forEach((ordinal, i) => {
    bytes.writeUInt32LE(ordinal, i * 8);
    bytes.writeUInt32LE(set.sessions[i]!, i * 8 + 4);
  });
  return bytes;
};

const contactsProjection = (name: string, spanOf: (localDate: string) => string) =>
  defineProjection<CentreContactsView, Handled>({
    name,
    // 4: centre, span and kind only in the id; the numbers only in the document (no contacts blob,
    // no span index: every reader goes by the id's ranges or by changed_at). 5: the numbers packed.
    version: 5,
    reads: ['workshops', 'participants', 'consultations', 'service_records'],
    handles: handledTypes,
    documentIds: (event, lookup) => {
      const change = changeOf(event, lookup);
      return change ? [contactSpanId(change.centreId, spanOf(change.localDate), change.kind)] : [];
    },
    evolve: (doc, event, _id, lookup) => {
      const found = changeOf(event, lookup);
      if (!found) return doc;
      const { ordinals, delta, workshopsHeld } = found.change();
      const current = doc ?? { members: emptyPackedSessions, workshopsHeld: 0, changedAt: 0, changedTime: '' };
      return { members: withPackedSessions(packedOf(current.members), ordinals, delta), workshopsHeld: current.workshopsHeld + workshopsHeld, changedAt: Number(event.position), changedTime: event.metadata.recordedAt };
    },
    evolveInPlace: (doc, event, _id, lookup) => {
      const found = changeOf(event, lookup);
      if (!found) return doc;
      const { ordinals, delta, workshopsHeld } = found.change();
      const contacts = (doc ?? { members: emptyPackedSessions, workshopsHeld: 0, changedAt: 0, changedTime: '' }) as { -readonly [K in keyof CentreContactsView]: CentreContactsView[K] };
      const held = heldSessions(contacts.members);
      addSessionsInPlace(held, ordinals, delta);
      contacts.members = held;
      contacts.workshopsHeld += workshopsHeld;
      contacts.changedAt = Number(event.position);
      contacts.changedTime = event.metadata.recordedAt;
      return contacts;
    },
    columns: {
      changed_at: { type: 'INTEGER', value: (doc) => doc.changedAt },
    },
    indexes: [['changed_at']],
  });

export const centreDayContacts = contactsProjection('centre_day_contacts', (date) => date);
export const centreMonthContacts = contactsProjection('centre_month_contacts', (date) => date.slice(0, 7));
