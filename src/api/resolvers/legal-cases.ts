import type { LegalCaseView } from '../../../projections/legal-cases.js';
import { can } from '../../auth/policy.js';
import { owned, readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers, ResolversTypes } from '../generated/resolvers.js';
import type { Node } from './cycles.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

/** LegalCase in its GraphQL shape (no codegen mapper): related fields are read when selected. */
export function legalCaseNode(context: ApiContext, legalCase: LegalCaseView): Node<ResolversTypes['LegalCase']> {
  return owned({
    id: legalCase.id,
    problem: legalCase.problem,
    openedOn: legalCase.openedOn,
    status: legalCase.status,
    closedOn: legalCase.closedOn,
    outcome: legalCase.outcome,
    get centre() {
      return found(context.read.centre(legalCase.centreId), 'centreId', 'centre');
    },
    get participant() {
      return found(context.read.participant(legalCase.participantId), 'participantId', 'participant');
    },
    get consultations() {
      return context.read.legalCases.consultationsOf(legalCase.id);
    },
  }, legalCase);
}

/** Legal cases follow the access rules of consultations: their details are for legal advisers of the case's centre, and admins. */
const mayRead = (context: ApiContext, legalCase: LegalCaseView) => can(context.actor, 'readConsultationDetails', { centreId: legalCase.centreId });

const caseWrite =
  (name: 'openLegalCase' | 'closeLegalCase') =>
  async (_: unknown, { input }: { input: { commandId?: string | null } }, context: ApiContext) => {
    const { entity, position } = await afterWrite(context, context.commands[name](context.commandContext(input), input), (r) =>
      context.read.legalCases.legalCase(r.caseId),
    );
    return { legalCase: legalCaseNode(context, entity), position };
  };

export const legalCaseResolvers: Resolvers = {
  Query: {
    legalCase: (_, { id }, context) => {
      const legalCase = found(context.read.legalCases.legalCase(id), 'id', 'legal case');
      readAccess.consultationsOf(context, legalCase.centreId);
      return legalCaseNode(context, legalCase);
    },
    legalCases: (_, args, context) =>
      context.read.legalCases
        .legalCasesAtCentres(centresFor(context, args.centreId), periodOf(args))
        .filter((legalCase) => mayRead(context, legalCase))
        .map((legalCase) => legalCaseNode(context, legalCase)),
    // Counts, like a summary's: for those who may read the centres' summaries.
    legalCasesResolved: (_, args, context) => context.read.legalCases.legalCasesResolved(centresFor(context, args.centreId), periodOf(args)),
    legalCaseBreakdown: (_, args, context) => context.read.legalCases.legalCaseBreakdown(centresFor(context, args.centreId), periodOf(args)),
  },
  Mutation: {
    openLegalCase: caseWrite('openLegalCase'),
    closeLegalCase: caseWrite('closeLegalCase'),
  },
  LegalConsultation: {
    serviceLevel: (consultation, _, context) => context.read.legalCases.consultationLink(consultation.id)?.serviceLevel ?? null,
    legalCase: (consultation, _, context) => {
      const caseId = context.read.legalCases.consultationLink(consultation.id)?.caseId;
      const legalCase = caseId ? context.read.legalCases.legalCase(caseId) : undefined;
      return legalCase ? legalCaseNode(context, legalCase) : null;
    },
  },
  Participant: {
    legalCases: (participant, _, context) =>
      context.read.legalCases
        .legalCasesOfParticipant(participant.id)
        .filter((legalCase) => mayRead(context, legalCase))
        .map((legalCase) => legalCaseNode(context, legalCase)),
  },
};
