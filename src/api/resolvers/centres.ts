import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found, periodOf } from './shared.js';

export const centreResolvers: Resolvers = {
  Query: {
    centres: (_, __, context) => context.read.centres(context.scope),
    centre: (_, { id }, context) => found(context.read.centre(id), 'id', 'centre'),
  },
  Mutation: {
    openCentre: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.openCentre(context.commandContext(input), input), (r) =>
        context.read.centre(r.centreId),
      );
      return { centre: entity, position };
    },
  },
  Centre: {
    summary: (centre, args, context) => context.read.summary([centre.id], periodOf(args)),
    participants: (centre, _, context) => context.read.participantsOfCentre(centre.id),
    workshops: (centre, args, context) => context.read.workshopsOfCentres([centre.id], periodOf(args)),
    volunteers: (centre, _, context) => context.read.volunteersOfCentre(centre.id),
    volunteerHours: (centre, args, context) => context.read.hoursAtCentres([centre.id], periodOf(args)),
    legalConsultations: (centre, args, context) => context.read.consultationsAtCentres([centre.id], periodOf(args)),
    culturalEvents: (centre, args, context) => context.read.culturalEventsAtCentres([centre.id], periodOf(args)),
  },
};
