import { randomInt } from 'node:crypto';
import * as consent from '../domain/participants/consent.js';
import * as participants from '../domain/participants/decider.js';
import { loadCentre } from './centres.js';
import { loadHousehold } from './households.js';
import { parseInput } from './input.js';
import type { Decider, DomainEvent } from '../domain/shared/decider.js';
import { touched, type CommandContext, type HandleOptions, type Handling, type Ledger } from './ledger.js';

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
  const access = { action: 'manageCentreActivity' as const };
  /** A command on a registered participant's own stream, decided by `decider`: its centre comes from the stream. */
  const onParticipant = <C, S, E extends DomainEvent, X>(
    decider: Decider<C, S, E, X>,
    name: string,
    context: CommandContext,
    input: unknown,
    command: C & { data: { participantId: string } },
    handling: Partial<Handling<S, X, { participantId: string }>> = {},
  ) => ledger.handle(decider, command, { name, input, context, id: command.data.participantId, result: { participantId: command.data.participantId }, access, ...handling });

  return {
    registerParticipant(context: CommandContext, input: unknown, options: RegisterOptions = {}) {
      const participantId = ledger.newId(context);
      let code = options.code ?? newParticipantCode();
      while (deps.isCodeTaken(code)) code = newParticipantCode();
      const data = parseInput(participants.RegisterParticipant, { ...(input as object), participantId, code });
      return ledger.handle(participants.decider, { type: 'RegisterParticipant', data }, {
        name: 'registerParticipant', input, context, id: participantId, centreId: data.centreId, result: { participantId },
        ...(options.dryRun ? { dryRun: true } : {}),
        load: async () => {
          const [centre, household] = await Promise.all([
            loadCentre(ledger, data.centreId),
            data.householdId === undefined ? undefined : loadHousehold(ledger, data.householdId),
          ]);
          const likelySame = options.distinctByConstruction ? [] : [...(deps.likelySame?.(data) ?? []), ...(options.alsoLikelySame ?? [])];
          return { centre, ...(household ? { household } : {}), likelySame };
        },
        // Staff of one centre cannot register someone into another centre's household.
        access: { action: 'registerParticipant' },
        touches: ({ household }) => [touched('registerParticipant', household)],
      });
    },

    /** Records the erasure, then shreds the key; a crash between the two is repaired at start (see app.ts). */
    async eraseParticipant(context: CommandContext, input: unknown) {
      const data = parseInput(participants.EraseParticipant, input);
      const handled = await onParticipant(participants.decider, 'eraseParticipant', context, input, { type: 'EraseParticipant', data }, {
        access: { action: 'eraseParticipant', scope: () => ({}) },
      });
      deps.shredPersonalData(data.participantId);
      return handled;
    },

    /** Puts a participant in a household, or moves them to another; the same household again stores nothing. */
    setParticipantHousehold(context: CommandContext, input: unknown) {
      const data = parseInput(participants.SetParticipantHousehold, input);
      return onParticipant(participants.decider, 'setParticipantHousehold', context, input, { type: 'SetParticipantHousehold', data }, {
        load: async () => ({ household: await loadHousehold(ledger, data.householdId) }),
        // Both the participant's centre and the household's: no one moves a person into another centre's family.
        touches: ({ household }) => [touched('manageCentreActivity', household)],
      });
    },

    recordConsent(context: CommandContext, input: unknown) {
      const data = parseInput(consent.RecordConsent, input);
      return onParticipant(consent.decider, 'recordConsent', context, input, { type: 'RecordConsent', data });
    },

    withdrawConsent(context: CommandContext, input: unknown) {
      const data = parseInput(consent.WithdrawConsent, input);
      return onParticipant(consent.decider, 'withdrawConsent', context, input, { type: 'WithdrawConsent', data });
    },
  };
}

export const loadParticipant = (ledger: Ledger, participantId: string) => ledger.load(participants.decider, participantId);

/** Several participants' states, read from the store together. */
export const loadParticipants = (ledger: Ledger, participantIds: readonly string[]) => ledger.loadMany(participants.decider, participantIds);
