import { randomInt } from 'node:crypto';
import * as participants from '../domain/participants/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

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
}

export function participantCommands(ledger: Ledger, deps: ParticipantCommandDeps) {
  return {
    registerParticipant(context: CommandContext, input: unknown) {
      const participantId = ledger.newId(context);
      let code = newParticipantCode();
      while (deps.isCodeTaken(code)) code = newParticipantCode();
      const command = parseInput(participants.RegisterParticipant, { ...(input as object), participantId, code });
      return ledger.handle('registerParticipant', input, context, async () => {
        const centre = await loadCentre(ledger, command.centreId);
        return {
          result: { participantId },
          decision: {
            streamId: participants.streamOf(participantId),
            initialState: participants.initialState,
            evolve: participants.evolve,
            decide: (state) => participants.decide({ type: 'RegisterParticipant', data: command }, state, { clock: ledger.clock(), centre }),
            centreId: command.centreId,
            access: { action: 'manageCentreActivity' },
          },
        };
      });
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
  };
}

export const loadParticipant = (ledger: Ledger, participantId: string) =>
  ledger.load(participants.streamOf(participantId), participants.initialState, participants.evolve);
