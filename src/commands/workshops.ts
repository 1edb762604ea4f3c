import { localDateOf } from '../domain/shared/time.js';
import * as workshops from '../domain/workshops/decider.js';
import { loadCentre } from './centres.js';
import { loadCycle } from './cycles.js';
import { parseInput } from './input.js';
import { touched, type CommandContext, type HandleOptions, type Ledger } from './ledger.js';
import { loadParticipants } from './participants.js';

export function workshopCommands(ledger: Ledger) {
  const access = { action: 'manageCentreActivity' as const };
  /** A workshop's entries count on the local date it starts. */
  const dated = (state: workshops.WorkshopState) => (state.status === 'NONE' ? undefined : { date: localDateOf(state.startsAt, ledger.timeZone) });

  /** A command on an existing workshop: its centre comes from the stream, for the metadata. */
  const onWorkshop = (name: string, context: CommandContext, input: unknown, command: workshops.WorkshopCommand & { data: { workshopId: string } }, load?: () => Promise<Omit<workshops.WorkshopContext, 'clock'>>) =>
    ledger.handle(workshops.decider, command, { name, input, context, id: command.data.workshopId, result: { workshopId: command.data.workshopId }, ...(load ? { load } : {}), access, dated });

  return {
    scheduleWorkshop(context: CommandContext, input: unknown, options: HandleOptions = {}) {
      const workshopId = ledger.newId(context);
      const data = parseInput(workshops.ScheduleWorkshop, { ...(input as object), workshopId });
      const { centreId, cycleId } = data;
      return ledger.handle(workshops.decider, { type: 'ScheduleWorkshop', data }, {
        name: 'scheduleWorkshop', input, context, id: workshopId, centreId, result: { workshopId }, ...options,
        load: async () => {
          const [centre, cycle] = await Promise.all([loadCentre(ledger, centreId), cycleId === undefined ? undefined : loadCycle(ledger, cycleId)]);
          return { centre, ...(cycle ? { cycle } : {}) };
        },
        access,
        touches: ({ cycle }) => [touched('manageCentreActivity', cycle)],
        dated: () => ({ date: localDateOf(data.startsAt, ledger.timeZone) }),
      });
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
