import { audienceTotal } from '../../domain/cultural-events/events.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

export const culturalEventResolvers: Resolvers = {
  Query: {
    culturalEvent: (_, { id }, context) => found(context.read.culturalEvent(id), 'id', 'cultural event'),
    culturalEvents: (_, args, context) => context.read.culturalEventsAtCentres(centresFor(context, args.centreId), periodOf(args)),
  },
  Mutation: {
    recordCulturalEvent: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.recordCulturalEvent(context.commandContext(input), input),
        (r) => context.read.culturalEvent(r.culturalEventId),
      );
      return { culturalEvent: entity, position };
    },
    correctCulturalEventAudience: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.correctCulturalEventAudience(context.commandContext(input), input),
        (r) => context.read.culturalEvent(r.culturalEventId),
      );
      return { culturalEvent: entity, position };
    },
  },
  CulturalEvent: {
    centre: (event, _, context) => found(context.read.centre(event.centreId), 'centreId', 'centre'),
    audienceTotal: (event) => audienceTotal(event.audience),
  },
};
