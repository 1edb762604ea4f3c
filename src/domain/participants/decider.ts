import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { HouseholdState } from '../households/decider.js';
import type { Clock } from '../shared/decider.js';
import { badInput, conflict, notFound } from '../shared/errors.js';
import { id, text } from '../shared/input.js';
import { yearOf } from '../shared/time.js';
import { ParticipantGroup, Sex, type ParticipantEvent } from './events.js';

export const streamOf = (participantId: string) => `participant-${participantId}`;

export const RegisterParticipant = z.object({
  participantId: id,
  code: z.string(),
  centreId: id,
  givenName: text(80),
  familyName: text(80),
  sex: Sex,
  birthYear: z.number().int('must be a whole number'),
  group: ParticipantGroup,
  householdId: id
    .nullish()
    .transform((value) => value ?? undefined)
    .optional(),
});
export type RegisterParticipant = z.infer<typeof RegisterParticipant>;

export const EraseParticipant = z.object({ participantId: id, reason: text(500) });
export type EraseParticipant = z.infer<typeof EraseParticipant>;

/** Puts the participant in a household, or moves them to another one. */
export const SetParticipantHousehold = z.object({ participantId: id, householdId: id });
export type SetParticipantHousehold = z.infer<typeof SetParticipantHousehold>;

export type ParticipantCommand =
  | { type: 'RegisterParticipant'; data: RegisterParticipant }
  | { type: 'EraseParticipant'; data: EraseParticipant }
  | { type: 'SetParticipantHousehold'; data: SetParticipantHousehold };

export type ParticipantState =
  | { readonly registered: false }
  | {
      readonly registered: true;
      readonly centreId: string;
      readonly code: string;
      readonly birthYear: number;
      readonly erased: boolean;
      /** The household the participant belongs to; undefined when none. */
      readonly householdId?: string;
    };

export const initialState: ParticipantState = { registered: false };

export function evolve(state: ParticipantState, event: ParticipantEvent): ParticipantState {
  switch (event.type) {
    case 'ParticipantRegistered':
      return {
        registered: true,
        centreId: event.data.centreId,
        code: event.data.code,
        birthYear: event.data.birthYear,
        erased: false,
        ...(event.data.householdId !== undefined ? { householdId: event.data.householdId } : {}),
      };
    case 'ParticipantErased':
      return state.registered ? { ...state, erased: true } : state;
    case 'ParticipantHouseholdSet':
      return state.registered ? { ...state, householdId: event.data.householdId } : state;
    // Consent is decided by its own decider over this stream (consent.ts).
    case 'ConsentRecorded':
    case 'ConsentWithdrawn':
      return state;
  }
}

export interface ParticipantContext {
  readonly clock: Clock;
  /** The centre named by RegisterParticipant. */
  readonly centre?: CentreState;
  /** The household named by RegisterParticipant or SetParticipantHousehold. */
  readonly household?: HouseholdState;
}

export const EARLIEST_BIRTH_YEAR = 1900;

export function decide(command: ParticipantCommand, state: ParticipantState, context: ParticipantContext): ParticipantEvent[] {
  switch (command.type) {
    case 'RegisterParticipant': {
      const { participantId, code, centreId, givenName, familyName, sex, birthYear, group, householdId } = command.data;
      if (state.registered) throw conflict('this participant is already registered', 'participantId');
      if (!context.centre?.opened) throw notFound('centreId', 'no centre has this id');
      const currentYear = yearOf(context.clock.today);
      if (birthYear < EARLIEST_BIRTH_YEAR || birthYear > currentYear) {
        throw badInput('birthYear', `must lie between ${EARLIEST_BIRTH_YEAR} and ${currentYear}`);
      }
      if (householdId !== undefined && !context.household?.registered) throw notFound('householdId', 'no household has this id');
      return [
        {
          type: 'ParticipantRegistered',
          data: {
            participantId,
            code,
            centreId,
            sex,
            birthYear,
            group,
            ...(householdId !== undefined ? { householdId } : {}),
            personal: { givenName, familyName },
          },
        },
      ];
    }
    case 'EraseParticipant': {
      if (!state.registered) throw notFound('participantId', 'no participant has this id');
      if (state.erased) throw conflict("this participant's personal data is already erased", 'participantId');
      return [{ type: 'ParticipantErased', data: command.data }];
    }
    case 'SetParticipantHousehold': {
      const { participantId, householdId } = command.data;
      if (!state.registered) throw notFound('participantId', 'no participant has this id');
      if (!context.household?.registered) throw notFound('householdId', 'no household has this id');
      if (state.householdId === householdId) return [];
      return [{ type: 'ParticipantHouseholdSet', data: { participantId, householdId } }];
    }
  }
}
