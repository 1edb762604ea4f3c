import { randomInt } from 'node:crypto';
import * as consent from '../domain/participants/consent.js';
import * as participants from '../domain/participants/decider.js';
import { loadCentre } from './centres.js';
import { loadHousehold } from './households.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type HandleOptions, type Ledger } from './ledger.js';

/** How an import runs a registration: the ledger's options, a code the programme already uses, more likely matches. */
export interface RegisterOptions extends HandleOptions {
  /** The participant's code from an earlier list, kept when free. */
  readonly code?: string;
  /** Participants not yet stored (earlier rows of a dry run) that are very likely this person. */
  readonly alsoLikelySame?: readonly string[];
  /**
   * Generated people (the demo, the benchmarks' logs) are distinct by construction, though drawn
   * from a short list of names: no duplicate check. Not reachable from the API.
   */
  readonly distinctByConstruction?: boolean;
}

// Crockford's base32 without I, L, O, U: read aloud and typed from paper without confusion.
const CODE_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A pseudonymous code: random, so it says nothing about the person; 50 bits, so collisions are rare and checked. */
export function newParticipantCode(): string {
  const chars = Array.from({ length: 10 }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]);
  return `${chars.slice(0, 5).join('')}-${chars.slice(5).join('')}`;
}

export interface ParticipantCommandDeps {
  /** Whether a code is already given to someone (read from the participants view). */
  readonly isCodeTaken: (code: string) => boolean;
  /** Deletes a person's key: from then on their sealed personal data cannot be read by anyone. */
  readonly shredPersonalData: (subjectId: string) => void;
  /**
   * Participants registered already who are very likely this person (src/people/name-index.ts),
   * at every centre: registering them again needs those acknowledged. Absent: no check.
   */
  readonly likelySame?: (person: { givenName: string; familyName: string; birthYear: number }) => string[];
}

export function participantCommands(ledger: Ledger, deps: ParticipantCommandDeps) {
  /** Consent is decided over the participant's stream by its own decider; staff of the participant's centre record it. */
  const onConsent = (name: string, context: CommandContext, input: unknown, command: consent.ConsentCommand) =>
    ledger.handle(name, input, context, async () => ({
      result: { participantId: command.data.participantId },
      decision: {
        streamId: participants.streamOf(command.data.participantId),
        initialState: consent.initialState,
        evolve: consent.evolve,
        decide: (state: consent.ConsentState) => consent.decide(command, state, { clock: ledger.clock() }),
        centreId: (state: consent.ConsentState) => (state.registered ? state.centreId : undefined),
        access: { action: 'manageCentreActivity' as const },
      },
    }));

  return {
    registerParticipant(context: CommandContext, input: unknown, options: RegisterOptions = {}) {
      const participantId = ledger.newId(context);
      let code = options.code ?? newParticipantCode();
      while (deps.isCodeTaken(code)) code = newParticipantCode();
      const command = parseInput(participants.RegisterParticipant, { ...(input as object), participantId, code });
      return ledger.handle('registerParticipant', input, context, async () => {
        const [centre, household] = await Promise.all([
          loadCentre(ledger, command.centreId),
          command.householdId === undefined ? undefined : loadHousehold(ledger, command.householdId),
        ]);
        return {
          result: { participantId },
          decision: {
            streamId: participants.streamOf(participantId),
            initialState: participants.initialState,
            evolve: participants.evolve,
            decide: (state) =>
              participants.decide({ type: 'RegisterParticipant', data: command }, state, {
                clock: ledger.clock(),
                centre,
                ...(household ? { household } : {}),
                likelySame: options.distinctByConstruction ? [] : [...(deps.likelySame?.(command) ?? []), ...(options.alsoLikelySame ?? [])],
              }),
            centreId: command.centreId,
            // Staff of one centre cannot register someone into another centre's household.
            access: { action: 'registerParticipant', touches: [touched('registerParticipant', household)] },
          },
        };
      }, options);
    },

    /** Records the erasure, then shreds the key; a crash between the two is repaired at start (see app.ts). */
    async eraseParticipant(context: CommandContext, input: unknown) {
      const data = parseInput(participants.EraseParticipant, input);
      const handled = await ledger.handle('eraseParticipant', input, context, async () => ({
        result: { participantId: data.participantId },
        decision: {
          streamId: participants.streamOf(data.participantId),
          initialState: participants.initialState,
          evolve: participants.evolve,
          decide: (state) => participants.decide({ type: 'EraseParticipant', data }, state, { clock: ledger.clock() }),
          centreId: (state) => (state.registered ? state.centreId : undefined),
          access: { action: 'eraseParticipant', scope: () => ({}) },
        },
      }));
      deps.shredPersonalData(data.participantId);
      return handled;
    },

    /** Puts a participant in a household, or moves them to another; the same household again stores nothing. */
    setParticipantHousehold(context: CommandContext, input: unknown) {
      const data = parseInput(participants.SetParticipantHousehold, input);
      return ledger.handle('setParticipantHousehold', input, context, async () => {
        const household = await loadHousehold(ledger, data.householdId);
        return {
          result: { participantId: data.participantId },
          decision: {
            streamId: participants.streamOf(data.participantId),
            initialState: participants.initialState,
            evolve: participants.evolve,
            decide: (state: participants.ParticipantState) =>
              participants.decide({ type: 'SetParticipantHousehold', data }, state, { clock: ledger.clock(), household }),
            centreId: (state: participants.ParticipantState) => (state.registered ? state.centreId : undefined),
            // Both the participant's centre and the household's: no one moves a person into another centre's family.
            access: { action: 'manageCentreActivity' as const, touches: [touched('manageCentreActivity', household)] },
          },
        };
      });
    },

    recordConsent(context: CommandContext, input: unknown) {
      const data = parseInput(consent.RecordConsent, input);
      return onConsent('recordConsent', context, input, { type: 'RecordConsent', data });
    },

    withdrawConsent(context: CommandContext, input: unknown) {
      const data = parseInput(consent.WithdrawConsent, input);
      return onConsent('withdrawConsent', context, input, { type: 'WithdrawConsent', data });
    },
  };
}

export const loadParticipant = (ledger: Ledger, participantId: string) =>
  ledger.load(participants.streamOf(participantId), participants.initialState, participants.evolve);

/** Several participants' states, read from the store together. */
export const loadParticipants = (ledger: Ledger, participantIds: readonly string[]) =>
  ledger.loadMany(participantIds.map(participants.streamOf), participants.initialState, participants.evolve);
