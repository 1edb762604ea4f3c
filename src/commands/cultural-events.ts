import * as culturalEvents from '../domain/cultural-events/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function culturalEventCommands(ledger: Ledger) {
  const decision = (culturalEventId: string, command: culturalEvents.CulturalEventCommand, context: Omit<culturalEvents.CulturalEventContext, 'clock'>) => ({
    streamId: culturalEvents.streamOf(culturalEventId),
    initialState: culturalEvents.initialState,
    evolve: culturalEvents.evolve,
    decide: (state: culturalEvents.CulturalEventState) => culturalEvents.decide(command, state, { ...context, clock: ledger.clock() }),
    centreId: (state: culturalEvents.CulturalEventState) =>
      command.type === 'RecordCulturalEvent' ? command.data.centreId : state.recorded ? state.centreId : undefined,
    access: { action: 'manageCentreActivity' as const },
    dated: (state: culturalEvents.CulturalEventState) =>
      command.type === 'RecordCulturalEvent' ? { date: command.data.date } : state.recorded ? { date: state.date } : undefined,
  });

  return {
    recordCulturalEvent(context: CommandContext, input: unknown) {
      const culturalEventId = ledger.newId(context);
      const data = parseInput(culturalEvents.RecordCulturalEvent, { ...(input as object), culturalEventId });
      return ledger.handle('recordCulturalEvent', input, context, async () => ({
        result: { culturalEventId },
        decision: decision(culturalEventId, { type: 'RecordCulturalEvent', data }, { centre: await loadCentre(ledger, data.centreId) }),
      }));
    },

    correctCulturalEventAudience(context: CommandContext, input: unknown) {
      const data = parseInput(culturalEvents.CorrectCulturalEventAudience, input);
      return ledger.handle('correctCulturalEventAudience', input, context, async () => ({
        result: { culturalEventId: data.culturalEventId },
        decision: decision(data.culturalEventId, { type: 'CorrectCulturalEventAudience', data }, {}),
      }));
    },
  };
}
