import * as culturalEvents from '../domain/cultural-events/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

export function culturalEventCommands(ledger: Ledger) {
  const access = { action: 'manageCentreActivity' as const };

  return {
    recordCulturalEvent(context: CommandContext, input: unknown) {
      const culturalEventId = ledger.newId(context);
      const data = parseInput(culturalEvents.RecordCulturalEvent, { ...(input as object), culturalEventId });
      return ledger.handle(culturalEvents.decider, { type: 'RecordCulturalEvent', data }, {
        name: 'recordCulturalEvent', input, context, id: culturalEventId, centreId: data.centreId, result: { culturalEventId }, access,
        load: async () => ({ centre: await loadCentre(ledger, data.centreId) }),
        dated: () => ({ date: data.date }),
      });
    },

    correctCulturalEventAudience(context: CommandContext, input: unknown) {
      const data = parseInput(culturalEvents.CorrectCulturalEventAudience, input);
      const { culturalEventId } = data;
      return ledger.handle(culturalEvents.decider, { type: 'CorrectCulturalEventAudience', data }, {
        name: 'correctCulturalEventAudience', input, context, id: culturalEventId, result: { culturalEventId }, access,
        dated: (state) => (state.recorded ? { date: state.date } : undefined),
      });
    },
  };
}
