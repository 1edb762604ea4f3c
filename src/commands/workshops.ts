import { localDateOf } from '../domain/shared/time.js';
import * as workshops from '../domain/workshops/decider.js';
import { loadCentre } from './centres.js';
import { loadCycle } from './cycles.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type HandleOptions, type Ledger } from './ledger.js';
import { loadParticipants } from './participants.js';

export function workshopCommands(ledger: Ledger) {
  /** A command on an existing workshop: its centre comes from the stream, for the metadata. */
  function onWorkshop<C extends workshops.WorkshopCommand>(
    name: string,
    context: CommandContext,
    input: unknown,
    command: C,
    loadContext: () => Promise<Omit<workshops.WorkshopContext, 'clock'>> = async () => ({}),
  ) {
    const { workshopId } = command.data;
    return ledger.handle(name, input, context, async () => {
      const references = await loadContext();
      return {
        result: { workshopId },
        decision: {
          streamId: workshops.streamOf(workshopId),
          initialState: workshops.initialState,
          evolve: workshops.evolve,
          decide: (state) => workshops.decide(command, state, { ...references, clock: ledger.clock() }),
          centreId: (state) => (state.status === 'NONE' ? undefined : state.centreId),
          access: { action: 'manageCentreActivity' },
          dated: (state) => (state.status === 'NONE' ? undefined : { date: localDateOf(state.startsAt, ledger.timeZone) }),
        },
      };
    });
  }

  return {
    scheduleWorkshop(context: CommandContext, input: unknown, options: HandleOptions = {}) {
      const workshopId = ledger.newId(context);
      const data = parseInput(workshops.ScheduleWorkshop, { ...(input as object), workshopId });
      return ledger.handle('scheduleWorkshop', input, context, async () => {
        const [centre, cycle] = await Promise.all([
          loadCentre(ledger, data.centreId),
          data.cycleId === undefined ? undefined : loadCycle(ledger, data.cycleId),
        ]);
        return {
          result: { workshopId },
          decision: {
            streamId: workshops.streamOf(workshopId),
            initialState: workshops.initialState,
            evolve: workshops.evolve,
            decide: (state) =>
              workshops.decide({ type: 'ScheduleWorkshop', data }, state, { clock: ledger.clock(), centre, ...(cycle ? { cycle } : {}) }),
            centreId: data.centreId,
            access: { action: 'manageCentreActivity', touches: [touched('manageCentreActivity', cycle)] },
            dated: () => ({ date: localDateOf(data.startsAt, ledger.timeZone) }),
          },
        };
      }, options);
    },

    recordAttendance(context: CommandContext, input: unknown) {
      const data = parseInput(workshops.RecordAttendance, input);
      return onWorkshop('recordAttendance', context, input, { type: 'RecordAttendance', data }, async () => {
        const ids = [...new Set(data.participantIds)];
        const states = await loadParticipants(ledger, ids);
        return { participants: new Map(ids.map((id, index) => [id, states[index]!])) };
      });
    },

    removeAttendance(context: CommandContext, input: unknown) {
      const data = parseInput(workshops.RemoveAttendance, input);
      return onWorkshop('removeAttendance', context, input, { type: 'RemoveAttendance', data });
    },

    cancelWorkshop(context: CommandContext, input: unknown) {
      const data = parseInput(workshops.CancelWorkshop, input);
      return onWorkshop('cancelWorkshop', context, input, { type: 'CancelWorkshop', data });
    },
  };
}
