import { defineProjection } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * That a participant attended at a centre on a local date, and in how many sessions. Kept so that
 * "distinct participants in a period" is one index seek per participant instead of a scan of
 * every attendance pair of the period. The document disappears when its last session is removed.
 */
export interface PresenceView {
  readonly participantId: string;
  readonly centreId: string;
  readonly localDate: string;
  readonly sessions: number;
}

export const presenceId = (participantId: string, centreId: string, localDate: string) => `${participantId}|${centreId}|${localDate}`;

export const presence = defineProjection<PresenceView, 'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'presence',
  version: 1,
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  documentIds: (event, lookup) => {
    const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
    if (!workshop) return [];
    const participants = event.type === 'AttendanceRecorded' ? event.data.participantIds : [event.data.participantId];
    return participants.map((participantId) => presenceId(participantId, workshop.centreId, workshop.localDate));
  },
  evolve: (doc, event, id) => {
    const [participantId = '', centreId = '', localDate = ''] = id.split('|');
    const sessions = (doc?.sessions ?? 0) + (event.type === 'AttendanceRecorded' ? 1 : -1);
    return sessions > 0 ? { participantId, centreId, localDate, sessions } : undefined;
  },
  columns: {
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
    local_date: { type: 'TEXT', value: (doc) => doc.localDate },
  },
  indexes: [['participant_id', 'local_date', 'centre_id'], ['centre_id', 'local_date']],
});
