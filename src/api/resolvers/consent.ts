import { readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite } from './shared.js';

const consentWrite =
  (name: 'recordConsent' | 'withdrawConsent') =>
  async (_: unknown, { input }: { input: { commandId?: string | null } }, context: ApiContext) => {
    const { entity, position } = await afterWrite(context, context.commands[name](context.commandContext(input), input), (r) =>
      context.read.participant(r.participantId),
    );
    return { participant: entity, position };
  };

export const consentResolvers: Resolvers = {
  Mutation: {
    recordConsent: consentWrite('recordConsent'),
    withdrawConsent: consentWrite('withdrawConsent'),
  },
  Participant: {
    consent: (participant, { purpose }, context) => context.read.consent.consentStatus(participant.id, purpose),
    consents: (participant, _, context) => context.read.consent.consentsOf(participant.id),
  },
  Centre: {
    participantsWithoutLegalBasis: (centre, _, context) => {
      readAccess.participantsOf(context, centre.id);
      return context.read.consent.participantsWithoutLegalBasis(centre.id);
    },
  },
};
