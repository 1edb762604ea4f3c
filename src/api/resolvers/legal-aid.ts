import { readAccess } from '../access.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

export const legalAidResolvers: Resolvers = {
  Query: {
    legalConsultation: (_, { id }, context) => {
      const consultation = found(context.read.consultation(id), 'id', 'consultation');
      readAccess.consultation(context, consultation);
      return consultation;
    },
    legalConsultations: (_, args, context) =>
      context.read
        .consultationsAtCentres(centresFor(context, args.centreId), periodOf(args))
        .filter((consultation) => readAccess.mayReadConsultation(context, consultation)),
  },
  Mutation: {
    recordLegalConsultation: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.recordLegalConsultation(context.commandContext(input), input),
        (r) => context.read.consultation(r.consultationId),
      );
      return { consultation: entity, position };
    },
    retractLegalConsultation: async (_, { input }, context) => {
      const { position, consultationId } = await context.answerOnceViewsInclude(
        await context.commands.retractLegalConsultation(context.commandContext(input), input),
      );
      return { consultationId, position };
    },
  },
  LegalConsultation: {
    centre: (consultation, _, context) => found(context.read.centre(consultation.centreId), 'centreId', 'centre'),
    participant: (consultation, _, context) => found(context.read.participant(consultation.participantId), 'participantId', 'participant'),
    outcome: (consultation, _, context) =>
      (context.openPersonal(consultation.participantId, consultation.personal)?.outcome as string | undefined) ?? null,
  },
};
