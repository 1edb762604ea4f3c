import type { ParticipantView } from '../../../projections/participants.js';
import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, found } from './shared.js';

export const participantResolvers: Resolvers = {
  Query: {
    participant: (_, { id }, context) => {
      const participant = found(context.read.participant(id), 'id', 'participant');
      readAccess.participant(context, participant);
      return participant;
    },
    participantByCode: (_, { code }, context) => {
      const participant = found(context.read.participantByCode(code.trim().toUpperCase()), 'code', 'participant');
      readAccess.participant(context, participant);
      return participant;
    },
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
    eraseParticipant: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.eraseParticipant(context.commandContext(input), input), (r) =>
        context.read.participant(r.participantId),
      );
      return { participant: entity, position };
    },
  },
  Participant: {
    centre: (participant, _, context) => found(context.read.centre(participant.centreId), 'centreId', 'centre'),
    givenName: (participant, _, context) => nameOf(context, participant, 'givenName'),
    familyName: (participant, _, context) => nameOf(context, participant, 'familyName'),
    erased: (participant) => participant.erased,
    participation: (participant, _, context) => context.read.participation(participant.id),
    legalConsultations: (participant, _, context) =>
      context.read.consultationsOfParticipant(participant.id).filter((consultation) => readAccess.mayReadConsultation(context, consultation)),
  },
};

/** A name, for those who may read it; null for everyone once the person is erased. */
function nameOf(context: ApiContext, participant: ParticipantView, field: 'givenName' | 'familyName'): string | null {
  if (participant.erased) return null;
  readAccess.participantNames(context, participant);
  const value = context.openPersonal(participant.id, participant.personal)?.[field];
  return typeof value === 'string' ? value : null;
}
