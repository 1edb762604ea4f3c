import type { HouseholdView } from '../../../projections/households.js';
import { authorize } from '../../auth/policy.js';
import { owned, readAccess } from '../access.js';
import type { ApiContext } from '../context.js';
import type { Resolvers, ResolversTypes } from '../generated/resolvers.js';
import type { Node } from './cycles.js';
import { afterWrite, found } from './shared.js';

/** Household in its GraphQL shape (no codegen mapper): related and personal fields are read when selected. */
export function householdNode(context: ApiContext, household: HouseholdView): Node<ResolversTypes['Household']> {
  return owned({
    id: household.id,
    code: household.code,
    returnedOn: household.returnedOn,
    get centre() {
      return found(context.read.centre(household.centreId), 'centreId', 'centre');
    },
    /** Personal, like a participant's names: for those who may read names at the household's centre. */
    get returnedFrom() {
      authorize(context.actor, 'readParticipantNames', { centreId: household.centreId });
      const value = context.openPersonal(household.id, household.personal)?.returnedFrom;
      return typeof value === 'string' ? value : null;
    },
    get members() {
      return context.read.households.membersOf(household.id);
    },
  }, household);
}

/** A household is read by those who may read its centre's participants. */
function readable(context: ApiContext, household: HouseholdView) {
  readAccess.participantsOf(context, household.centreId);
  return householdNode(context, household);
}

export const householdResolvers: Resolvers = {
  Query: {
    household: (_, { id }, context) => readable(context, found(context.read.households.household(id), 'id', 'household')),
    householdByCode: (_, { code }, context) =>
      readable(context, found(context.read.households.householdByCode(code.trim().toUpperCase()), 'code', 'household')),
  },
  Mutation: {
    registerHousehold: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.registerHousehold(context.commandContext(input), input), (r) =>
        context.read.households.household(r.householdId),
      );
      return { household: householdNode(context, entity), position };
    },
    setParticipantHousehold: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.setParticipantHousehold(context.commandContext(input), input),
        (r) => context.read.participant(r.participantId),
      );
      return { participant: entity, position };
    },
  },
  Participant: {
    household: (participant, _, context) => {
      const householdId = context.read.households.householdIdOf(participant.id);
      const household = householdId === undefined ? undefined : context.read.households.household(householdId);
      return household ? householdNode(context, household) : null;
    },
  },
  Centre: {
    households: (centre, _, context) => {
      readAccess.participantsOf(context, centre.id);
      return context.read.households.householdsOfCentre(centre.id).map((household) => householdNode(context, household));
    },
  },
};
