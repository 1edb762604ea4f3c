import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, text, wholeNumber } from '../shared/input.js';
import type { CulturalEventEvent } from './events.js';

export const streamOf = (culturalEventId: string) => `culturalEvent-${culturalEventId}`;

const headcount = wholeNumber(0, 1_000_000);
export const AudienceInput = z.object({ women: headcount, men: headcount, girls: headcount, boys: headcount });

export const RecordCulturalEvent = z.object({
  culturalEventId: id,
  centreId: id,
  title: text(200),
  date: isoDate,
  audience: AudienceInput,
});
export type RecordCulturalEvent = z.infer<typeof RecordCulturalEvent>;

export const CorrectCulturalEventAudience = z.object({ culturalEventId: id, audience: AudienceInput, reason: text(500) });
export type CorrectCulturalEventAudience = z.infer<typeof CorrectCulturalEventAudience>;

export type CulturalEventCommand =
  | { type: 'RecordCulturalEvent'; data: RecordCulturalEvent }
  | { type: 'CorrectCulturalEventAudience'; data: CorrectCulturalEventAudience };

export type CulturalEventState = { readonly recorded: false } | { readonly recorded: true; readonly centreId: string; readonly date: string };

export const initialState: CulturalEventState = { recorded: false };

export function evolve(state: CulturalEventState, event: CulturalEventEvent): CulturalEventState {
  switch (event.type) {
    case 'CulturalEventRecorded':
      return { recorded: true, centreId: event.data.centreId, date: event.data.date };
    case 'CulturalEventAudienceCorrected':
      return state;
  }
}

export interface CulturalEventContext {
  readonly clock: Clock;
  readonly centre?: CentreState;
}

export function decide(command: CulturalEventCommand, state: CulturalEventState, context: CulturalEventContext): CulturalEventEvent[] {
  switch (command.type) {
    case 'RecordCulturalEvent':
      if (state.recorded) throw conflict('this cultural event is already recorded', 'culturalEventId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      if (command.data.date > context.clock.today) throw badInput('date', 'a cultural event cannot be recorded for a future date');
      return [{ type: 'CulturalEventRecorded', data: command.data }];
    case 'CorrectCulturalEventAudience':
      if (!state.recorded) throw notFound('culturalEventId', 'no cultural event has this id');
      return [{ type: 'CulturalEventAudienceCorrected', data: command.data }];
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<CulturalEventCommand, CulturalEventState, CulturalEventEvent, CulturalEventContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.recorded ? state.centreId : undefined) };
