import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, text, wholeNumber } from '../shared/input.js';
import { WorkshopKind } from '../workshops/events.js';
import type { CycleEvent } from './events.js';

export const streamOf = (cycleId: string) => `cycle-${cycleId}`;

export const MAX_PLANNED_SESSIONS = 100;

export const ScheduleCycle = z.object({
  cycleId: id,
  centreId: id,
  kind: WorkshopKind,
  title: text(200),
  plannedSessions: wholeNumber(1, MAX_PLANNED_SESSIONS),
  startsOn: isoDate,
  endsOn: isoDate,
});
export type ScheduleCycle = z.infer<typeof ScheduleCycle>;

export type CycleCommand = { type: 'ScheduleCycle'; data: ScheduleCycle };

export type CycleState =
  | { readonly scheduled: false }
  | {
      readonly scheduled: true;
      readonly centreId: string;
      readonly kind: WorkshopKind;
      readonly startsOn: string;
      readonly endsOn: string;
    };

export const initialState: CycleState = { scheduled: false };

export function evolve(_state: CycleState, event: CycleEvent): CycleState {
  switch (event.type) {
    case 'CycleScheduled': {
      const { centreId, kind, startsOn, endsOn } = event.data;
      return { scheduled: true, centreId, kind, startsOn, endsOn };
    }
  }
}

export interface CycleContext {
  readonly clock: Clock;
  /** The centre named by ScheduleCycle. */
  readonly centre?: CentreState;
}

export function decide(command: CycleCommand, state: CycleState, context: CycleContext): CycleEvent[] {
  switch (command.type) {
    case 'ScheduleCycle': {
      if (state.scheduled) throw conflict('this cycle is already scheduled', 'cycleId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      const { startsOn, endsOn } = command.data;
      if (endsOn < startsOn) throw badInput('endsOn', 'a cycle cannot end before it starts');
      // A cycle is planned ahead, so its dates may lie in the future.
      return [{ type: 'CycleScheduled', data: command.data }];
    }
  }
}

/**
 * Why a workshop may not be a session of a cycle, or undefined when it may: a session has the
 * cycle's centre and kind, and its local date lies from the cycle's first to its last day.
 */
export function sessionMismatch(
  cycle: Extract<CycleState, { scheduled: true }>,
  session: { readonly centreId: string; readonly kind: WorkshopKind; readonly localDate: string },
): string | undefined {
  if (session.centreId !== cycle.centreId) return 'a session of this cycle must be at the cycle’s centre';
  if (session.kind !== cycle.kind) return `a session of this cycle must be of kind ${cycle.kind}`;
  if (session.localDate < cycle.startsOn || session.localDate > cycle.endsOn) {
    return `a session of this cycle must take place from ${cycle.startsOn} to ${cycle.endsOn}`;
  }
  return undefined;
}

/** The share of a cycle's held sessions a participant must attend to complete it, in percent. */
export const COMPLETION_PERCENT = 70;

/** Whether attending `attended` of `held` sessions completes a cycle; whole numbers only, so 7 of 10 is exactly enough. */
export const hasCompleted = (attended: number, held: number): boolean => held > 0 && attended * 100 >= held * COMPLETION_PERCENT;

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<CycleCommand, CycleState, CycleEvent, CycleContext> = { initialState, evolve, decide, streamOf };
