import * as cycles from '../domain/cycles/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function cycleCommands(ledger: Ledger) {
  return {
    scheduleCycle(context: CommandContext, input: unknown) {
      const cycleId = ledger.newId(context);
      const data = parseInput(cycles.ScheduleCycle, { ...(input as object), cycleId });
      return ledger.handle('scheduleCycle', input, context, async () => {
        const centre = await loadCentre(ledger, data.centreId);
        return {
          result: { cycleId },
          decision: {
            streamId: cycles.streamOf(cycleId),
            initialState: cycles.initialState,
            evolve: cycles.evolve,
            decide: (state: cycles.CycleState) => cycles.decide({ type: 'ScheduleCycle', data }, state, { clock: ledger.clock(), centre }),
            centreId: data.centreId,
            access: { action: 'manageCentreActivity' as const },
            // Completion is counted over cycles ending in the period.
            dated: () => ({ date: data.endsOn }),
          },
        };
      });
    },
  };
}

/** The current state of a cycle, for a workshop scheduled as one of its sessions. */
export const loadCycle = (ledger: Ledger, cycleId: string) => ledger.load(cycles.streamOf(cycleId), cycles.initialState, cycles.evolve);
