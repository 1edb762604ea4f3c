import { defineProjection } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * The workshops one child attends, a document per child and quarter (of the workshop's local
 * date): one child's participation and the follow-up lists read a few of these instead of every
 * workshop. Each session rewrites the child's document, so it is kept to a quarter: a child who
 * comes three times a week has about 40 sessions in one, where a year would hold 150 and cost
 * four times as much to rewrite on every attendance. When the attendance was recorded and removed
 * is kept in the workshop's document (see ./workshops.ts).
 */
export interface ParticipantAttendanceView {
  readonly participantId: string;
  /** YYYY-Qn, e.g. 2025-Q3. */
  readonly quarter: string;
  /** Workshops the child is recorded at now, held or not (readers join the workshop for its status). */
  readonly workshopIds: readonly string[];
}

/** The quarter of a local date (YYYY-MM-DD) as YYYY-Qn: quarters sort as their dates do. */
export const quarterOf = (localDate: string) => `${localDate.slice(0, 4)}-Q${Math.ceil(Number(localDate.slice(5, 7)) / 3)}`;

/** Ids sort by child, then quarter: a child's quarters are one range of the primary key. */
export const participantAttendanceId = (participantId: string, quarter: string) => `${participantId}:${quarter}`;

export const participantAttendance = defineProjection<ParticipantAttendanceView, 'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'participant_attendance',
  // 2: a document per quarter, not per year.
  version: 2,
  reads: ['workshops'],
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  documentIds: (event, lookup) => {
    const localDate = lookup<WorkshopView>('workshops', event.data.workshopId)?.localDate;
    if (localDate === undefined) return [];
    const quarter = quarterOf(localDate);
    return event.type === 'AttendanceRecorded'
      ? event.data.participantIds.map((participantId) => participantAttendanceId(participantId, quarter))
      : [participantAttendanceId(event.data.participantId, quarter)];
  },
  evolve: (doc, event, id) => {
    const { workshopId } = event.data;
    if (event.type === 'AttendanceRemoved') {
      if (!doc?.workshopIds.includes(workshopId)) return doc;
      const workshopIds = doc.workshopIds.filter((w) => w !== workshopId);
      return workshopIds.length === 0 ? undefined : { ...doc, workshopIds };
    }
    if (doc?.workshopIds.includes(workshopId)) return doc;
    // The id is participant:quarter; taking them from it avoids searching the event's list of children.
    const separator = id.lastIndexOf(':');
    return {
      participantId: id.slice(0, separator),
      quarter: id.slice(separator + 1),
      workshopIds: [...(doc?.workshopIds ?? []), workshopId],
    };
  },
  columns: {},
});
