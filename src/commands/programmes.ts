import * as programmes from '../domain/programmes/decider.js';
import type { ProgrammeEvent } from '../domain/programmes/events.js';
import { loadCentre } from './centres.js';
import { parseInput } from './input.js';
import type { CommandContext, Ledger } from './ledger.js';

// Programmes are the coordinators' business at every centre (admins and coordinators).
const access = { action: 'manageProgrammes' as const, scope: () => ({}) };

export function programmeCommands(ledger: Ledger) {
  const loadProgramme = (programmeId: string) =>
    ledger.load<programmes.ProgrammeState, ProgrammeEvent>(programmes.streamOf(programmeId), programmes.initialState, programmes.evolve);

  return {
    /** A donor's programme over its period and centres. */
    defineProgramme(context: CommandContext, input: unknown) {
      const programmeId = ledger.newId(context);
      const data = parseInput(programmes.DefineProgramme, { ...(input as object), programmeId });
      return ledger.handle('defineProgramme', input, context, async () => {
        const ids = [...new Set(data.centreIds)];
        const states = await Promise.all(ids.map((id) => loadCentre(ledger, id)));
        const centres = new Map(ids.map((id, index) => [id, states[index]!]));
        return {
          result: { programmeId },
          decision: {
            streamId: programmes.streamOf(programmeId),
            initialState: programmes.initialState,
            evolve: programmes.evolve,
            decide: (state: programmes.ProgrammeState) => programmes.decide({ type: 'DefineProgramme', data }, state, { centres }),
            access,
          },
        };
      });
    },

    /** Defines an indicator, or (same code) a new version of it from now on. */
    defineIndicator(context: CommandContext, input: unknown) {
      const data = parseInput(programmes.DefineIndicator, input);
      return ledger.handle('defineIndicator', input, context, async () => ({
        result: { programmeId: data.programmeId, indicatorId: programmes.indicatorIdOf(data.programmeId, data.code) },
        decision: {
          streamId: programmes.streamOf(data.programmeId),
          initialState: programmes.initialState,
          evolve: programmes.evolve,
          decide: (state: programmes.ProgrammeState) => programmes.decide({ type: 'DefineIndicator', data }, state, {}),
          access,
        },
      }));
    },

    /** Closes a programme's reporting period: the report as sent. */
    closeReportingPeriod(context: CommandContext, input: unknown) {
      const reportId = ledger.newId(context);
      const data = parseInput(programmes.CloseReportingPeriod, { ...(input as object), reportId });
      return ledger.handle('closeReportingPeriod', input, context, async () => {
        const programme = await loadProgramme(data.programmeId);
        return {
          result: { programmeId: data.programmeId, reportId },
          decision: {
            streamId: programmes.CLOSED_PERIODS_STREAM,
            initialState: programmes.noClosedPeriods,
            evolve: programmes.evolveClosedPeriods,
            decide: (closed: programmes.ClosedPeriods) => programmes.decideClosing(data, closed, { programme }),
            access,
          },
        };
      });
    },
  };
}
