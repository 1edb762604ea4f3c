import * as targets from '../domain/targets/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function targetCommands(ledger: Ledger) {
  return {
    /** Sets (or replaces) the target for one indicator, period and centre; no centre is the whole programme. */
    setTarget(context: CommandContext, input: unknown) {
      const data = parseInput(targets.SetTarget, input);
      const targetId = targets.targetIdOf(data);
      return ledger.handle('setTarget', input, context, async () => {
        const centre = data.centreId === null ? undefined : await loadCentre(ledger, data.centreId);
        return {
          result: { targetId },
          decision: {
            streamId: targets.streamOf(targetId),
            initialState: targets.initialState,
            evolve: targets.evolve,
            decide: (state: targets.TargetState) => targets.decide({ type: 'SetTarget', data }, state, centre ? { centre } : {}),
            ...(data.centreId === null ? {} : { centreId: data.centreId }),
            // Targets are the coordinators' business at every centre (admins and coordinators).
            access: { action: 'setTarget' as const, scope: () => ({}) },
          },
        };
      });
    },
  };
}
