import { defineProjection } from './projection.js';

/**
 * One (workshop, participant) pair. A removed pair is kept, not deleted, with the instant it
 * was removed, so that a report can be recounted as it stood at any earlier instant.
 */
export interface AttendanceView {
  readonly workshopId: string;
  readonly participantId: string;
  readonly attending: boolean;
  /** Each time the pair was recorded and, if it was, removed (ISO instants). */
  readonly periods: readonly { readonly recordedAt: string; readonly removedAt: string | null }[];
}

export const attendanceId = (workshopId: string, participantId: string) => `${workshopId}:${participantId}`;

export const attendance = defineProjection<AttendanceView, 'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'attendance',
  version: 1,
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  documentIds: (event) =>
    event.type === 'AttendanceRecorded'
      ? event.data.participantIds.map((participantId) => attendanceId(event.data.workshopId, participantId))
      : [attendanceId(event.data.workshopId, event.data.participantId)],
  evolve: (doc, event, id) => {
    const at = event.metadata.recordedAt;
    if (event.type === 'AttendanceRemoved') {
      if (!doc) return doc;
      return {
        ...doc,
        attending: false,
        periods: doc.periods.map((period) => (period.removedAt === null ? { ...period, removedAt: at } : period)),
      };
    }
    if (doc?.attending) return doc;
    // The id is workshop:participant; searching the event's list instead would cost the square of its length.
    const participantId = id.slice(event.data.workshopId.length + 1);
    return {
      workshopId: event.data.workshopId,
      participantId,
      attending: true,
      periods: [...(doc?.periods ?? []), { recordedAt: at, removedAt: null }],
    };
  },
  columns: {
    workshop_id: { type: 'TEXT', value: (doc) => doc.workshopId },
    participant_id: { type: 'TEXT', value: (doc) => doc.participantId },
    attending: { type: 'INTEGER', value: (doc) => (doc.attending ? 1 : 0) },
  },
  indexes: [['workshop_id'], ['participant_id']],
});
