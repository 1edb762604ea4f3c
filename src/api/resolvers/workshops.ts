import type { ApiContext } from '../context.js';
import { readAccess } from '../access.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

/** Every workshop mutation answers with the workshop as the views now show it. */
const workshopWrite =
  (name: 'scheduleWorkshop' | 'recordAttendance' | 'removeAttendance' | 'cancelWorkshop') =>
  async (_: unknown, { input }: { input: { commandId?: string | null } }, context: ApiContext) => {
    const { entity, position } = await afterWrite(context, context.commands[name](context.commandContext(input), input), (r) =>
      context.read.workshop(r.workshopId),
    );
    return { workshop: entity, position };
  };

export const workshopResolvers: Resolvers = {
  Query: {
    workshop: (_, { id }, context) => {
      const workshop = found(context.read.workshop(id), 'id', 'workshop');
      readAccess.centre(context, workshop.centreId);
      return workshop;
    },
    workshops: (_, args, context) => context.read.workshopsOfCentres(centresFor(context, args.centreId), periodOf(args)),
  },
  Mutation: {
    scheduleWorkshop: workshopWrite('scheduleWorkshop'),
    recordAttendance: workshopWrite('recordAttendance'),
    removeAttendance: workshopWrite('removeAttendance'),
    cancelWorkshop: workshopWrite('cancelWorkshop'),
  },
  Workshop: {
    centre: (workshop, _, context) => found(context.read.centre(workshop.centreId), 'centreId', 'centre'),
    date: (workshop) => workshop.localDate,
    attendeeCount: (workshop) => workshop.attendeeIds.length,
    attendees: (workshop, _, context) => context.read.participants(workshop.attendeeIds),
  },
};
