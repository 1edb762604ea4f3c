/* eslint-disable */
/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { DocumentTypeDecoration } from '@graphql-typed-document-node/core';
/** Age in whole years: the year of the workshop's date minus the birth year. */
export type AgeGroup =
  | 'AGE_0_4'
  | 'AGE_5_11'
  | 'AGE_12_17'
  | 'AGE_18_59'
  | 'AGE_60_PLUS';

export type AudienceInput = {
  boys: number;
  girls: number;
  men: number;
  women: number;
};

export type CancelWorkshopInput = {
  commandId?: string | null | undefined;
  lateEntryReason?: string | null | undefined;
  reason: string;
  workshopId: string;
};

export type CloseLegalCaseInput = {
  caseId: string;
  /** Not before openedOn, not in the future. */
  closedOn: string;
  commandId?: string | null | undefined;
  outcome: LegalOutcome;
};

export type ConsentGiver =
  | 'GUARDIAN'
  | 'PARENT'
  | 'SELF';

export type ConsentPurpose =
  | 'DATA_SHARING'
  | 'PARTICIPATION'
  | 'PHOTOS';

export type ConsentStatus =
  | 'GIVEN'
  /** Nothing recorded for this purpose. */
  | 'MISSING'
  | 'WITHDRAWN';

/** A centre's name, municipality or district corrected (admins): what was wrong and why, kept in the log. */
export type CorrectCentreDetailsInput = {
  centreId: string;
  commandId?: string | null | undefined;
  district: string;
  municipality: string;
  name: string;
  reason: string;
};

export type CorrectCulturalEventAudienceInput = {
  audience: AudienceInput;
  commandId?: string | null | undefined;
  culturalEventId: string;
  lateEntryReason?: string | null | undefined;
  reason: string;
};

/** What the programme measures and sets targets for. */
export type Indicator =
  /** Distinct participants who received anything (summary's uniqueBeneficiaries). */
  | 'BENEFICIARIES_REACHED'
  /** The sum of cultural events' audiences. */
  | 'CULTURAL_EVENT_AUDIENCE'
  /** Over cycles whose endsOn lies in the period: participants under 18 (year of endsOn minus birth year) who completed / participants under 18, 0 to 1; null when there are none. */
  | 'CYCLE_COMPLETION'
  /** Distinct participants with a consultation dated in the period. */
  | 'LEGAL_AID_BENEFICIARIES'
  /** Distinct participants (summary's uniqueParticipants). */
  | 'PARTICIPANTS_REACHED'
  /** Distinct participants in group RETURNEE. */
  | 'RETURNEES_REACHED'
  /** Volunteer hours logged in the period. */
  | 'VOLUNTEER_HOURS'
  /** Female unique participants / unique participants, 0 to 1; null when there are none. */
  | 'WOMEN_AND_GIRLS_SHARE'
  /** Workshops held (summary's workshopsHeld). */
  | 'WORKSHOPS_HELD';

export type LegalBasis =
  | 'CONSENT'
  | 'LEGAL_OBLIGATION'
  | 'LEGITIMATE_INTERESTS'
  | 'PUBLIC_INTEREST'
  | 'VITAL_INTERESTS';

export type LegalCaseStatus =
  | 'CLOSED'
  | 'OPEN';

export type LegalOutcome =
  | 'NOT_RESOLVED'
  | 'PARTLY_RESOLVED'
  | 'REFERRED'
  | 'RESOLVED'
  | 'WITHDRAWN';

export type LegalTopic =
  | 'CITIZENSHIP'
  | 'EDUCATION'
  | 'EMPLOYMENT'
  | 'HEALTH_INSURANCE'
  | 'OTHER'
  | 'PERSONAL_DOCUMENTS'
  | 'RESIDENCE_REGISTRATION'
  | 'SOCIAL_PROTECTION';

export type LogVolunteerHoursInput = {
  activity: string;
  centreId: string;
  commandId?: string | null | undefined;
  date: string;
  hours: number;
  lateEntryReason?: string | null | undefined;
  volunteerId: string;
};

export type OpenCentreInput = {
  commandId?: string | null | undefined;
  district: string;
  municipality: string;
  name: string;
};

export type OpenLegalCaseInput = {
  centreId: string;
  commandId?: string | null | undefined;
  /** Not in the future. */
  openedOn: string;
  participantId: string;
  problem: LegalTopic;
};

export type ParticipantGroup =
  | 'LOCAL'
  | 'RETURNEE';

export type RecordAttendanceInput = {
  commandId?: string | null | undefined;
  /** Needed when the workshop's date lies in a closed reporting period (else CONFLICT, reason PERIOD_CLOSED). */
  lateEntryReason?: string | null | undefined;
  /** Participants who attended; those already recorded are not counted twice. */
  participantIds: Array<string>;
  workshopId: string;
};

export type RecordConsentInput = {
  commandId?: string | null | undefined;
  /** Not in the future. */
  date: string;
  /** A child under 15 (the date's year minus the birth year) cannot give CONSENT alone (SELF). */
  givenBy: ConsentGiver;
  legalBasis: LegalBasis;
  participantId: string;
  purpose: ConsentPurpose;
};

export type RecordCulturalEventInput = {
  audience: AudienceInput;
  centreId: string;
  commandId?: string | null | undefined;
  date: string;
  lateEntryReason?: string | null | undefined;
  title: string;
};

export type RecordLegalConsultationInput = {
  /** The legal case this consultation is part of: the same participant's, at the same centre, still open. */
  caseId?: string | null | undefined;
  centreId: string;
  commandId?: string | null | undefined;
  date: string;
  lateEntryReason?: string | null | undefined;
  outcome?: string | null | undefined;
  participantId: string;
  serviceLevel?: ServiceLevel | null | undefined;
  topic: LegalTopic;
};

export type RecordVolunteerAgreementInput = {
  commandId?: string | null | undefined;
  /** Not in the future. */
  signedOn: string;
  /** Not before signedOn. */
  validUntil: string;
  volunteerId: string;
};

export type RegisterHouseholdInput = {
  centreId: string;
  commandId?: string | null | undefined;
  returnedFrom?: string | null | undefined;
  /** Not in the future. */
  returnedOn?: string | null | undefined;
};

export type RegisterParticipantInput = {
  /** Participants the registrar was shown as possible matches and declared to be someone else. */
  acknowledgedDuplicates?: Array<string> | null | undefined;
  birthYear: number;
  centreId: string;
  commandId?: string | null | undefined;
  familyName: string;
  givenName: string;
  group: ParticipantGroup;
  /** The household (returnee family) the participant belongs to. */
  householdId?: string | null | undefined;
  sex: Sex;
};

export type RegisterVolunteerInput = {
  centreId: string;
  commandId?: string | null | undefined;
  name: string;
};

export type RemoveAttendanceInput = {
  commandId?: string | null | undefined;
  lateEntryReason?: string | null | undefined;
  participantId: string;
  reason: string;
  workshopId: string;
};

export type RetractLegalConsultationInput = {
  commandId?: string | null | undefined;
  consultationId: string;
  lateEntryReason?: string | null | undefined;
  reason: string;
};

export type RetractVolunteerHoursInput = {
  commandId?: string | null | undefined;
  entryId: string;
  lateEntryReason?: string | null | undefined;
  reason: string;
};

export type ScheduleCycleInput = {
  centreId: string;
  commandId?: string | null | undefined;
  /** Not before startsOn. */
  endsOn: string;
  kind: WorkshopKind;
  /** Needed when the cycle ends in a closed reporting period. */
  lateEntryReason?: string | null | undefined;
  /** 1 to 100. */
  plannedSessions: number;
  startsOn: string;
  title: string;
};

export type ScheduleWorkshopInput = {
  centreId: string;
  commandId?: string | null | undefined;
  /** Makes the workshop a session of this cycle: same centre and kind, local date within the cycle's dates. */
  cycleId?: string | null | undefined;
  durationMinutes: number;
  facilitator?: string | null | undefined;
  kind: WorkshopKind;
  /** Needed when the workshop's date lies in a closed reporting period (else CONFLICT, reason PERIOD_CLOSED). */
  lateEntryReason?: string | null | undefined;
  startsAt: string;
  title: string;
};

/** How much the adviser did in a consultation. */
export type ServiceLevel =
  | 'ADVICE'
  | 'DRAFTING'
  | 'INFORMATION'
  | 'REPRESENTATION';

export type SetParticipantHouseholdInput = {
  commandId?: string | null | undefined;
  householdId: string;
  participantId: string;
};

export type Sex =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER';

export type WithdrawConsentInput = {
  commandId?: string | null | undefined;
  /** Not in the future, nor before the consent it withdraws. */
  date: string;
  participantId: string;
  purpose: ConsentPurpose;
};

export type WorkshopKind =
  | 'BUSINESS_TRAINING'
  | 'INCLUSIVE'
  | 'OTHER'
  | 'PARENTING'
  | 'PSYCHOSOCIAL'
  | 'SCHOOL_SUPPORT'
  | 'VOCATIONAL_TRAINING';

export type WorkshopStatus =
  | 'CANCELLED'
  /** At least one attendee recorded. */
  | 'HELD'
  /** No attendee recorded yet. */
  | 'SCHEDULED';

export type CentreNamesQueryVariables = Exact<{ [key: string]: never; }>;


export type CentreNamesQuery = { centres: Array<{ id: string, name: string }> };

export type CentreNameQueryVariables = Exact<{
  id: string;
}>;


export type CentreNameQuery = { centre: { id: string, name: string } | null };

export type CentreWeekQueryVariables = Exact<{
  id: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type CentreWeekQuery = { centre: { id: string, name: string, workshops: Array<{ id: string, title: string, kind: WorkshopKind, startsAt: string | null, date: string | null, durationMinutes: number, status: WorkshopStatus, attendeeCount: number }> | null } | null };

export type WorkshopRosterQueryVariables = Exact<{
  id: string;
}>;


export type WorkshopRosterQuery = { workshop: { id: string, title: string, kind: WorkshopKind, startsAt: string | null, date: string | null, durationMinutes: number, status: WorkshopStatus, attendeeCount: number, cancellationReason: string | null, centre: { id: string, name: string }, cycle: { id: string, title: string } | null, attendees: Array<{ id: string }> } | null };

export type CentreRosterQueryVariables = Exact<{
  id: string;
}>;


export type CentreRosterQuery = { centre: { id: string, participants: Array<{ id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup }> | null } | null };

export type CentreVolunteersQueryVariables = Exact<{
  id: string;
}>;


export type CentreVolunteersQuery = { centre: { id: string, volunteers: Array<{ id: string, name: string | null }> | null } | null };

export type VolunteerCentreQueryVariables = Exact<{
  id: string;
}>;


export type VolunteerCentreQuery = { volunteer: { id: string, centre: { id: string } } | null };

export type RecordAttendanceMutationVariables = Exact<{
  input: RecordAttendanceInput;
}>;


export type RecordAttendanceMutation = { recordAttendance: { position: string, workshop: { id: string, attendeeCount: number } } };

export type RemoveAttendanceMutationVariables = Exact<{
  input: RemoveAttendanceInput;
}>;


export type RemoveAttendanceMutation = { removeAttendance: { position: string, workshop: { id: string, attendeeCount: number } } };

export type RegisterParticipantMutationVariables = Exact<{
  input: RegisterParticipantInput;
}>;


export type RegisterParticipantMutation = { registerParticipant: { position: string, participant: { id: string, code: string } } };

export type ScheduleWorkshopMutationVariables = Exact<{
  input: ScheduleWorkshopInput;
}>;


export type ScheduleWorkshopMutation = { scheduleWorkshop: { position: string, workshop: { id: string } } };

export type CancelWorkshopMutationVariables = Exact<{
  input: CancelWorkshopInput;
}>;


export type CancelWorkshopMutation = { cancelWorkshop: { position: string, workshop: { id: string, status: WorkshopStatus } } };

export type OpenCentreMutationVariables = Exact<{
  input: OpenCentreInput;
}>;


export type OpenCentreMutation = { openCentre: { position: string, centre: { id: string, name: string } } };

export type CentreDetailsQueryVariables = Exact<{ [key: string]: never; }>;


export type CentreDetailsQuery = { centres: Array<{ id: string, name: string, municipality: string, district: string }> };

export type CorrectCentreDetailsMutationVariables = Exact<{
  input: CorrectCentreDetailsInput;
}>;


export type CorrectCentreDetailsMutation = { correctCentreDetails: { position: string, centre: { id: string, name: string, municipality: string, district: string } } };

export type SummaryFieldsFragment = { workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } };

export type ProgrammeDashboardQueryVariables = Exact<{
  from: string;
  to: string;
}>;


export type ProgrammeDashboardQuery = { summary: { workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } }, breakdown: Array<{ attendances: number, uniqueParticipants: number, key: { month: string | null } }>, ages: Array<{ uniqueParticipants: number, key: { ageGroup: AgeGroup | null } }>, indicators: Array<{ indicator: Indicator, value: number | null, target: number | null, progress: number | null }> };

export type CentreDashboardQueryVariables = Exact<{
  centreId: string;
  from: string;
  to: string;
}>;


export type CentreDashboardQuery = { centre: { id: string, name: string, summary: { workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } } | null } | null, breakdown: Array<{ attendances: number, uniqueParticipants: number, key: { month: string | null } }>, ages: Array<{ uniqueParticipants: number, key: { ageGroup: AgeGroup | null } }>, indicators: Array<{ indicator: Indicator, value: number | null, target: number | null, progress: number | null }> };

export type ProgrammeLiveSubscriptionVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ProgrammeLiveSubscription = { programmeSummaryUpdated: { workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } } };

export type CentreLiveSubscriptionVariables = Exact<{
  centreId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type CentreLiveSubscription = { centreSummaryUpdated: { workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } } };

export type CentreCyclesQueryVariables = Exact<{
  centreId: string;
}>;


export type CentreCyclesQuery = { centre: { id: string, cycles: Array<{ id: string, title: string, kind: WorkshopKind, plannedSessions: number, startsOn: string, endsOn: string, sessionsHeld: number, completionRate: number | null }> | null } | null };

export type CycleDetailQueryVariables = Exact<{
  id: string;
}>;


export type CycleDetailQuery = { cycle: { id: string, title: string, kind: WorkshopKind, plannedSessions: number, startsOn: string, endsOn: string, sessionsHeld: number, completionRate: number | null, centre: { id: string, name: string }, sessions: Array<{ id: string, title: string, startsAt: string | null, date: string | null, status: WorkshopStatus, attendeeCount: number }>, participants: Array<{ sessionsAttended: number, completed: boolean, participant: { id: string, code: string, givenName: string | null, familyName: string | null } }> } | null };

export type ScheduleCycleMutationVariables = Exact<{
  input: ScheduleCycleInput;
}>;


export type ScheduleCycleMutation = { scheduleCycle: { position: string, cycle: { id: string } } };

export type CentreHouseholdsQueryVariables = Exact<{
  id: string;
}>;


export type CentreHouseholdsQuery = { centre: { id: string, households: Array<{ id: string, code: string, returnedOn: string | null, returnedFrom: string | null, members: Array<{ id: string, code: string, givenName: string | null, familyName: string | null, legalConsultations: Array<{ id: string, date: string, topic: LegalTopic }> }> }> | null, participants: Array<{ id: string, code: string, givenName: string | null, familyName: string | null, household: { id: string } | null }> | null } | null };

export type RegisterHouseholdMutationVariables = Exact<{
  input: RegisterHouseholdInput;
}>;


export type RegisterHouseholdMutation = { registerHousehold: { position: string, household: { id: string, code: string } } };

export type SetParticipantHouseholdMutationVariables = Exact<{
  input: SetParticipantHouseholdInput;
}>;


export type SetParticipantHouseholdMutation = { setParticipantHousehold: { position: string, participant: { id: string } } };

export type CentreConsentQueryVariables = Exact<{
  id: string;
}>;


export type CentreConsentQuery = { centre: { id: string, participants: Array<{ id: string, code: string, givenName: string | null, familyName: string | null, birthYear: number, consents: Array<{ purpose: ConsentPurpose, status: ConsentStatus, legalBasis: LegalBasis | null, givenBy: ConsentGiver | null, date: string }> }> | null, participantsWithoutLegalBasis: Array<{ id: string }> | null } | null };

export type RecordConsentMutationVariables = Exact<{
  input: RecordConsentInput;
}>;


export type RecordConsentMutation = { recordConsent: { position: string, participant: { id: string } } };

export type WithdrawConsentMutationVariables = Exact<{
  input: WithdrawConsentInput;
}>;


export type WithdrawConsentMutation = { withdrawConsent: { position: string, participant: { id: string } } };

export type CentreEventsQueryVariables = Exact<{
  id: string;
  from?: string | null | undefined;
}>;


export type CentreEventsQuery = { centre: { id: string, culturalEvents: Array<{ id: string, title: string, date: string, audienceTotal: number, audience: { women: number, men: number, girls: number, boys: number } }> | null } | null };

export type RecordCulturalEventMutationVariables = Exact<{
  input: RecordCulturalEventInput;
}>;


export type RecordCulturalEventMutation = { recordCulturalEvent: { position: string, culturalEvent: { id: string, audienceTotal: number } } };

export type CorrectCulturalEventAudienceMutationVariables = Exact<{
  input: CorrectCulturalEventAudienceInput;
}>;


export type CorrectCulturalEventAudienceMutation = { correctCulturalEventAudience: { position: string, culturalEvent: { id: string, audienceTotal: number } } };

export type CentreFollowUpQueryVariables = Exact<{
  id: string;
  on: string;
}>;


export type CentreFollowUpQuery = { centre: { id: string, followUp: Array<{ sessions: number, lastAttendedOn: string, participant: { id: string, code: string, givenName: string | null, familyName: string | null } }> } | null };

export type RecentConsultationsQueryVariables = Exact<{
  id: string;
  from?: string | null | undefined;
}>;


export type RecentConsultationsQuery = { centre: { id: string, legalConsultations: Array<{ id: string, date: string, topic: LegalTopic, participant: { id: string, code: string, givenName: string | null, familyName: string | null } }> | null } | null };

export type CentreLegalCasesQueryVariables = Exact<{
  centreId: string;
}>;


export type CentreLegalCasesQuery = { legalCases: Array<{ id: string, status: LegalCaseStatus, problem: LegalTopic, openedOn: string, closedOn: string | null, outcome: LegalOutcome | null, participant: { id: string, code: string, givenName: string | null, familyName: string | null }, consultations: Array<{ id: string }> }> };

export type LegalCaseDetailQueryVariables = Exact<{
  id: string;
}>;


export type LegalCaseDetailQuery = { legalCase: { id: string, status: LegalCaseStatus, problem: LegalTopic, openedOn: string, closedOn: string | null, outcome: LegalOutcome | null, centre: { id: string, name: string }, participant: { id: string, code: string, givenName: string | null, familyName: string | null }, consultations: Array<{ id: string, date: string, topic: LegalTopic, serviceLevel: ServiceLevel | null, outcome: string | null }> } | null };

export type OpenLegalCaseMutationVariables = Exact<{
  input: OpenLegalCaseInput;
}>;


export type OpenLegalCaseMutation = { openLegalCase: { position: string, legalCase: { id: string, status: LegalCaseStatus } } };

export type CloseLegalCaseMutationVariables = Exact<{
  input: CloseLegalCaseInput;
}>;


export type CloseLegalCaseMutation = { closeLegalCase: { position: string, legalCase: { id: string, status: LegalCaseStatus, outcome: LegalOutcome | null } } };

export type RecordLegalConsultationMutationVariables = Exact<{
  input: RecordLegalConsultationInput;
}>;


export type RecordLegalConsultationMutation = { recordLegalConsultation: { position: string, consultation: { id: string } } };

export type RetractLegalConsultationMutationVariables = Exact<{
  input: RetractLegalConsultationInput;
}>;


export type RetractLegalConsultationMutation = { retractLegalConsultation: { position: string, consultationId: string } };

export type MyHoursQueryVariables = Exact<{
  id: string;
}>;


export type MyHoursQuery = { volunteer: { id: string, name: string | null, totalHours: number, centre: { id: string, name: string }, hours: Array<{ id: string, date: string, hours: number, activity: string, centre: { id: string, name: string } }> } | null };

export type CentreVolunteerListQueryVariables = Exact<{
  id: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type CentreVolunteerListQuery = { centre: { id: string, volunteers: Array<{ id: string, name: string | null, totalHours: number, agreements: Array<{ id: string, signedOn: string, validUntil: string }> }> | null, volunteerHours: Array<{ id: string, date: string, hours: number, activity: string, volunteer: { id: string, name: string | null } }> | null } | null };

export type VolunteersNeedingAgreementQueryVariables = Exact<{
  on: string;
}>;


export type VolunteersNeedingAgreementQuery = { volunteersNeedingAgreement: Array<{ hoursLast13Weeks: number, volunteer: { id: string, name: string | null, centre: { id: string } } }> };

export type LogVolunteerHoursMutationVariables = Exact<{
  input: LogVolunteerHoursInput;
}>;


export type LogVolunteerHoursMutation = { logVolunteerHours: { position: string, entry: { id: string } } };

export type RetractVolunteerHoursMutationVariables = Exact<{
  input: RetractVolunteerHoursInput;
}>;


export type RetractVolunteerHoursMutation = { retractVolunteerHours: { position: string, volunteer: { id: string, totalHours: number } } };

export type RegisterVolunteerMutationVariables = Exact<{
  input: RegisterVolunteerInput;
}>;


export type RegisterVolunteerMutation = { registerVolunteer: { position: string, volunteer: { id: string } } };

export type RecordVolunteerAgreementMutationVariables = Exact<{
  input: RecordVolunteerAgreementInput;
}>;


export type RecordVolunteerAgreementMutation = { recordVolunteerAgreement: { position: string, agreement: { id: string, signedOn: string, validUntil: string } } };

export class TypedDocumentString<TResult, TVariables>
  extends String
  implements DocumentTypeDecoration<TResult, TVariables>
{
  __apiType?: NonNullable<DocumentTypeDecoration<TResult, TVariables>['__apiType']>;
  private value: string;
  public __meta__?: Record<string, any> | undefined;

  constructor(value: string, __meta__?: Record<string, any> | undefined) {
    super(value);
    this.value = value;
    this.__meta__ = __meta__;
  }

  override toString(): string & DocumentTypeDecoration<TResult, TVariables> {
    return this.value;
  }
}
export const SummaryFieldsFragmentDoc = new TypedDocumentString(`
    fragment SummaryFields on ActivitySummary {
  workshopsHeld
  attendances
  uniqueParticipants
  uniqueParticipantsBySex {
    female
    male
    other
  }
  uniqueReturnees
  volunteerHours
  legalConsultations
  culturalEvents
  culturalEventAudience
  householdsReached
}
    `, {"fragmentName":"SummaryFields"}) as unknown as TypedDocumentString<SummaryFieldsFragment, unknown>;
export const CentreNamesDocument = new TypedDocumentString(`
    query CentreNames {
  centres {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CentreNamesQuery, CentreNamesQueryVariables>;
export const CentreNameDocument = new TypedDocumentString(`
    query CentreName($id: ID!) {
  centre(id: $id) {
    id
    name
  }
}
    `) as unknown as TypedDocumentString<CentreNameQuery, CentreNameQueryVariables>;
export const CentreWeekDocument = new TypedDocumentString(`
    query CentreWeek($id: ID!, $from: Date, $to: Date) {
  centre(id: $id) {
    id
    name
    workshops(from: $from, to: $to) {
      id
      title
      kind
      startsAt
      date
      durationMinutes
      status
      attendeeCount
    }
  }
}
    `) as unknown as TypedDocumentString<CentreWeekQuery, CentreWeekQueryVariables>;
export const WorkshopRosterDocument = new TypedDocumentString(`
    query WorkshopRoster($id: ID!) {
  workshop(id: $id) {
    id
    title
    kind
    startsAt
    date
    durationMinutes
    status
    attendeeCount
    cancellationReason
    centre {
      id
      name
    }
    cycle {
      id
      title
    }
    attendees {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<WorkshopRosterQuery, WorkshopRosterQueryVariables>;
export const CentreRosterDocument = new TypedDocumentString(`
    query CentreRoster($id: ID!) {
  centre(id: $id) {
    id
    participants {
      id
      code
      givenName
      familyName
      sex
      birthYear
      group
    }
  }
}
    `) as unknown as TypedDocumentString<CentreRosterQuery, CentreRosterQueryVariables>;
export const CentreVolunteersDocument = new TypedDocumentString(`
    query CentreVolunteers($id: ID!) {
  centre(id: $id) {
    id
    volunteers {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<CentreVolunteersQuery, CentreVolunteersQueryVariables>;
export const VolunteerCentreDocument = new TypedDocumentString(`
    query VolunteerCentre($id: ID!) {
  volunteer(id: $id) {
    id
    centre {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<VolunteerCentreQuery, VolunteerCentreQueryVariables>;
export const RecordAttendanceDocument = new TypedDocumentString(`
    mutation RecordAttendance($input: RecordAttendanceInput!) {
  recordAttendance(input: $input) {
    position
    workshop {
      id
      attendeeCount
    }
  }
}
    `) as unknown as TypedDocumentString<RecordAttendanceMutation, RecordAttendanceMutationVariables>;
export const RemoveAttendanceDocument = new TypedDocumentString(`
    mutation RemoveAttendance($input: RemoveAttendanceInput!) {
  removeAttendance(input: $input) {
    position
    workshop {
      id
      attendeeCount
    }
  }
}
    `) as unknown as TypedDocumentString<RemoveAttendanceMutation, RemoveAttendanceMutationVariables>;
export const RegisterParticipantDocument = new TypedDocumentString(`
    mutation RegisterParticipant($input: RegisterParticipantInput!) {
  registerParticipant(input: $input) {
    position
    participant {
      id
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterParticipantMutation, RegisterParticipantMutationVariables>;
export const ScheduleWorkshopDocument = new TypedDocumentString(`
    mutation ScheduleWorkshop($input: ScheduleWorkshopInput!) {
  scheduleWorkshop(input: $input) {
    position
    workshop {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ScheduleWorkshopMutation, ScheduleWorkshopMutationVariables>;
export const CancelWorkshopDocument = new TypedDocumentString(`
    mutation CancelWorkshop($input: CancelWorkshopInput!) {
  cancelWorkshop(input: $input) {
    position
    workshop {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<CancelWorkshopMutation, CancelWorkshopMutationVariables>;
export const OpenCentreDocument = new TypedDocumentString(`
    mutation OpenCentre($input: OpenCentreInput!) {
  openCentre(input: $input) {
    position
    centre {
      id
      name
    }
  }
}
    `) as unknown as TypedDocumentString<OpenCentreMutation, OpenCentreMutationVariables>;
export const CentreDetailsDocument = new TypedDocumentString(`
    query CentreDetails {
  centres {
    id
    name
    municipality
    district
  }
}
    `) as unknown as TypedDocumentString<CentreDetailsQuery, CentreDetailsQueryVariables>;
export const CorrectCentreDetailsDocument = new TypedDocumentString(`
    mutation CorrectCentreDetails($input: CorrectCentreDetailsInput!) {
  correctCentreDetails(input: $input) {
    position
    centre {
      id
      name
      municipality
      district
    }
  }
}
    `) as unknown as TypedDocumentString<CorrectCentreDetailsMutation, CorrectCentreDetailsMutationVariables>;
export const ProgrammeDashboardDocument = new TypedDocumentString(`
    query ProgrammeDashboard($from: Date!, $to: Date!) {
  summary(from: $from, to: $to) {
    ...SummaryFields
  }
  breakdown(from: $from, to: $to, by: [MONTH]) {
    key {
      month
    }
    attendances
    uniqueParticipants
  }
  ages: breakdown(from: $from, to: $to, by: [AGE_GROUP]) {
    key {
      ageGroup
    }
    uniqueParticipants
  }
  indicators(from: $from, to: $to) {
    indicator
    value
    target
    progress
  }
}
    fragment SummaryFields on ActivitySummary {
  workshopsHeld
  attendances
  uniqueParticipants
  uniqueParticipantsBySex {
    female
    male
    other
  }
  uniqueReturnees
  volunteerHours
  legalConsultations
  culturalEvents
  culturalEventAudience
  householdsReached
}`) as unknown as TypedDocumentString<ProgrammeDashboardQuery, ProgrammeDashboardQueryVariables>;
export const CentreDashboardDocument = new TypedDocumentString(`
    query CentreDashboard($centreId: ID!, $from: Date!, $to: Date!) {
  centre(id: $centreId) {
    id
    name
    summary(from: $from, to: $to) {
      ...SummaryFields
    }
  }
  breakdown(from: $from, to: $to, centreId: $centreId, by: [MONTH]) {
    key {
      month
    }
    attendances
    uniqueParticipants
  }
  ages: breakdown(from: $from, to: $to, centreId: $centreId, by: [AGE_GROUP]) {
    key {
      ageGroup
    }
    uniqueParticipants
  }
  indicators(from: $from, to: $to, centreId: $centreId) {
    indicator
    value
    target
    progress
  }
}
    fragment SummaryFields on ActivitySummary {
  workshopsHeld
  attendances
  uniqueParticipants
  uniqueParticipantsBySex {
    female
    male
    other
  }
  uniqueReturnees
  volunteerHours
  legalConsultations
  culturalEvents
  culturalEventAudience
  householdsReached
}`) as unknown as TypedDocumentString<CentreDashboardQuery, CentreDashboardQueryVariables>;
export const ProgrammeLiveDocument = new TypedDocumentString(`
    subscription ProgrammeLive($from: Date, $to: Date) {
  programmeSummaryUpdated(from: $from, to: $to) {
    ...SummaryFields
  }
}
    fragment SummaryFields on ActivitySummary {
  workshopsHeld
  attendances
  uniqueParticipants
  uniqueParticipantsBySex {
    female
    male
    other
  }
  uniqueReturnees
  volunteerHours
  legalConsultations
  culturalEvents
  culturalEventAudience
  householdsReached
}`) as unknown as TypedDocumentString<ProgrammeLiveSubscription, ProgrammeLiveSubscriptionVariables>;
export const CentreLiveDocument = new TypedDocumentString(`
    subscription CentreLive($centreId: ID!, $from: Date, $to: Date) {
  centreSummaryUpdated(centreId: $centreId, from: $from, to: $to) {
    ...SummaryFields
  }
}
    fragment SummaryFields on ActivitySummary {
  workshopsHeld
  attendances
  uniqueParticipants
  uniqueParticipantsBySex {
    female
    male
    other
  }
  uniqueReturnees
  volunteerHours
  legalConsultations
  culturalEvents
  culturalEventAudience
  householdsReached
}`) as unknown as TypedDocumentString<CentreLiveSubscription, CentreLiveSubscriptionVariables>;
export const CentreCyclesDocument = new TypedDocumentString(`
    query CentreCycles($centreId: ID!) {
  centre(id: $centreId) {
    id
    cycles {
      id
      title
      kind
      plannedSessions
      startsOn
      endsOn
      sessionsHeld
      completionRate
    }
  }
}
    `) as unknown as TypedDocumentString<CentreCyclesQuery, CentreCyclesQueryVariables>;
export const CycleDetailDocument = new TypedDocumentString(`
    query CycleDetail($id: ID!) {
  cycle(id: $id) {
    id
    title
    kind
    plannedSessions
    startsOn
    endsOn
    sessionsHeld
    completionRate
    centre {
      id
      name
    }
    sessions {
      id
      title
      startsAt
      date
      status
      attendeeCount
    }
    participants {
      participant {
        id
        code
        givenName
        familyName
      }
      sessionsAttended
      completed
    }
  }
}
    `) as unknown as TypedDocumentString<CycleDetailQuery, CycleDetailQueryVariables>;
export const ScheduleCycleDocument = new TypedDocumentString(`
    mutation ScheduleCycle($input: ScheduleCycleInput!) {
  scheduleCycle(input: $input) {
    position
    cycle {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<ScheduleCycleMutation, ScheduleCycleMutationVariables>;
export const CentreHouseholdsDocument = new TypedDocumentString(`
    query CentreHouseholds($id: ID!) {
  centre(id: $id) {
    id
    households {
      id
      code
      returnedOn
      returnedFrom
      members {
        id
        code
        givenName
        familyName
        legalConsultations {
          id
          date
          topic
        }
      }
    }
    participants {
      id
      code
      givenName
      familyName
      household {
        id
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CentreHouseholdsQuery, CentreHouseholdsQueryVariables>;
export const RegisterHouseholdDocument = new TypedDocumentString(`
    mutation RegisterHousehold($input: RegisterHouseholdInput!) {
  registerHousehold(input: $input) {
    position
    household {
      id
      code
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterHouseholdMutation, RegisterHouseholdMutationVariables>;
export const SetParticipantHouseholdDocument = new TypedDocumentString(`
    mutation SetParticipantHousehold($input: SetParticipantHouseholdInput!) {
  setParticipantHousehold(input: $input) {
    position
    participant {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<SetParticipantHouseholdMutation, SetParticipantHouseholdMutationVariables>;
export const CentreConsentDocument = new TypedDocumentString(`
    query CentreConsent($id: ID!) {
  centre(id: $id) {
    id
    participants {
      id
      code
      givenName
      familyName
      birthYear
      consents {
        purpose
        status
        legalBasis
        givenBy
        date
      }
    }
    participantsWithoutLegalBasis {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CentreConsentQuery, CentreConsentQueryVariables>;
export const RecordConsentDocument = new TypedDocumentString(`
    mutation RecordConsent($input: RecordConsentInput!) {
  recordConsent(input: $input) {
    position
    participant {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordConsentMutation, RecordConsentMutationVariables>;
export const WithdrawConsentDocument = new TypedDocumentString(`
    mutation WithdrawConsent($input: WithdrawConsentInput!) {
  withdrawConsent(input: $input) {
    position
    participant {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<WithdrawConsentMutation, WithdrawConsentMutationVariables>;
export const CentreEventsDocument = new TypedDocumentString(`
    query CentreEvents($id: ID!, $from: Date) {
  centre(id: $id) {
    id
    culturalEvents(from: $from) {
      id
      title
      date
      audienceTotal
      audience {
        women
        men
        girls
        boys
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CentreEventsQuery, CentreEventsQueryVariables>;
export const RecordCulturalEventDocument = new TypedDocumentString(`
    mutation RecordCulturalEvent($input: RecordCulturalEventInput!) {
  recordCulturalEvent(input: $input) {
    position
    culturalEvent {
      id
      audienceTotal
    }
  }
}
    `) as unknown as TypedDocumentString<RecordCulturalEventMutation, RecordCulturalEventMutationVariables>;
export const CorrectCulturalEventAudienceDocument = new TypedDocumentString(`
    mutation CorrectCulturalEventAudience($input: CorrectCulturalEventAudienceInput!) {
  correctCulturalEventAudience(input: $input) {
    position
    culturalEvent {
      id
      audienceTotal
    }
  }
}
    `) as unknown as TypedDocumentString<CorrectCulturalEventAudienceMutation, CorrectCulturalEventAudienceMutationVariables>;
export const CentreFollowUpDocument = new TypedDocumentString(`
    query CentreFollowUp($id: ID!, $on: Date!) {
  centre(id: $id) {
    id
    followUp(on: $on) {
      participant {
        id
        code
        givenName
        familyName
      }
      sessions
      lastAttendedOn
    }
  }
}
    `) as unknown as TypedDocumentString<CentreFollowUpQuery, CentreFollowUpQueryVariables>;
export const RecentConsultationsDocument = new TypedDocumentString(`
    query RecentConsultations($id: ID!, $from: Date) {
  centre(id: $id) {
    id
    legalConsultations(from: $from) {
      id
      date
      topic
      participant {
        id
        code
        givenName
        familyName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<RecentConsultationsQuery, RecentConsultationsQueryVariables>;
export const CentreLegalCasesDocument = new TypedDocumentString(`
    query CentreLegalCases($centreId: ID!) {
  legalCases(centreId: $centreId) {
    id
    status
    problem
    openedOn
    closedOn
    outcome
    participant {
      id
      code
      givenName
      familyName
    }
    consultations {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<CentreLegalCasesQuery, CentreLegalCasesQueryVariables>;
export const LegalCaseDetailDocument = new TypedDocumentString(`
    query LegalCaseDetail($id: ID!) {
  legalCase(id: $id) {
    id
    status
    problem
    openedOn
    closedOn
    outcome
    centre {
      id
      name
    }
    participant {
      id
      code
      givenName
      familyName
    }
    consultations {
      id
      date
      topic
      serviceLevel
      outcome
    }
  }
}
    `) as unknown as TypedDocumentString<LegalCaseDetailQuery, LegalCaseDetailQueryVariables>;
export const OpenLegalCaseDocument = new TypedDocumentString(`
    mutation OpenLegalCase($input: OpenLegalCaseInput!) {
  openLegalCase(input: $input) {
    position
    legalCase {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<OpenLegalCaseMutation, OpenLegalCaseMutationVariables>;
export const CloseLegalCaseDocument = new TypedDocumentString(`
    mutation CloseLegalCase($input: CloseLegalCaseInput!) {
  closeLegalCase(input: $input) {
    position
    legalCase {
      id
      status
      outcome
    }
  }
}
    `) as unknown as TypedDocumentString<CloseLegalCaseMutation, CloseLegalCaseMutationVariables>;
export const RecordLegalConsultationDocument = new TypedDocumentString(`
    mutation RecordLegalConsultation($input: RecordLegalConsultationInput!) {
  recordLegalConsultation(input: $input) {
    position
    consultation {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordLegalConsultationMutation, RecordLegalConsultationMutationVariables>;
export const RetractLegalConsultationDocument = new TypedDocumentString(`
    mutation RetractLegalConsultation($input: RetractLegalConsultationInput!) {
  retractLegalConsultation(input: $input) {
    position
    consultationId
  }
}
    `) as unknown as TypedDocumentString<RetractLegalConsultationMutation, RetractLegalConsultationMutationVariables>;
export const MyHoursDocument = new TypedDocumentString(`
    query MyHours($id: ID!) {
  volunteer(id: $id) {
    id
    name
    centre {
      id
      name
    }
    totalHours
    hours {
      id
      date
      hours
      activity
      centre {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<MyHoursQuery, MyHoursQueryVariables>;
export const CentreVolunteerListDocument = new TypedDocumentString(`
    query CentreVolunteerList($id: ID!, $from: Date, $to: Date) {
  centre(id: $id) {
    id
    volunteers {
      id
      name
      totalHours
      agreements {
        id
        signedOn
        validUntil
      }
    }
    volunteerHours(from: $from, to: $to) {
      id
      date
      hours
      activity
      volunteer {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<CentreVolunteerListQuery, CentreVolunteerListQueryVariables>;
export const VolunteersNeedingAgreementDocument = new TypedDocumentString(`
    query VolunteersNeedingAgreement($on: Date!) {
  volunteersNeedingAgreement(on: $on) {
    volunteer {
      id
      name
      centre {
        id
      }
    }
    hoursLast13Weeks
  }
}
    `) as unknown as TypedDocumentString<VolunteersNeedingAgreementQuery, VolunteersNeedingAgreementQueryVariables>;
export const LogVolunteerHoursDocument = new TypedDocumentString(`
    mutation LogVolunteerHours($input: LogVolunteerHoursInput!) {
  logVolunteerHours(input: $input) {
    position
    entry {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<LogVolunteerHoursMutation, LogVolunteerHoursMutationVariables>;
export const RetractVolunteerHoursDocument = new TypedDocumentString(`
    mutation RetractVolunteerHours($input: RetractVolunteerHoursInput!) {
  retractVolunteerHours(input: $input) {
    position
    volunteer {
      id
      totalHours
    }
  }
}
    `) as unknown as TypedDocumentString<RetractVolunteerHoursMutation, RetractVolunteerHoursMutationVariables>;
export const RegisterVolunteerDocument = new TypedDocumentString(`
    mutation RegisterVolunteer($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) {
    position
    volunteer {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RegisterVolunteerMutation, RegisterVolunteerMutationVariables>;
export const RecordVolunteerAgreementDocument = new TypedDocumentString(`
    mutation RecordVolunteerAgreement($input: RecordVolunteerAgreementInput!) {
  recordVolunteerAgreement(input: $input) {
    position
    agreement {
      id
      signedOn
      validUntil
    }
  }
}
    `) as unknown as TypedDocumentString<RecordVolunteerAgreementMutation, RecordVolunteerAgreementMutationVariables>;