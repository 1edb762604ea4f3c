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
      const { centreId } = data;
      return ledger.handle(targets.decider, { type: 'SetTarget', data }, {
        name: 'setTarget', input, context, id: targetId, result: { targetId },
        ...(centreId === null ? {} : { centreId, load: async () => ({ centre: await loadCentre(ledger, centreId) }) }),
        // Targets are the coordinators' business at every centre (admins and coordinators).
        access: { action: 'setTarget', scope: () => ({}) },
      });
    },
  };
}
