import * as cycles from '../domain/cycles/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function cycleCommands(ledger: Ledger) {
  return {
    scheduleCycle(context: CommandContext, input: unknown) {
      const cycleId = ledger.newId(context);
      const data = parseInput(cycles.ScheduleCycle, { ...(input as object), cycleId });
      return ledger.handle(cycles.decider, { type: 'ScheduleCycle', data }, {
        name: 'scheduleCycle', input, context, id: cycleId, centreId: data.centreId, result: { cycleId },
        load: async () => ({ centre: await loadCentre(ledger, data.centreId) }),
        access: { action: 'manageCentreActivity' },
        // Completion is counted over cycles ending in the period.
        dated: () => ({ date: data.endsOn }),
      });
    },
  };
}

/** The current state of a cycle, for a workshop scheduled as one of its sessions. */
export const loadCycle = (ledger: Ledger, cycleId: string) => ledger.load(cycles.decider, cycleId);
