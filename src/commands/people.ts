import { authorize } from '../auth/policy.js';
import * as participants from '../domain/participants/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';
import { loadParticipant } from './participants.js';

export interface PeopleCommandDeps {
  /** Whether other participants are merged into this one now (read from the views). */
  readonly keepsOthers: (participantId: string) => boolean;
}

/**
 * One person counted once: merging two records of one person, undoing it, and moving a person to
 * another centre. Each is an event on the stream of the participant it changes (the duplicate's,
 * for a merge), decided by the participants' decider.
 */
export function peopleCommands(ledger: Ledger, deps: PeopleCommandDeps) {
  /** Staff act on participants of their own centres only: the other participant's centre is checked too. */
  const mayManage = (context: CommandContext, state: participants.ParticipantState) => {
    if (state.registered) authorize(context.actor, 'manageCentreActivity', { centreId: state.centreId });
  };

  const access = { action: 'manageCentreActivity' as const };
  const on = (name: string, context: CommandContext, input: unknown, participantId: string, command: participants.ParticipantCommand, load: () => Promise<Omit<participants.ParticipantContext, 'clock'>>, result = { participantId }) =>
    ledger.handle(participants.decider, command, { name, input, context, id: participantId, result, load, access });

  return {
    mergeParticipants(context: CommandContext, input: unknown) {
      const data = parseInput(participants.MergeParticipants, input);
      return on('mergeParticipants', context, input, data.duplicateId, { type: 'MergeParticipants', data }, async () => {
        const keep = await loadParticipant(ledger, data.keepId);
        mayManage(context, keep);
        return { keep, duplicateKeepsOthers: deps.keepsOthers(data.duplicateId) };
      }, { participantId: data.keepId });
    },

    unmergeParticipant(context: CommandContext, input: unknown) {
      const data = parseInput(participants.UnmergeParticipant, input);
      return on('unmergeParticipant', context, input, data.participantId, { type: 'UnmergeParticipant', data }, async () => {
        const duplicate = await loadParticipant(ledger, data.participantId);
        // The kept one's centre too: a merge across centres is undone by those who could make it.
        if (duplicate.registered && duplicate.mergedInto) mayManage(context, await loadParticipant(ledger, duplicate.mergedInto));
        return {};
      });
    },

    /** Admins and staff of the participant's current centre move them; staff of the new centre then read their names. */
    transferParticipant(context: CommandContext, input: unknown) {
      const data = parseInput(participants.TransferParticipant, input);
      return on('transferParticipant', context, input, data.participantId, { type: 'TransferParticipant', data }, async () => ({
        toCentre: await loadCentre(ledger, data.toCentreId),
      }));
    },
  };
}
