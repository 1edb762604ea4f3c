import * as volunteers from '../domain/volunteers/decider.js';
import { loadCentre } from './centres.js';
import { notFound } from '../domain/shared/errors.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export interface VolunteerCommandDeps {
  /** The volunteer an hours entry belongs to and the centre it counts for (from the volunteer hours view). */
  readonly hoursEntry: (entryId: string) => { readonly volunteerId: string; readonly centreId: string } | undefined;
}

export function volunteerCommands(ledger: Ledger, deps: VolunteerCommandDeps) {
  const decision = (
    volunteerId: string,
    command: volunteers.VolunteerCommand,
    context: Omit<volunteers.VolunteerContext, 'clock'>,
    centreId?: string,
  ) => ({
    streamId: volunteers.streamOf(volunteerId),
    initialState: volunteers.initialState,
    evolve: volunteers.evolve,
    decide: (state: volunteers.VolunteerState) => volunteers.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: centreId ?? ((state: volunteers.VolunteerState) => (state.registered ? state.centreId : undefined)),
    // Registering and agreements are centre work (agreements at the volunteer's home centre);
    // hours are logged by staff of the centre they count for, or the volunteer.
    access:
      command.type === 'RegisterVolunteer' || command.type === 'RecordVolunteerAgreement'
        ? { action: 'manageCentreActivity' as const }
        : { action: 'logVolunteerHours' as const, scope: (_: volunteers.VolunteerState, at: string | undefined) => ({ centreId: at, volunteerId }) },
    dated: (state: volunteers.VolunteerState) => {
      if (command.type === 'LogVolunteerHours') return { date: command.data.date };
      if (command.type !== 'RetractVolunteerHours' || !state.registered) return undefined;
      const entry = state.entries.get(command.data.entryId);
      return entry ? { date: entry.date } : undefined;
    },
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
      const entry = deps.hoursEntry(entryId);
      if (!entry) throw notFound('entryId', 'no volunteer hours entry has this id');
      const data = parseInput(volunteers.RetractVolunteerHours, { ...(input as object), volunteerId: entry.volunteerId });
      return ledger.handle('retractVolunteerHours', input, context, async () => ({
        result: { entryId, volunteerId: entry.volunteerId },
        decision: decision(entry.volunteerId, { type: 'RetractVolunteerHours', data }, {}, entry.centreId),
      }));
    },

    recordVolunteerAgreement(context: CommandContext, input: unknown) {
      const agreementId = ledger.newId(context);
      const data = parseInput(volunteers.RecordVolunteerAgreement, { ...(input as object), agreementId });
      return ledger.handle('recordVolunteerAgreement', input, context, async () => ({
        result: { agreementId, volunteerId: data.volunteerId },
        decision: decision(data.volunteerId, { type: 'RecordVolunteerAgreement', data }, {}),
      }));
    },
  };
}
