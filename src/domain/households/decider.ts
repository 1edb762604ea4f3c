import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, isoDate, optionalText } from '../shared/input.js';
import type { HouseholdEvent } from './events.js';

export const streamOf = (householdId: string) => `household-${householdId}`;

export const RegisterHousehold = z.object({
  householdId: id,
  code: z.string(),
  centreId: id,
  returnedFrom: optionalText(120),
  returnedOn: isoDate
    .nullish()
    .transform((value) => value ?? undefined)
    .optional(),
});
export type RegisterHousehold = z.infer<typeof RegisterHousehold>;

export type HouseholdCommand = { type: 'RegisterHousehold'; data: RegisterHousehold };

export type HouseholdState =
  | { readonly registered: false }
  | { readonly registered: true; readonly centreId: string; readonly code: string };

export const initialState: HouseholdState = { registered: false };

export function evolve(_state: HouseholdState, event: HouseholdEvent): HouseholdState {
  switch (event.type) {
    case 'HouseholdRegistered':
      return { registered: true, centreId: event.data.centreId, code: event.data.code };
  }
}

export interface HouseholdContext {
  readonly clock: Clock;
  /** The centre named by RegisterHousehold. */
  readonly centre?: CentreState;
}

export function decide(command: HouseholdCommand, state: HouseholdState, context: HouseholdContext): HouseholdEvent[] {
  switch (command.type) {
    case 'RegisterHousehold': {
      const { householdId, code, centreId, returnedFrom, returnedOn } = command.data;
      if (state.registered) throw conflict('this household is already registered', 'householdId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      if (returnedOn !== undefined && returnedOn > context.clock.today) throw badInput('returnedOn', 'a return date cannot lie in the future');
      return [
        {
          type: 'HouseholdRegistered',
          data: {
            householdId,
            code,
            centreId,
            ...(returnedOn !== undefined ? { returnedOn } : {}),
            personal: returnedFrom !== undefined ? { returnedFrom } : {},
          },
        },
      ];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<HouseholdCommand, HouseholdState, HouseholdEvent, HouseholdContext> = { initialState, evolve, decide, streamOf };
