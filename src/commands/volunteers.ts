import * as volunteers from '../domain/volunteers/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export interface VolunteerCommandDeps {
  /** The volunteer an hours entry belongs to (read from the volunteer hours view). */
  readonly volunteerOfEntry: (entryId: string) => string | undefined;
}

export function volunteerCommands(ledger: Ledger, deps: VolunteerCommandDeps) {
  const decision = (volunteerId: string, command: volunteers.VolunteerCommand, context: Omit<volunteers.VolunteerContext, 'clock'>, centreId?: string) => ({
    streamId: volunteers.streamOf(volunteerId),
    initialState: volunteers.initialState,
    evolve: volunteers.evolve,
    decide: (state: volunteers.VolunteerState) => volunteers.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: centreId ?? ((state: volunteers.VolunteerState) => (state.registered ? state.centreId : undefined)),
  });

  return {
    registerVolunteer(context: CommandContext, input: unknown) {
      const volunteerId = ledger.newId(context);
      const data = parseInput(volunteers.RegisterVolunteer, { ...(input as object), volunteerId });
      return ledger.handle('registerVolunteer', input, context, async () => ({
        result: { volunteerId },
        decision: decision(volunteerId, { type: 'RegisterVolunteer', data }, { centre: await loadCentre(ledger, data.centreId) }, data.centreId),
      }));
    },

    logVolunteerHours(context: CommandContext, input: unknown) {
      const entryId = ledger.newId(context);
      const data = parseInput(volunteers.LogVolunteerHours, { ...(input as object), entryId });
      return ledger.handle('logVolunteerHours', input, context, async () => ({
        result: { entryId, volunteerId: data.volunteerId },
        decision: decision(data.volunteerId, { type: 'LogVolunteerHours', data }, { centre: await loadCentre(ledger, data.centreId) }, data.centreId),
      }));
    },

    retractVolunteerHours(context: CommandContext, input: unknown) {
      const entryId = String((input as { entryId?: unknown }).entryId ?? '');
      const volunteerId = deps.volunteerOfEntry(entryId) ?? '';
      const data = parseInput(volunteers.RetractVolunteerHours, { ...(input as object), volunteerId });
      return ledger.handle('retractVolunteerHours', input, context, async () => ({
        result: { entryId, volunteerId },
        decision: decision(volunteerId, { type: 'RetractVolunteerHours', data }, {}),
      }));
    },
  };
}
