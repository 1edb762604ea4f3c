import * as programmes from '../domain/programmes/decider.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

// Programmes are the coordinators' business at every centre (admins and coordinators).
const access = { action: 'manageProgrammes' as const, scope: () => ({}) };

export function programmeCommands(ledger: Ledger) {
  return {
    /** A donor's programme over its period and centres. */
    defineProgramme(context: CommandContext, input: unknown) {
      const programmeId = ledger.newId(context);
      const data = parseInput(programmes.DefineProgramme, { ...(input as object), programmeId });
      return ledger.handle(programmes.decider, { type: 'DefineProgramme', data }, {
        name: 'defineProgramme', input, context, id: programmeId, result: { programmeId }, access,
        load: async () => {
          const ids = [...new Set(data.centreIds)];
          const states = await Promise.all(ids.map((id) => loadCentre(ledger, id)));
          return { centres: new Map(ids.map((id, index) => [id, states[index]!])) };
        },
      });
    },

    /** Defines an indicator, or (same code) a new version of it from now on. */
    defineIndicator(context: CommandContext, input: unknown) {
      const data = parseInput(programmes.DefineIndicator, input);
      const { programmeId } = data;
      const result = { programmeId, indicatorId: programmes.indicatorIdOf(programmeId, data.code) };
      return ledger.handle(programmes.decider, { type: 'DefineIndicator', data }, { name: 'defineIndicator', input, context, id: programmeId, result, access });
    },

    /** Closes a programme's reporting period: the report as sent, on the stream of every closed period. */
    closeReportingPeriod(context: CommandContext, input: unknown) {
      const reportId = ledger.newId(context);
      const data = parseInput(programmes.CloseReportingPeriod, { ...(input as object), reportId });
      const { programmeId } = data;
      return ledger.handle(programmes.closedPeriods, data, {
        name: 'closeReportingPeriod', input, context, id: programmeId, result: { programmeId, reportId }, access,
        load: async () => ({ programme: await ledger.load(programmes.decider, programmeId) }),
      });
    },
  };
}
