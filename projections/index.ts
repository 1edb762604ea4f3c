import { centreDayContacts, centreMonthContacts } from './centre-contacts.js';
import { centreDays, centreMonths } from './centre-days.js';
import { centres } from './centres.js';
import { consent } from './consent.js';
import { consultations } from './consultations.js';
import { culturalEvents } from './cultural-events.js';
import { cycleSessions, cycles } from './cycles.js';
import { householdMembers, households } from './households.js';
import { caseConsultations, legalCases } from './legal-cases.js';
import { attendance } from './attendance.js';
import { participantNumbers } from './participant-numbers.js';
import { participantMerges } from './participant-merges.js';
import { participants } from './participants.js';
import type { AnyView, ProjectionSettings } from './projection.js';
import { serviceRecords } from './services.js';
import { programmes } from './programmes.js';
import { programmeSets, programmeTotals } from './programme-spans.js';
import { lateEntries } from './late-entries.js';
import { targets } from './targets.js';
import { volunteerAgreements } from './volunteer-agreements.js';
import { volunteerHours, volunteers } from './volunteers.js';
import { workshopNumbers } from './workshop-numbers.js';
import { workshops } from './workshops.js';

/**
 * Every read model the ledger keeps, in the order the runner applies them: a view that looks up
 * another's documents comes after it: participants read their number, a child's attendance rows
 * read the workshop as it was before the event (so they come before it), and the centre days and months read the workshop and its participants.
 */
export const allProjections = (settings: ProjectionSettings): readonly AnyView[] => [
  centres,
  participantNumbers,
  participants,
  workshopNumbers,
  // Before the workshops: it reads the workshop's attendees as they were before the event.
  attendance,
  workshops(settings),
  centreDays,
  centreMonths,
  // The programme's days and months, over every centre: after the centre days and months, which a removal asks.
  programmeTotals,
  programmeSets,
  // A programme's indicators: contacts by kind, before the consultations and service records (a retraction looks up the entry as it was).
  centreDayContacts,
  centreMonthContacts,
  volunteers,
  volunteerHours,
  consultations,
  culturalEvents,
  targets,
  cycles,
  cycleSessions,
  households,
  householdMembers,
  legalCases,
  caseConsultations,
  consent,
  volunteerAgreements,
  serviceRecords,
  participantMerges,
  programmes,
  lateEntries,
];
