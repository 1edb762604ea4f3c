import * as centres from '../domain/centres/decider.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function centreCommands(ledger: Ledger) {
  return {
    openCentre(context: CommandContext, input: unknown) {
      const centreId = ledger.newId(context);
      const command = parseInput(centres.OpenCentre, { ...(input as object), centreId });
      return ledger.handle('openCentre', input, context, async () => ({
        result: { centreId },
        decision: {
          streamId: centres.streamOf(centreId),
          initialState: centres.initialState,
          evolve: centres.evolve,
          decide: (state) => centres.decide({ type: 'OpenCentre', data: command }, state),
          centreId,
          access: { action: 'openCentre', scope: () => ({}) },
        },
      }));
    },
    correctCentreDetails(context: CommandContext, input: unknown) {
      const command = parseInput(centres.CorrectCentreDetails, input);
      return ledger.handle('correctCentreDetails', input, context, async () => ({
        result: { centreId: command.centreId },
        decision: {
          streamId: centres.streamOf(command.centreId),
          initialState: centres.initialState,
          evolve: centres.evolve,
          decide: (state) => centres.decide({ type: 'CorrectCentreDetails', data: command }, state),
          centreId: command.centreId,
          // Who may open a centre may correct its name and place.
          access: { action: 'openCentre', scope: () => ({}) },
        },
      }));
    },
  };
}

/** The current state of a centre, for decisions in other areas that name one. */
export const loadCentre = (ledger: Ledger, centreId: string) =>
  ledger.load(centres.streamOf(centreId), centres.initialState, centres.evolve);
