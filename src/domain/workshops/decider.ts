import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import { sessionMismatch, type CycleState } from '../cycles/decider.js';
import type { ParticipantState } from '../participants/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDateTime, optionalText, text, wholeNumber } from '../shared/input.js';
import { localDateOf } from '../shared/time.js';
import { WorkshopKind, type WorkshopEvent } from './events.js';

export const streamOf = (workshopId: string) => `workshop-${workshopId}`;

export const ScheduleWorkshop = z.object({
  workshopId: id,
  centreId: id,
  kind: WorkshopKind,
  title: text(200),
  startsAt: isoDateTime,
  durationMinutes: wholeNumber(1, 24 * 60),
  facilitator: optionalText(120),
  cycleId: id
    .nullish()
    .transform((value) => value ?? undefined)
    .optional(),
});
export type ScheduleWorkshop = z.infer<typeof ScheduleWorkshop>;

export const RecordAttendance = z.object({
  workshopId: id,
  participantIds: z.array(id).min(1, 'list at least one participant').max(500, 'at most 500 participants at once'),
});
export type RecordAttendance = z.infer<typeof RecordAttendance>;

export const RemoveAttendance = z.object({ workshopId: id, participantId: id, reason: text(500) });
export type RemoveAttendance = z.infer<typeof RemoveAttendance>;

export const CancelWorkshop = z.object({ workshopId: id, reason: text(500) });
export type CancelWorkshop = z.infer<typeof CancelWorkshop>;

export type WorkshopCommand =
  | { type: 'ScheduleWorkshop'; data: ScheduleWorkshop }
  | { type: 'RecordAttendance'; data: RecordAttendance }
  | { type: 'RemoveAttendance'; data: RemoveAttendance }
  | { type: 'CancelWorkshop'; data: CancelWorkshop };

export type WorkshopState =
  | { readonly status: 'NONE' }
  | {
      readonly status: 'SCHEDULED' | 'CANCELLED';
      readonly centreId: string;
      readonly startsAt: string;
      /** The children attending now, in the order they were recorded. */
      readonly attendees: ReadonlySet<string>;
      /** What the workshop is, kept so that a mutation can answer with it without reading the stream again. */
      readonly details: WorkshopDetails;
    };

/** A workshop's own fields that no decision reads: what its mutations answer with. */
export interface WorkshopDetails {
  readonly kind: WorkshopKind;
  readonly title: string;
  readonly durationMinutes: number;
  readonly facilitator: string | null;
  readonly cancellationReason: string | null;
}

export const initialState: WorkshopState = { status: 'NONE' };

export function evolve(state: WorkshopState, event: WorkshopEvent): WorkshopState {
  switch (event.type) {
    case 'WorkshopScheduled': {
      const { centreId, startsAt, kind, title, durationMinutes, facilitator } = event.data;
      const details = { kind, title, durationMinutes, facilitator: facilitator ?? null, cancellationReason: null };
      return { status: 'SCHEDULED', centreId, startsAt, attendees: new Set(), details };
    }
    case 'AttendanceRecorded':
      if (state.status === 'NONE') return state;
      return { ...state, attendees: new Set([...state.attendees, ...event.data.participantIds]) };
    case 'AttendanceRemoved': {
      if (state.status === 'NONE') return state;
      const attendees = new Set(state.attendees);
      attendees.delete(event.data.participantId);
      return { ...state, attendees };
    }
    case 'WorkshopCancelled':
      if (state.status === 'NONE') return state;
      return { ...state, status: 'CANCELLED', details: { ...state.details, cancellationReason: event.data.reason } };
  }
}

export interface WorkshopContext {
  readonly clock: Clock;
  /** The centre named by ScheduleWorkshop. */
  readonly centre?: CentreState;
  /** The cycle named by ScheduleWorkshop's cycleId. */
  readonly cycle?: CycleState;
  /** The participants named by RecordAttendance, by id. */
  readonly participants?: ReadonlyMap<string, ParticipantState>;
}

export function decide(command: WorkshopCommand, state: WorkshopState, context: WorkshopContext): WorkshopEvent[] {
  if (command.type === 'ScheduleWorkshop') {
    if (state.status !== 'NONE') throw conflict('this workshop is already scheduled', 'workshopId');
    if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
    const { facilitator, cycleId, ...rest } = command.data;
    if (cycleId !== undefined) {
      if (!context.cycle?.scheduled) throw notFound('cycleId', 'no cycle has this id');
      const mismatch = sessionMismatch(context.cycle, { ...rest, localDate: localDateOf(rest.startsAt, context.clock.timeZone) });
      if (mismatch) throw badInput('cycleId', mismatch);
    }
    return [
      {
        type: 'WorkshopScheduled',
        data: { ...rest, ...(facilitator ? { facilitator } : {}), ...(cycleId !== undefined ? { cycleId } : {}) },
      },
    ];
  }

  if (state.status === 'NONE') throw notFound('workshopId', 'no workshop has this id');

  switch (command.type) {
    case 'RecordAttendance': {
      const { workshopId, participantIds } = command.data;
      if (state.status === 'CANCELLED') throw conflict('attendance cannot be recorded on a cancelled workshop', 'workshopId');
      if (localDateOf(state.startsAt, context.clock.timeZone) > context.clock.today) {
        throw badInput('workshopId', 'this workshop has not taken place yet');
      }
      for (const participantId of participantIds) {
        const participant = context.participants?.get(participantId);
        if (!participant?.registered) {
          throw notFound('participantIds', `no participant has the id ${JSON.stringify(participantId.slice(0, 64))}`);
        }
        if (participant.erased && !state.attendees.has(participantId)) {
          throw conflict('an erased participant cannot be recorded again', 'participantIds');
        }
      }
      const newcomers = [...new Set(participantIds)].filter((participantId) => !state.attendees.has(participantId));
      return newcomers.length === 0 ? [] : [{ type: 'AttendanceRecorded', data: { workshopId, participantIds: newcomers } }];
    }
    case 'RemoveAttendance': {
      const { workshopId, participantId, reason } = command.data;
      if (!state.attendees.has(participantId)) {
        throw notFound('participantId', 'this participant is not recorded as attending this workshop');
      }
      return [{ type: 'AttendanceRemoved', data: { workshopId, participantId, reason } }];
    }
    case 'CancelWorkshop': {
      const { workshopId, reason } = command.data;
      if (state.status === 'CANCELLED') throw conflict('this workshop is already cancelled', 'workshopId');
      if (state.attendees.size > 0) {
        throw conflict('a workshop with recorded attendance cannot be cancelled; remove the attendees first', 'workshopId');
      }
      return [{ type: 'WorkshopCancelled', data: { workshopId, reason } }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<WorkshopCommand, WorkshopState, WorkshopEvent, WorkshopContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.status === 'NONE' ? undefined : state.centreId) };
