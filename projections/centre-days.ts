import { defineProjection } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * A centre's attendance on one local date: pairs, and workshops held (with at least one
 * attendee). Summing days answers any period without touching the attendance pairs.
 */
export interface CentreDayView {
  readonly centreId: string;
  readonly localDate: string;
  readonly attendances: number;
  readonly workshopsHeld: number;
}

export const centreDayId = (centreId: string, localDate: string) => `${centreId}|${localDate}`;

export const centreDays = defineProjection<CentreDayView, 'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'centre_days',
  version: 1,
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  documentIds: (event, lookup) => {
    const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
    return workshop ? [centreDayId(workshop.centreId, workshop.localDate)] : [];
  },
  evolve: (doc, event, id, lookup) => {
    // The workshops view has already applied this event: its attendees are the ones after it.
    const after = lookup<WorkshopView>('workshops', event.data.workshopId)?.attendeeIds.length ?? 0;
    const [centreId = '', localDate = ''] = id.split('|');
    const day = doc ?? { centreId, localDate, attendances: 0, workshopsHeld: 0 };
    if (event.type === 'AttendanceRecorded') {
      const added = event.data.participantIds.length;
      return { ...day, attendances: day.attendances + added, workshopsHeld: day.workshopsHeld + (after === added ? 1 : 0) };
    }
    return { ...day, attendances: day.attendances - 1, workshopsHeld: day.workshopsHeld - (after === 0 ? 1 : 0) };
  },
  columns: {
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    local_date: { type: 'TEXT', value: (doc) => doc.localDate },
    attendances: { type: 'INTEGER', value: (doc) => doc.attendances },
    workshops_held: { type: 'INTEGER', value: (doc) => doc.workshopsHeld },
  },
  indexes: [['local_date', 'centre_id']],
});
