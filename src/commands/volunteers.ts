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
  const on = <R extends { readonly volunteerId: string }>(
    name: string,
    context: CommandContext,
    input: unknown,
    command: volunteers.VolunteerCommand,
    result: R,
    centre?: { readonly centreId: string; readonly load?: boolean },
  ) => {
    const { volunteerId } = result;
    return ledger.handle(volunteers.decider, command, {
      name, input, context, id: volunteerId, result,
      ...(centre ? { centreId: centre.centreId } : {}),
      ...(centre?.load ? { load: async () => ({ centre: await loadCentre(ledger, centre.centreId) }) } : {}),
      // Registering and agreements are centre work (agreements at the volunteer's home centre);
      // hours are logged by staff of the centre they count for, or the volunteer.
      access:
        command.type === 'RegisterVolunteer' || command.type === 'RecordVolunteerAgreement'
          ? { action: 'manageCentreActivity' }
          : { action: 'logVolunteerHours', scope: (_, at) => ({ centreId: at, volunteerId }) },
      dated: (state) => {
        if (command.type === 'LogVolunteerHours') return { date: command.data.date };
        if (command.type !== 'RetractVolunteerHours' || !state.registered) return undefined;
        const entry = state.entries.get(command.data.entryId);
        return entry ? { date: entry.date } : undefined;
      },
    });
  };

  return {
    registerVolunteer(context: CommandContext, input: unknown) {
      const volunteerId = ledger.newId(context);
      const data = parseInput(volunteers.RegisterVolunteer, { ...(input as object), volunteerId });
      return on('registerVolunteer', context, input, { type: 'RegisterVolunteer', data }, { volunteerId }, { centreId: data.centreId, load: true });
    },

    logVolunteerHours(context: CommandContext, input: unknown) {
      const entryId = ledger.newId(context);
      const data = parseInput(volunteers.LogVolunteerHours, { ...(input as object), entryId });
      return on('logVolunteerHours', context, input, { type: 'LogVolunteerHours', data }, { entryId, volunteerId: data.volunteerId }, { centreId: data.centreId, load: true });
    },

    retractVolunteerHours(context: CommandContext, input: unknown) {
      const entryId = String((input as { entryId?: unknown }).entryId ?? '');
      const entry = deps.hoursEntry(entryId);
      if (!entry) throw notFound('entryId', 'no volunteer hours entry has this id');
      const data = parseInput(volunteers.RetractVolunteerHours, { ...(input as object), volunteerId: entry.volunteerId });
      return on('retractVolunteerHours', context, input, { type: 'RetractVolunteerHours', data }, { entryId, volunteerId: entry.volunteerId }, { centreId: entry.centreId });
    },

    recordVolunteerAgreement(context: CommandContext, input: unknown) {
      const agreementId = ledger.newId(context);
      const data = parseInput(volunteers.RecordVolunteerAgreement, { ...(input as object), agreementId });
      return on('recordVolunteerAgreement', context, input, { type: 'RecordVolunteerAgreement', data }, { agreementId, volunteerId: data.volunteerId });
    },
  };
}
