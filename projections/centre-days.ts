import { attendanceChange, emptyAttendeeSet, ordinalsBlob, withSessions, type AttendeeSet } from './attendee-set.js';
import { defineProjection, type Lookup } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * A centre's attendance over a span of local dates (a day, or a calendar month): pairs, workshops
 * held (with at least one attendee) and the set of participants who attended. A period's figures
 * are sums of whole months and the days at its edges; its unique participants are the union of
 * their sets. Nothing grows with the log but the number of days.
 */
export interface CentreSpanView extends AttendeeSet {
  readonly centreId: string;
  /** YYYY-MM-DD for a day, YYYY-MM for a month. */
  readonly span: string;
  readonly attendances: number;
  readonly workshopsHeld: number;
}

export const centreSpanId = (centreId: string, span: string) => `${centreId}|${span}`;

type AttendanceEventType = 'AttendanceRecorded' | 'AttendanceRemoved';

const centreSpans = (name: string, spanOf: (localDate: string) => string) =>
  defineProjection<CentreSpanView, AttendanceEventType>({
    name,
    version: 2,
    handles: ['AttendanceRecorded', 'AttendanceRemoved'],
    documentIds: (event, lookup: Lookup) => {
      const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
      return workshop ? [centreSpanId(workshop.centreId, spanOf(workshop.localDate))] : [];
    },
    evolve: (doc, event, id, lookup) => {
      const change = attendanceChange(event, lookup);
      const [centreId = '', span = ''] = id.split('|');
      const before = doc ?? { centreId, span, attendances: 0, workshopsHeld: 0, ...emptyAttendeeSet };
      return {
        ...before,
        ...withSessions(before, change.ordinals, change.delta),
        attendances: before.attendances + change.pairs,
        workshopsHeld: before.workshopsHeld + change.workshopsHeld,
      };
    },
    columns: {
      centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
      span: { type: 'TEXT', value: (doc) => doc.span },
      attendances: { type: 'INTEGER', value: (doc) => doc.attendances },
      workshops_held: { type: 'INTEGER', value: (doc) => doc.workshopsHeld },
      attendee_ordinals: { type: 'BLOB', value: (doc) => ordinalsBlob(doc) },
    },
    indexes: [['span', 'centre_id']],
  });

export const centreDays = centreSpans('centre_days', (localDate) => localDate);
export const centreMonths = centreSpans('centre_months', (localDate) => localDate.slice(0, 7));
