import { z } from 'zod';
import type { CentreState } from '../centres/decider.js';
import type { HouseholdState } from '../households/decider.js';
import type { Clock, Decider } from '../shared/decider.js';
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
  /** Participants the registrar saw as possible matches and declared someone else. */
  acknowledgedDuplicates: z
    .array(id)
    .max(100)
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

/** The duplicate's stream records the merge: it is the one that stops counting as a person of its own. */
export const MergeParticipants = z.object({ keepId: id, duplicateId: id, reason: text(500) });
export type MergeParticipants = z.infer<typeof MergeParticipants>;

export const UnmergeParticipant = z.object({ participantId: id, reason: text(500) });
export type UnmergeParticipant = z.infer<typeof UnmergeParticipant>;

export const TransferParticipant = z.object({ participantId: id, toCentreId: id, reason: text(500) });
export type TransferParticipant = z.infer<typeof TransferParticipant>;

export type ParticipantCommand =
  | { type: 'RegisterParticipant'; data: RegisterParticipant }
  | { type: 'EraseParticipant'; data: EraseParticipant }
  | { type: 'SetParticipantHousehold'; data: SetParticipantHousehold }
  | { type: 'MergeParticipants'; data: MergeParticipants }
  | { type: 'UnmergeParticipant'; data: UnmergeParticipant }
  | { type: 'TransferParticipant'; data: TransferParticipant };

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
      /** The participant this one was merged into (the same person), while merged. */
      readonly mergedInto?: string;
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
    case 'ParticipantMerged':
      return state.registered ? { ...state, mergedInto: event.data.keepId } : state;
    case 'ParticipantUnmerged': {
      if (!state.registered) return state;
      const { mergedInto: _, ...rest } = state;
      return rest;
    }
    case 'ParticipantTransferred':
      return state.registered ? { ...state, centreId: event.data.toCentreId } : state;
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
  /** RegisterParticipant: participants who are very likely the same person (see src/domain/people/matching.ts). */
  readonly likelySame?: readonly string[];
  /** MergeParticipants: the participant kept. */
  readonly keep?: ParticipantState;
  /** MergeParticipants: whether others are merged into the duplicate (a merge never chains). */
  readonly duplicateKeepsOthers?: boolean;
  /** TransferParticipant: the centre moved to. */
  readonly toCentre?: CentreState;
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
      const unacknowledged = (context.likelySame ?? []).filter((other) => !(command.data.acknowledgedDuplicates ?? []).includes(other));
      if (unacknowledged.length > 0) {
        throw conflict('someone registered already may be this person: check them, then register again with their ids in acknowledgedDuplicates', 'acknowledgedDuplicates', {
          duplicates: unacknowledged,
        });
      }
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
    case 'MergeParticipants': {
      const { keepId, duplicateId, reason } = command.data;
      if (keepId === duplicateId) throw badInput('duplicateId', 'a participant cannot be merged into themselves');
      if (!state.registered) throw notFound('duplicateId', 'no participant has this id');
      if (!context.keep?.registered) throw notFound('keepId', 'no participant has this id');
      if (state.mergedInto !== undefined) throw conflict('this participant is already merged into another; unmerge them first', 'duplicateId');
      if (context.keep.mergedInto !== undefined) throw conflict('the participant to keep is itself merged into another; keep that one instead', 'keepId');
      if (context.duplicateKeepsOthers) throw conflict('others are merged into this participant; merge them the other way round, or unmerge them first', 'duplicateId');
      return [{ type: 'ParticipantMerged', data: { participantId: duplicateId, keepId, reason } }];
    }
    case 'UnmergeParticipant': {
      if (!state.registered) throw notFound('participantId', 'no participant has this id');
      if (state.mergedInto === undefined) throw conflict('this participant is not merged into anyone', 'participantId');
      return [{ type: 'ParticipantUnmerged', data: { participantId: command.data.participantId, keepId: state.mergedInto, reason: command.data.reason } }];
    }
    case 'TransferParticipant': {
      const { participantId, toCentreId, reason } = command.data;
      if (!state.registered) throw notFound('participantId', 'no participant has this id');
      if (!context.toCentre?.opened) throw notFound('toCentreId', 'no centre has this id');
      if (state.centreId === toCentreId) throw badInput('toCentreId', 'the participant already belongs to this centre');
      return [{ type: 'ParticipantTransferred', data: { participantId, fromCentreId: state.centreId, toCentreId, reason } }];
    }
  }
}

/** The area's decider: what src/commands hands to the ledger. */
export const decider: Decider<ParticipantCommand, ParticipantState, ParticipantEvent, ParticipantContext> = { initialState, evolve, decide, streamOf, centreOf: (state) => (state.registered ? state.centreId : undefined) };
