import type { Resolvers } from '../generated/resolvers.js';
import { readAccess } from '../access.js';
import { afterWrite, found, periodOf } from './shared.js';

export const centreResolvers: Resolvers = {
  Query: {
    centres: (_, __, context) => context.read.centres(context.scope),
    centre: (_, { id }, context) => {
      const centre = found(context.read.centre(id), 'id', 'centre');
      readAccess.centre(context, centre.id);
      return centre;
    },
  },
  Mutation: {
    openCentre: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.openCentre(context.commandContext(input), input), (r) =>
        context.read.centre(r.centreId),
      );
      return { centre: entity, position };
    },
    correctCentreDetails: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.correctCentreDetails(context.commandContext(input), input), (r) =>
        context.read.centre(r.centreId),
      );
      return { centre: entity, position };
    },
  },
  Centre: {
    // A centre can be reached from other objects (an hours entry, a participant), so each of its
    // figures and lists checks access itself.
    summary: (centre, args, context) => {
      readAccess.centre(context, centre.id);
      return context.read.summary([centre.id], periodOf(args), args.asOf);
    },
    participants: (centre, _, context) => {
      readAccess.participantsOf(context, centre.id);
      return context.read.participantsOfCentre(centre.id);
    },
    workshops: (centre, args, context) => {
      readAccess.centre(context, centre.id);
      return context.read.workshopsOfCentres([centre.id], periodOf(args));
    },
    volunteers: (centre, _, context) => {
      readAccess.centre(context, centre.id);
      return context.read.volunteersOfCentre(centre.id);
    },
    volunteerHours: (centre, args, context) => {
      readAccess.centre(context, centre.id);
      return context.read.hoursAtCentres([centre.id], periodOf(args));
    },
    legalConsultations: (centre, args, context) => {
      readAccess.consultationsOf(context, centre.id);
      return context.read.consultationsAtCentres([centre.id], periodOf(args));
    },
    culturalEvents: (centre, args, context) => {
      readAccess.centre(context, centre.id);
      return context.read.culturalEventsAtCentres([centre.id], periodOf(args));
    },
  },
};
