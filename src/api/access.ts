import { authorize, can } from '../auth/policy.js';
import type { ConsultationView } from '../../projections/consultations.js';
import type { ParticipantView } from '../../projections/participants.js';
import type { ServiceRecordView } from '../../projections/services.js';
import type { ServiceEntryView } from '../read/services.js';
import type { VolunteerView } from '../../projections/volunteers.js';
import type { ApiContext } from './context.js';

/**
 * The read side of the access rules, in one place: resolvers ask here and never test a role.
 * Each check throws FORBIDDEN; on a nullable field that nulls the field and leaves the rest.
 */
export const readAccess = {
  programme: (context: ApiContext) => authorize(context.actor, 'readProgramme'),
  centre: (context: ApiContext, centreId: string) => authorize(context.actor, 'readCentreSummary', { centreId }),
  participant: (context: ApiContext, participant: ParticipantView) =>
    authorize(context.actor, 'readParticipant', { centreId: participant.centreId }),
  participantsOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readParticipant', { centreId }),
  participantNames: (context: ApiContext, participant: ParticipantView) =>
    authorize(context.actor, 'readParticipantNames', { centreId: participant.centreId }),
  consultationsOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readConsultationDetails', { centreId }),
  consultation: (context: ApiContext, consultation: ConsultationView) =>
    authorize(context.actor, 'readConsultationDetails', { centreId: consultation.centreId }),
  mayReadConsultation: (context: ApiContext, consultation: ConsultationView) =>
    can(context.actor, 'readConsultationDetails', { centreId: consultation.centreId }),
  /** A volunteer sees their own record; centre readers see their centre's volunteers. */
  volunteer: (context: ApiContext, volunteer: VolunteerView) => {
    if (context.actor.volunteerId === volunteer.id) return;
    authorize(context.actor, 'readCentreSummary', { centreId: volunteer.centreId });
  },
  /** An individual session, referral or assistance: for those who read participants at the service's own centre. */
  serviceRecord: (context: ApiContext, record: ServiceRecordView) => authorize(context.actor, 'readParticipant', { centreId: record.centreId }),
  /** A centre's list of services (open referrals). */
  servicesOf: (context: ApiContext, centreId: string) => authorize(context.actor, 'readParticipant', { centreId }),
  /** Notes, reasons and descriptions of services: staff and legal advisers of the service's centre, and admins. */
  serviceNotes: (context: ApiContext, centreId: string) => authorize(context.actor, 'readServiceNotes', { centreId }),
  /** An entry of a person's history: for readers of the service's centre or of the person's own centre. */
  serviceEntry: (context: ApiContext, entry: ServiceEntryView) => {
    if (can(context.actor, 'readParticipant', { centreId: entry.participantCentreId })) return;
    authorize(context.actor, 'readParticipant', { centreId: entry.centreId });
  },
  /** Volunteers' names are personal data too: for the volunteer and their centre's staff. */
  volunteerName: (context: ApiContext, volunteer: VolunteerView) => {
    if (context.actor.volunteerId === volunteer.id) return;
    authorize(context.actor, 'readParticipantNames', { centreId: volunteer.centreId });
  },
};
