import { audienceTotal } from '../src/domain/cultural-events/events.js';
import { attendanceChange, emptyAttendeeSet, ordinalsBlob, ordinalsOf, withSessions, type AttendeeSet } from './attendee-set.js';
import type { ConsultationView } from './consultations.js';
import type { CulturalEventView } from './cultural-events.js';
import { defineProjection, type EventOfType, type Lookup } from './projection.js';
import type { VolunteerHoursView } from './volunteers.js';
import type { WorkshopView } from './workshops.js';

/**
 * What happened at a centre over a span of local dates (a day, or a calendar month): attendance
 * pairs, workshops held (with at least one attendee) and the set of participants who attended;
 * volunteer hours, consultations (and the set of participants consulted), cultural events and
 * their audience. A period's figures are sums of its whole months and the days at its edges, and
 * its unique counts the union of their sets, so a summary never reads the entries themselves.
 */
export interface CentreSpanView extends AttendeeSet {
  readonly centreId: string;
  /** YYYY-MM-DD for a day, YYYY-MM for a month. */
  readonly span: string;
  readonly attendances: number;
  readonly workshopsHeld: number;
  /** Volunteer hours not retracted, in hundredths (the unit hours are recorded in). */
  readonly hoursHundredths: number;
  readonly consultations: number;
  /** Participants with a consultation not retracted, by number, with how many. */
  readonly consulted: AttendeeSet;
  readonly culturalEvents: number;
  readonly audience: number;
}

export const centreSpanId = (centreId: string, span: string) => `${centreId}|${span}`;

const handledTypes = [
  'AttendanceRecorded',
  'AttendanceRemoved',
  'VolunteerHoursLogged',
  'VolunteerHoursRetracted',
  'LegalConsultationRecorded',
  'LegalConsultationRetracted',
  'CulturalEventRecorded',
  'CulturalEventAudienceCorrected',
] as const;
type Handled = (typeof handledTypes)[number];

/** An event's effect on the figures of the centre and local date it happened on. */
interface SpanChange {
  readonly centreId: string;
  readonly localDate: string;
  readonly apply: (doc: CentreSpanView) => CentreSpanView;
}

/**
 * The change an event makes, or none. These views come after the workshops view and before the
 * hours, consultations and cultural events views in the runner's order: a workshop is looked up
 * with this attendance applied, an entry as it was before this retraction or correction.
 */
function changeOf(event: EventOfType<Handled>, lookup: Lookup): SpanChange | undefined {
  switch (event.type) {
    case 'AttendanceRecorded':
    case 'AttendanceRemoved': {
      const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
      if (!workshop) return undefined;
      return {
        centreId: workshop.centreId,
        localDate: workshop.localDate,
        apply: (doc) => {
          const change = attendanceChange(event, lookup);
          return {
            ...doc,
            ...withSessions(doc, change.ordinals, change.delta),
            attendances: doc.attendances + change.pairs,
            workshopsHeld: doc.workshopsHeld + change.workshopsHeld,
          };
        },
      };
    }
    case 'VolunteerHoursLogged': {
      const hundredths = Math.round(event.data.hours * 100);
      return { centreId: event.data.centreId, localDate: event.data.date, apply: (doc) => ({ ...doc, hoursHundredths: doc.hoursHundredths + hundredths }) };
    }
    case 'VolunteerHoursRetracted': {
      const entry = lookup<VolunteerHoursView>('volunteer_hours', event.data.entryId);
      if (!entry || entry.retracted) return undefined;
      const hundredths = Math.round(entry.hours * 100);
      return { centreId: entry.centreId, localDate: entry.date, apply: (doc) => ({ ...doc, hoursHundredths: doc.hoursHundredths - hundredths }) };
    }
    case 'LegalConsultationRecorded': {
      const { centreId, date, participantId } = event.data;
      return {
        centreId,
        localDate: date,
        apply: (doc) => ({ ...doc, consultations: doc.consultations + 1, consulted: withSessions(doc.consulted, ordinalsOf([participantId], lookup), 1) }),
      };
    }
    case 'LegalConsultationRetracted': {
      const consultation = lookup<ConsultationView>('consultations', event.data.consultationId);
      if (!consultation || consultation.retracted) return undefined;
      return {
        centreId: consultation.centreId,
        localDate: consultation.date,
        apply: (doc) => ({
          ...doc,
          consultations: doc.consultations - 1,
          consulted: withSessions(doc.consulted, ordinalsOf([consultation.participantId], lookup), -1),
        }),
      };
    }
    case 'CulturalEventRecorded': {
      const audience = audienceTotal(event.data.audience);
      return { centreId: event.data.centreId, localDate: event.data.date, apply: (doc) => ({ ...doc, culturalEvents: doc.culturalEvents + 1, audience: doc.audience + audience }) };
    }
    case 'CulturalEventAudienceCorrected': {
      const culturalEvent = lookup<CulturalEventView>('cultural_events', event.data.culturalEventId);
      if (!culturalEvent) return undefined;
      const difference = audienceTotal(event.data.audience) - audienceTotal(culturalEvent.audience);
      return { centreId: culturalEvent.centreId, localDate: culturalEvent.date, apply: (doc) => ({ ...doc, audience: doc.audience + difference }) };
    }
  }
}

const emptySpan = (centreId: string, span: string): CentreSpanView => ({
  centreId,
  span,
  attendances: 0,
  workshopsHeld: 0,
  ...emptyAttendeeSet,
  hoursHundredths: 0,
  consultations: 0,
  consulted: emptyAttendeeSet,
  culturalEvents: 0,
  audience: 0,
});

const centreSpans = (name: string, spanOf: (localDate: string) => string) =>
  defineProjection<CentreSpanView, Handled>({
    name,
    // 3: hours, consultations and cultural events joined attendance.
    version: 3,
    handles: handledTypes,
    documentIds: (event, lookup) => {
      const change = changeOf(event, lookup);
      return change ? [centreSpanId(change.centreId, spanOf(change.localDate))] : [];
    },
    evolve: (doc, event, id, lookup) => {
      const change = changeOf(event, lookup);
      const [centreId = '', span = ''] = id.split('|');
      return change ? change.apply(doc ?? emptySpan(centreId, span)) : doc;
    },
    columns: {
      centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
      span: { type: 'TEXT', value: (doc) => doc.span },
      attendances: { type: 'INTEGER', value: (doc) => doc.attendances },
      workshops_held: { type: 'INTEGER', value: (doc) => doc.workshopsHeld },
      attendee_ordinals: { type: 'BLOB', value: (doc) => ordinalsBlob(doc) },
      hours_hundredths: { type: 'INTEGER', value: (doc) => doc.hoursHundredths },
      consultations: { type: 'INTEGER', value: (doc) => doc.consultations },
      consulted_ordinals: { type: 'BLOB', value: (doc) => ordinalsBlob(doc.consulted) },
      cultural_events: { type: 'INTEGER', value: (doc) => doc.culturalEvents },
      audience: { type: 'INTEGER', value: (doc) => doc.audience },
    },
    indexes: [['span', 'centre_id']],
  });

export const centreDays = centreSpans('centre_days', (localDate) => localDate);
export const centreMonths = centreSpans('centre_months', (localDate) => localDate.slice(0, 7));
