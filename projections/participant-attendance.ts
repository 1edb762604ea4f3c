import { defineProjection } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * The workshops one child attends, a document per child and year (of the workshop's local date):
 * one child's participation and the follow-up lists read a few of these instead of every
 * workshop. A year keeps the document small enough to rewrite on each session, and a rebuild
 * writes it once per batch rather than once per session. When the attendance was recorded and
 * removed is kept in the workshop's document (see ./workshops.ts).
 */
export interface ParticipantAttendanceView {
  readonly participantId: string;
  readonly year: string;
  /** Workshops the child is recorded at now, held or not (readers join the workshop for its status). */
  readonly workshopIds: readonly string[];
}

/** Ids sort by child, then year: a child's years are one range of the primary key. */
export const participantAttendanceId = (participantId: string, year: string) => `${participantId}:${year}`;

export const participantAttendance = defineProjection<ParticipantAttendanceView, 'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'participant_attendance',
  version: 1,
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  documentIds: (event, lookup) => {
    const year = lookup<WorkshopView>('workshops', event.data.workshopId)?.localDate.slice(0, 4);
    if (year === undefined) return [];
    return event.type === 'AttendanceRecorded'
      ? event.data.participantIds.map((participantId) => participantAttendanceId(participantId, year))
      : [participantAttendanceId(event.data.participantId, year)];
  },
  evolve: (doc, event, id) => {
    const { workshopId } = event.data;
    if (event.type === 'AttendanceRemoved') {
      if (!doc?.workshopIds.includes(workshopId)) return doc;
      const workshopIds = doc.workshopIds.filter((w) => w !== workshopId);
      return workshopIds.length === 0 ? undefined : { ...doc, workshopIds };
    }
    if (doc?.workshopIds.includes(workshopId)) return doc;
    // The id is participant:year; taking them from it avoids searching the event's list of children.
    const separator = id.lastIndexOf(':');
    return {
      participantId: id.slice(0, separator),
      year: id.slice(separator + 1),
      workshopIds: [...(doc?.workshopIds ?? []), workshopId],
    };
  },
  columns: {},
});
