import { localDateOf } from '../src/domain/shared/time.js';
import type { WorkshopKind } from '../src/domain/workshops/events.js';
import { defineProjection, type ProjectionSettings } from './projection.js';

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
  readonly attendeeIds: readonly string[];
  readonly cancellationReason: string | null;
}

const withAttendees = (doc: WorkshopView, attendeeIds: readonly string[]): WorkshopView => ({
  ...doc,
  attendeeIds,
  status: doc.status === 'CANCELLED' ? 'CANCELLED' : attendeeIds.length > 0 ? 'HELD' : 'SCHEDULED',
});

export const workshops = ({ timeZone }: ProjectionSettings) =>
  defineProjection<WorkshopView, 'WorkshopScheduled' | 'AttendanceRecorded' | 'AttendanceRemoved' | 'WorkshopCancelled'>({
    name: 'workshops',
    version: 1,
    handles: ['WorkshopScheduled', 'AttendanceRecorded', 'AttendanceRemoved', 'WorkshopCancelled'],
    documentIds: (event) => [event.data.workshopId],
    evolve: (doc, event) => {
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
          };
        }
        case 'AttendanceRecorded':
          return doc && withAttendees(doc, [...new Set([...doc.attendeeIds, ...event.data.participantIds])]);
        case 'AttendanceRemoved':
          return doc && withAttendees(doc, doc.attendeeIds.filter((id) => id !== event.data.participantId));
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
    },
    indexes: [['centre_id', 'local_date'], ['local_date']],
  });
