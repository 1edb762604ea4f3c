import { localDateOf } from '../src/domain/shared/time.js';
import type { WorkshopKind } from '../src/domain/workshops/events.js';
import { defineProjection, type ProjectionSettings } from './projection.js';
import { WORKSHOP_NUMBERS_ID, type WorkshopNumbersView } from './workshop-numbers.js';

export type WorkshopStatus = 'SCHEDULED' | 'HELD' | 'CANCELLED';

export interface WorkshopView {
  readonly id: string;
  readonly centreId: string;
  readonly kind: WorkshopKind;
  readonly title: string;
  readonly startsAt: string;
  /** The local date of startsAt in the deployment's time zone: the date summaries count it on. */
  readonly localDate: string;
  readonly durationMinutes: number;
  readonly facilitator: string | null;
  readonly status: WorkshopStatus;
  /**
   * The children attending now, in the order they were recorded. When each was recorded and
   * removed is kept in the attendance rows (./attendance.ts), not here: a document rewritten on
   * every recording stays small.
   */
  readonly attendeeIds: readonly string[];
  readonly cancellationReason: string | null;
  /** Dense number in scheduling order (see workshop-numbers.ts): attendance rows name the workshop by it. */
  readonly ordinal: number;
}

const withAttendees = (doc: WorkshopView, attendeeIds: readonly string[]): WorkshopView => ({
  ...doc,
  attendeeIds,
  status: doc.status === 'CANCELLED' ? 'CANCELLED' : attendeeIds.length > 0 ? 'HELD' : 'SCHEDULED',
});

function recorded(doc: WorkshopView, participantIds: readonly string[]): WorkshopView {
  const attending = new Set(doc.attendeeIds);
  const added: string[] = [];
  for (const id of participantIds) {
    if (attending.has(id)) continue;
    attending.add(id);
    added.push(id);
  }
  return added.length === 0 ? doc : withAttendees(doc, [...doc.attendeeIds, ...added]);
}

function removed(doc: WorkshopView, participantId: string): WorkshopView {
  if (!doc.attendeeIds.includes(participantId)) return doc;
  return withAttendees(doc, doc.attendeeIds.filter((id) => id !== participantId));
}

export const workshops = ({ timeZone }: ProjectionSettings) =>
  defineProjection<WorkshopView, 'WorkshopScheduled' | 'AttendanceRecorded' | 'AttendanceRemoved' | 'WorkshopCancelled'>({
    name: 'workshops',
    // 3: a number for the attendance rows, which keep the periods this document kept before.
    version: 3,
    reads: ['workshop_numbers'],
    handles: ['WorkshopScheduled', 'AttendanceRecorded', 'AttendanceRemoved', 'WorkshopCancelled'],
    documentIds: (event) => [event.data.workshopId],
    evolve: (doc, event, _id, lookup) => {
      switch (event.type) {
        case 'WorkshopScheduled': {
          const { workshopId, centreId, kind, title, startsAt, durationMinutes, facilitator } = event.data;
          return {
            id: workshopId,
            centreId,
            kind,
            title,
            startsAt,
            localDate: localDateOf(startsAt, timeZone),
            durationMinutes,
            facilitator: facilitator ?? null,
            status: 'SCHEDULED',
            attendeeIds: [],
            cancellationReason: null,
            // The numbers view has already counted this workshop.
            ordinal: (lookup<WorkshopNumbersView>('workshop_numbers', WORKSHOP_NUMBERS_ID)?.issued ?? 1) - 1,
          };
        }
        case 'AttendanceRecorded':
          return doc && recorded(doc, event.data.participantIds);
        case 'AttendanceRemoved':
          return doc && removed(doc, event.data.participantId);
        case 'WorkshopCancelled':
          return doc && { ...doc, status: 'CANCELLED', cancellationReason: event.data.reason };
      }
    },
    columns: {
      centre_id: { type: 'TEXT', value: (doc) => doc.centreId },
      local_date: { type: 'TEXT', value: (doc) => doc.localDate },
      starts_at: { type: 'TEXT', value: (doc) => new Date(doc.startsAt).toISOString() },
      kind: { type: 'TEXT', value: (doc) => doc.kind },
      status: { type: 'TEXT', value: (doc) => doc.status },
      ordinal: { type: 'INTEGER', value: (doc) => doc.ordinal },
    },
    indexes: [['centre_id', 'local_date'], ['local_date'], ['ordinal']],
  });
