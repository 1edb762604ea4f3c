import { localDateOf } from '../src/domain/shared/time.js';
import type { WorkshopKind } from '../src/domain/workshops/events.js';
import type { ParticipantView } from './participants.js';
import { defineProjection, type Lookup, type ProjectionSettings } from './projection.js';
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
   * The children attending now, as participant numbers (view_participants.ordinal) in the order
   * they were recorded: a number is 5 or 6 bytes of JSON where an id was 39. When each was recorded
   * and removed is kept in the attendance rows (./attendance.ts), not here: a document rewritten on
   * every recording stays small. Readers map the numbers back to participants (src/read/index.ts).
   */
  readonly attendees: readonly number[];
  readonly cancellationReason: string | null;
  /** Dense number in scheduling order (see workshop-numbers.ts): attendance rows name the workshop by it. */
  readonly ordinal: number;
}

const withAttendees = (doc: WorkshopView, attendees: readonly number[]): WorkshopView => ({
  ...doc,
  attendees,
  status: doc.status === 'CANCELLED' ? 'CANCELLED' : attendees.length > 0 ? 'HELD' : 'SCHEDULED',
});

/** A participant's number; a participant the views never registered has none and is not counted, as in the attendance rows. */
const numberOf = (participantId: string, lookup: Lookup) => lookup<ParticipantView>('participants', participantId)?.ordinal;

function recorded(doc: WorkshopView, participantIds: readonly string[], lookup: Lookup): WorkshopView {
  const attending = new Set(doc.attendees);
  const added: number[] = [];
  for (const id of participantIds) {
    const number = numberOf(id, lookup);
    if (number === undefined || attending.has(number)) continue;
    attending.add(number);
    added.push(number);
  }
  return added.length === 0 ? doc : withAttendees(doc, [...doc.attendees, ...added]);
}

function removed(doc: WorkshopView, participantId: string, lookup: Lookup): WorkshopView {
  const number = numberOf(participantId, lookup);
  if (number === undefined || !doc.attendees.includes(number)) return doc;
  return withAttendees(doc, doc.attendees.filter((n) => n !== number));
}

export const workshops = ({ timeZone }: ProjectionSettings) =>
  defineProjection<WorkshopView, 'WorkshopScheduled' | 'AttendanceRecorded' | 'AttendanceRemoved' | 'WorkshopCancelled'>({
    name: 'workshops',
    // 3: a number for the attendance rows, which keep the periods this document kept before.
    // 4: the attendees as participant numbers instead of ids.
    version: 4,
    reads: ['workshop_numbers', 'participants'],
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
            attendees: [],
            cancellationReason: null,
            // The numbers view has already counted this workshop.
            ordinal: (lookup<WorkshopNumbersView>('workshop_numbers', WORKSHOP_NUMBERS_ID)?.issued ?? 1) - 1,
          };
        }
        case 'AttendanceRecorded':
          return doc && recorded(doc, event.data.participantIds, lookup);
        case 'AttendanceRemoved':
          return doc && removed(doc, event.data.participantId, lookup);
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
