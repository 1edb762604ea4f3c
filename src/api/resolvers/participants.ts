import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found } from './shared.js';

export const participantResolvers: Resolvers = {
  Query: {
    participant: (_, { id }, context) => found(context.read.participant(id), 'id', 'participant'),
    participantByCode: (_, { code }, context) => found(context.read.participantByCode(code.trim().toUpperCase()), 'code', 'participant'),
  },
  Mutation: {
    registerParticipant: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.registerParticipant(context.commandContext(input), input),
        (r) => context.read.participant(r.participantId),
      );
      return { participant: entity, position };
    },
  },
  Participant: {
    centre: (participant, _, context) => found(context.read.centre(participant.centreId), 'centreId', 'centre'),
    givenName: (participant, _, context) => (context.openPersonal(participant.id, participant.personal)?.givenName as string) ?? null,
    familyName: (participant, _, context) => (context.openPersonal(participant.id, participant.personal)?.familyName as string) ?? null,
    erased: (participant, _, context) => context.openPersonal(participant.id, participant.personal) === null,
    participation: (participant, _, context) => context.read.participation(participant.id),
    legalConsultations: (participant, _, context) => context.read.consultationsOfParticipant(participant.id),
  },
};
