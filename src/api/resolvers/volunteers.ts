import { onRosterOf, readAccess } from '../access.js';
import type { Resolvers } from '../generated/resolvers.js';
import { afterWrite, centresFor, found, periodOf } from './shared.js';

export const volunteerResolvers: Resolvers = {
  Query: {
    volunteer: (_, { id }, context) => {
      const volunteer = found(context.read.volunteer(id), 'id', 'volunteer');
      readAccess.volunteer(context, volunteer);
      return volunteer;
    },
    volunteerHours: (_, args, context) => context.read.hoursAtCentres(centresFor(context, args.centreId), periodOf(args)),
    volunteersNeedingAgreement: (_, { on }, context) =>
      context.read.agreements
        .volunteersNeedingAgreement(context.scope, on)
        .map(({ volunteer, hundredthsLast13Weeks }) => ({ volunteer, hoursLast13Weeks: hundredthsLast13Weeks / 100 })),
  },
  Mutation: {
    registerVolunteer: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.registerVolunteer(context.commandContext(input), input), (r) =>
        context.read.volunteer(r.volunteerId),
      );
      return { volunteer: entity, position };
    },
    logVolunteerHours: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(context, context.commands.logVolunteerHours(context.commandContext(input), input), (r) =>
        context.read.hoursEntry(r.entryId),
      );
      return { entry: entity, position };
    },
    retractVolunteerHours: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.retractVolunteerHours(context.commandContext(input), input),
        (r) => context.read.volunteer(r.volunteerId),
      );
      // Staff who retract hours given at their centre by another centre's volunteer see that
      // volunteer as on the entry: by id only.
      const at = context.read.hoursEntry(input.entryId)?.centreId;
      return { volunteer: at === undefined ? entity : onRosterOf(entity, at), position };
    },
    recordVolunteerAgreement: async (_, { input }, context) => {
      const { entity, position } = await afterWrite(
        context,
        context.commands.recordVolunteerAgreement(context.commandContext(input), input),
        (r) => context.read.agreements.agreement(r.agreementId),
      );
      return { volunteer: found(context.read.volunteer(entity.volunteerId), 'volunteerId', 'volunteer'), agreement: entity, position };
    },
  },
  Volunteer: {
    agreements: (volunteer, _, context) => context.read.agreements.agreementsOf(volunteer.id),
    centre: (volunteer, _, context) => found(context.read.centre(volunteer.centreId), 'centreId', 'centre'),
    name: (volunteer, _, context) => {
      readAccess.volunteerName(context, volunteer);
      const name = context.openPersonal(volunteer.id, volunteer.personal)?.name;
      return typeof name === 'string' ? name : null;
    },
    hours: (volunteer, args, context) => context.read.hoursOfVolunteer(volunteer.id, periodOf(args)),
    totalHours: (volunteer, args, context) =>
      context.read.hoursOfVolunteer(volunteer.id, periodOf(args)).reduce((sum, entry) => sum + Math.round(entry.hours * 100), 0) / 100,
  },
  VolunteerHoursEntry: {
    volunteer: (entry, _, context) => found(context.read.volunteer(entry.volunteerId), 'volunteerId', 'volunteer'),
    centre: (entry, _, context) => found(context.read.centre(entry.centreId), 'centreId', 'centre'),
  },
};
