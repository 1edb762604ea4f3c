import * as centres from '../domain/centres/decider.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

// Who may open a centre may correct its name and place.
const access = { action: 'openCentre' as const, scope: () => ({}) };

export function centreCommands(ledger: Ledger) {
  return {
    openCentre(context: CommandContext, input: unknown) {
      const centreId = ledger.newId(context);
      const data = parseInput(centres.OpenCentre, { ...(input as object), centreId });
      return ledger.handle(centres.decider, { type: 'OpenCentre', data }, { name: 'openCentre', input, context, id: centreId, centreId, result: { centreId }, access });
    },
    correctCentreDetails(context: CommandContext, input: unknown) {
      const data = parseInput(centres.CorrectCentreDetails, input);
      const { centreId } = data;
      return ledger.handle(centres.decider, { type: 'CorrectCentreDetails', data }, { name: 'correctCentreDetails', input, context, id: centreId, centreId, result: { centreId }, access });
    },
  };
}

/** The current state of a centre, for decisions in other areas that name one. */
export const loadCentre = (ledger: Ledger, centreId: string) => ledger.load(centres.decider, centreId);
