import type { ParticipantView } from './participants.js';
import { defineRowView, type RowChange } from './projection.js';
import type { WorkshopView } from './workshops.js';

/**
 * Every time a child was recorded at a workshop, and when that was removed: one row of packed
 * numbers per period, appended when the attendance is recorded and closed (removed_at set) when it
 * is removed. A child removed and recorded again has two rows. Readers find a workshop's children
 * by `workshop`, and a child's sessions by `participant` and `local_date`; a report recounted as of
 * an earlier instant reads `recorded_at` and `removed_at`.
 *
 * Listed before the workshops view: its lookup of the workshop is the document before this event,
 * whose attendees say which of the event's children are new and whether a removed one was there.
 */
export const attendanceColumns = {
  /** The child's number (view_participants.ordinal). */
  participant: { type: 'INTEGER' },
  /** The workshop's number (view_workshops.ordinal). */
  workshop: { type: 'INTEGER' },
  /** The workshop's local date as days since 1970-01-01 (see dayNumber). */
  local_date: { type: 'INTEGER' },
  /** When the attendance was recorded, in milliseconds since the epoch. */
  recorded_at: { type: 'INTEGER' },
  /** When it was removed, or null while the child is attending. */
  removed_at: { type: 'INTEGER' },
} as const;

const DAY = 86_400_000;

/** A local date (YYYY-MM-DD) as the number of days since 1970-01-01. */
export const dayNumber = (localDate: string): number => Date.parse(`${localDate}T00:00:00Z`) / DAY;

/** A day number back to its local date. */
export const dateOfDay = (day: number): string => new Date(day * DAY).toISOString().slice(0, 10);

export const attendance = defineRowView<'AttendanceRecorded' | 'AttendanceRemoved'>({
  name: 'attendance',
  version: 1,
  reads: ['workshops', 'participants'],
  handles: ['AttendanceRecorded', 'AttendanceRemoved'],
  columns: attendanceColumns,
  changes: (event, lookup) => {
    const workshop = lookup<WorkshopView>('workshops', event.data.workshopId);
    if (!workshop) return [];
    const at = Date.parse(event.metadata.recordedAt);
    const ordinalOf = (participantId: string) => lookup<ParticipantView>('participants', participantId)?.ordinal;
    if (event.type === 'AttendanceRemoved') {
      const ordinal = ordinalOf(event.data.participantId);
      if (ordinal === undefined || !workshop.attendees.includes(ordinal)) return [];
      return [{ update: { removed_at: at }, where: { workshop: workshop.ordinal, participant: ordinal, removed_at: null } }];
    }
    const attending = new Set(workshop.attendees);
    const day = dayNumber(workshop.localDate);
    const rows: RowChange[] = [];
    for (const participantId of event.data.participantIds) {
      const ordinal = ordinalOf(participantId);
      if (ordinal === undefined || attending.has(ordinal)) continue;
      attending.add(ordinal);
      rows.push({ append: [ordinal, workshop.ordinal, day, at, null] });
    }
    return rows;
  },
  indexes: [['workshop'], ['participant', 'local_date']],
  // A removal closes the child's open row at the workshop, found by the workshop.
  updatedThrough: ['workshop'],
});
