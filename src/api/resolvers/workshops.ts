import type { GraphQLResolveInfo } from 'graphql';
import type { ApiContext } from '../context.js';
import { readAccess } from '../access.js';
import { workshopAsWritten } from '../../read/as-written.js';
import type { Resolvers } from '../generated/resolvers.js';
import { storedInRange } from '../stored-values.js';
import { afterWrite, centresFor, found, periodOf, selectsOnly } from './shared.js';

/** The workshop's fields that its own document holds; the others (centre, attendees, cycle) read other views. */
const ownFields = new Set(['id', 'kind', 'title', 'startsAt', 'date', 'durationMinutes', 'facilitator', 'status', 'attendeeCount', 'cancellationReason']);

/**
 * Every workshop mutation answers with the workshop as its events leave it. When the answer asks
 * only for the workshop's own fields (as the contract's operations do), it is the state the
 * command left (src/read/as-written.ts), sent without reading the stream again or waiting for the
 * views; otherwise it is read from the views once they include the write.
 */
const workshopWrite =
  (name: 'scheduleWorkshop' | 'recordAttendance' | 'removeAttendance' | 'cancelWorkshop') =>
  async (_: unknown, { input }: { input: { commandId?: string | null } }, context: ApiContext, info: GraphQLResolveInfo) => {
    const handled = context.commands[name](context.commandContext(input), input);
    if (selectsOnly(info, 'workshop', ownFields)) {
      const done = await handled;
      const { workshopId, position } = await context.answerWithinLag(done);
      const workshop = workshopAsWritten(workshopId, done.newState, context.timeZone);
      if (workshop === undefined) throw new Error(`workshop ${workshopId} has no stream after its write`);
      return { workshop, position };
    }
    const { entity, position } = await afterWrite(context, handled, (r) => context.read.workshop(r.workshopId));
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
    // A start stored before the 1900–2100 rule is an error on these fields alone (src/api/stored-values.ts).
    startsAt: (workshop) => storedInRange(workshop.startsAt),
    date: (workshop) => storedInRange(workshop.localDate),
    // The views' document names its attendees by number; a mutation's answer as written, and a document of the version
    // before numbers (served while the new one is built in the background), by id.
    attendeeCount: (workshop) => ('attendees' in workshop ? workshop.attendees : workshop.attendeeIds).length,
    attendees: (workshop, _, context) =>
      'attendees' in workshop ? context.read.participantsByNumber(workshop.attendees) : context.read.participants(workshop.attendeeIds),
  },
};
