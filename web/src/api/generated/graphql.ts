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

export type AssistanceKind =
  | 'CASH'
  | 'GRANT'
  | 'HYGIENE_KIT'
  | 'IN_KIND'
  | 'OTHER'
  | 'SCHOOL_KIT';

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

export type CloseReferralInput = {
  commandId?: string | null | undefined;
  /** Not before the referral's date, not in the future. */
  date: string;
  lateEntryReason?: string | null | undefined;
  outcome: ReferralOutcome;
  referralId: string;
};

export type CloseReportingPeriodInput = {
  commandId?: string | null | undefined;
  from: string;
  note?: string | null | undefined;
  programmeId: string;
  to: string;
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

export type Currency =
  | 'EUR'
  | 'RSD';

/** Defining a code again replaces the indicator's definition from then on; closed reports keep theirs. */
export type DefineIndicatorInput = {
  code: string;
  commandId?: string | null | undefined;
  /** Breakdowns that apply to the measure (people's for people, KIND for workshops and attendance, CENTRE, DISTRICT, MONTH). */
  disaggregateBy?: Array<Dimension> | null | undefined;
  filter?: IndicatorFilter | null | undefined;
  measure: Measure;
  name: string;
  programmeId: string;
  /** 0 or more; a share's at most 1. */
  target?: number | null | undefined;
};

export type DefineProgrammeInput = {
  /** At least one centre. */
  centreIds: Array<string>;
  commandId?: string | null | undefined;
  donor: string;
  from: string;
  name: string;
  /** Not before from. */
  to: string;
};

/** What a breakdown splits the attendance pairs by. */
export type Dimension =
  | 'AGE_GROUP'
  | 'CENTRE'
  | 'DISTRICT'
  | 'GROUP'
  | 'KIND'
  | 'MONTH'
  /** The kind of service: WORKSHOP (attendance pairs), LEGAL_CONSULTATION, INDIVIDUAL_SESSION, REFERRAL_MADE, ASSISTANCE. With it, a breakdown splits every service of the period, not only attendance. */
  | 'SERVICE'
  | 'SEX';

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

/** Which records an indicator counts; a missing or empty list does not restrict. */
export type IndicatorFilter = {
  ageGroups?: Array<AgeGroup> | null | undefined;
  groups?: Array<ParticipantGroup> | null | undefined;
  kinds?: Array<WorkshopKind> | null | undefined;
  /** A participant counts only with at least this many sessions matching the filter in the period (1 to 1000). */
  minSessions?: number | null | undefined;
  sexes?: Array<Sex> | null | undefined;
};

export type IndividualSessionKind =
  | 'CASE_MANAGEMENT'
  | 'COUNSELLING'
  | 'OTHER'
  | 'SCHOOL_SUPPORT';

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

export type MakeReferralInput = {
  centreId: string;
  commandId?: string | null | undefined;
  /** Not in the future. */
  date: string;
  lateEntryReason?: string | null | undefined;
  organisation: string;
  participantId: string;
  reason?: string | null | undefined;
  service: ReferralService;
};

/** What a programme's indicator counts. */
export type Measure =
  /** Distinct recipients of assistance (the services area; 0 until it records them). */
  | 'ASSISTANCE_RECIPIENTS'
  /** (workshop, participant) pairs. */
  | 'ATTENDANCES'
  /** The sum of cultural events' audiences. */
  | 'CULTURAL_EVENT_AUDIENCE'
  /** As the built-in CYCLE_COMPLETION, over the programme's centres. */
  | 'CYCLE_COMPLETION'
  /** Female among the distinct beneficiaries the filter counts (attendance and consultations; a kinds filter leaves attendance only), 0 to 1. */
  | 'FEMALE_SHARE'
  /** Individual sessions (the services area; 0 until it records them). */
  | 'INDIVIDUAL_SESSIONS'
  /** Distinct participants with a legal consultation. */
  | 'LEGAL_AID_BENEFICIARIES'
  /** Referrals completed (the services area; 0 until it records them). */
  | 'REFERRALS_COMPLETED'
  /** Returnees among the distinct beneficiaries the filter counts, as FEMALE_SHARE, 0 to 1. */
  | 'RETURNEE_SHARE'
  /** Distinct people served: attendance or a legal consultation (until the services area adds its own). */
  | 'UNIQUE_BENEFICIARIES'
  /** Distinct participants with attendance the filter lets through. */
  | 'UNIQUE_PARTICIPANTS'
  /** Volunteer hours logged. */
  | 'VOLUNTEER_HOURS'
  /** Workshops with at least one attendee (the filter's kinds; person filters keep workshops with a matching attendee). */
  | 'WORKSHOPS_HELD';

export type MergeParticipantsInput = {
  commandId?: string | null | undefined;
  /** The second record of the same person. */
  duplicateId: string;
  /** The participant that stays, and counts for both. */
  keepId: string;
  /** Why the two are one person (no names here). */
  reason: string;
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

export type RecordAssistanceInput = {
  centreId: string;
  commandId?: string | null | undefined;
  currency?: Currency | null | undefined;
  /** Not in the future. */
  date: string;
  description?: string | null | undefined;
  kind: AssistanceKind;
  lateEntryReason?: string | null | undefined;
  participantId: string;
  /** 0 or more, with its currency. */
  value?: number | null | undefined;
};

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

export type RecordIndividualSessionInput = {
  centreId: string;
  commandId?: string | null | undefined;
  /** Not in the future. */
  date: string;
  /** 5 to 480. */
  durationMinutes: number;
  kind: IndividualSessionKind;
  lateEntryReason?: string | null | undefined;
  notes?: string | null | undefined;
  participantId: string;
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

export type ReferralOutcome =
  | 'DECLINED'
  | 'NOT_REACHED'
  | 'SERVICE_RECEIVED'
  | 'WITHDRAWN';

export type ReferralService =
  | 'CIVIL_REGISTRY'
  | 'EDUCATION'
  | 'EMPLOYMENT'
  | 'HEALTH'
  | 'HOUSING'
  | 'LEGAL'
  | 'OTHER'
  | 'SOCIAL_WORK_CENTRE';

export type ReferralStatus =
  | 'CLOSED'
  | 'OPEN';

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

/** What an entry of a person's history is. */
export type ServiceType =
  | 'ASSISTANCE'
  | 'INDIVIDUAL_SESSION'
  | 'LEGAL_CONSULTATION'
  | 'REFERRAL_CLOSED'
  | 'REFERRAL_MADE'
  | 'WORKSHOP';

export type SetParticipantHouseholdInput = {
  commandId?: string | null | undefined;
  householdId: string;
  participantId: string;
};

/** Setting a target again for the same indicator, period and centre replaces it. */
export type SetTargetInput = {
  /** No centre: the whole programme. */
  centreId?: string | null | undefined;
  commandId?: string | null | undefined;
  from: string;
  indicator: Indicator;
  /** Not before from. */
  to: string;
  /** 0 or more; a share (WOMEN_AND_GIRLS_SHARE) is at most 1. */
  value: number;
};

export type Sex =
  | 'FEMALE'
  | 'MALE'
  | 'OTHER';

export type UnmergeParticipantInput = {
  commandId?: string | null | undefined;
  /** The duplicate of a merge. */
  participantId: string;
  reason: string;
};

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


export type ProgrammeLiveSubscription = { programmeSummaryUpdated: { uniqueBeneficiaries: number, individualSessions: number, referralsMade: number, referralsCompleted: number, assistanceRecipients: number, workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } } };

export type CentreLiveSubscriptionVariables = Exact<{
  centreId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type CentreLiveSubscription = { centreSummaryUpdated: { uniqueBeneficiaries: number, individualSessions: number, referralsMade: number, referralsCompleted: number, assistanceRecipients: number, workshopsHeld: number, attendances: number, uniqueParticipants: number, uniqueReturnees: number, volunteerHours: number, legalConsultations: number, culturalEvents: number, culturalEventAudience: number, householdsReached: number, uniqueParticipantsBySex: { female: number, male: number, other: number } } };

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

export type ChildFieldsFragment = { id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup, mergedCodes: Array<string>, mergedInto: { id: string, code: string } | null };

export type SimilarParticipantsQueryVariables = Exact<{
  givenName: string;
  familyName: string;
  birthYear?: number | null | undefined;
  centreId?: string | null | undefined;
}>;


export type SimilarParticipantsQuery = { similarParticipants: Array<{ score: number, participant: { id: string, code: string, birthYear: number, givenName: string | null, familyName: string | null, centre: { id: string, name: string } } }> };

export type CentreChildrenQueryVariables = Exact<{
  id: string;
}>;


export type CentreChildrenQuery = { centre: { id: string, name: string, participants: Array<{ id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup, mergedCodes: Array<string>, mergedInto: { id: string, code: string } | null }> | null } | null };

export type PossibleDuplicatesQueryVariables = Exact<{
  centreId?: string | null | undefined;
}>;


export type PossibleDuplicatesQuery = { possibleDuplicates: Array<{ score: number, participant: { id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup, mergedCodes: Array<string>, mergedInto: { id: string, code: string } | null }, other: { id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup, mergedCodes: Array<string>, centre: { id: string, name: string }, mergedInto: { id: string, code: string } | null } }> };

export type MergeParticipantsMutationVariables = Exact<{
  input: MergeParticipantsInput;
}>;


export type MergeParticipantsMutation = { mergeParticipants: { position: string, participant: { id: string, code: string, mergedCodes: Array<string> } } };

export type UnmergeParticipantMutationVariables = Exact<{
  input: UnmergeParticipantInput;
}>;


export type UnmergeParticipantMutation = { unmergeParticipant: { position: string, participant: { id: string, code: string } } };

export type ProgrammeFieldsFragment = { id: string, name: string, donor: string, from: string, to: string, centres: Array<{ id: string, name: string }>, reports: Array<{ id: string, from: string, to: string, closedAt: string, note: string | null }> };

export type ProgrammesQueryVariables = Exact<{ [key: string]: never; }>;


export type ProgrammesQuery = { programmes: Array<{ id: string, name: string, donor: string, from: string, to: string, centres: Array<{ id: string, name: string }>, reports: Array<{ id: string, from: string, to: string, closedAt: string, note: string | null }> }> };

export type ProgrammeReportQueryVariables = Exact<{
  id: string;
  from: string;
  to: string;
}>;


export type ProgrammeReportQuery = { programme: { id: string, name: string, donor: string, from: string, to: string, closed: Array<{ id: string, lateEntries: Array<{ type: string, recordedAt: string, reason: string }> }>, indicators: Array<{ value: number | null, target: number | null, progress: number | null, valueAsReported: number | null, indicator: { id: string, code: string, name: string, measure: Measure, disaggregateBy: Array<Dimension> }, cells: Array<{ value: number | null, suppressed: boolean, key: { sex: Sex | null, ageGroup: AgeGroup | null, group: ParticipantGroup | null, kind: WorkshopKind | null, centreId: string | null, district: string | null, month: string | null } }> }>, centres: Array<{ id: string, name: string }>, reports: Array<{ id: string, from: string, to: string, closedAt: string, note: string | null }> } | null };

export type DefineProgrammeMutationVariables = Exact<{
  input: DefineProgrammeInput;
}>;


export type DefineProgrammeMutation = { defineProgramme: { position: string, programme: { id: string } } };

export type DefineIndicatorMutationVariables = Exact<{
  input: DefineIndicatorInput;
}>;


export type DefineIndicatorMutation = { defineIndicator: { position: string, indicator: { id: string, code: string } } };

export type CloseReportingPeriodMutationVariables = Exact<{
  input: CloseReportingPeriodInput;
}>;


export type CloseReportingPeriodMutation = { closeReportingPeriod: { position: string, report: { id: string, from: string, to: string, closedAt: string, note: string | null } } };

export type SetBuiltInTargetMutationVariables = Exact<{
  input: SetTargetInput;
}>;


export type SetBuiltInTargetMutation = { setTarget: { position: string, target: { id: string, indicator: Indicator, value: number, from: string, to: string } } };

export type BuiltInTargetsQueryVariables = Exact<{ [key: string]: never; }>;


export type BuiltInTargetsQuery = { targets: Array<{ id: string, indicator: Indicator, value: number, from: string, to: string, centreId: string | null }> };

export type ServiceFiguresFragment = { uniqueBeneficiaries: number, individualSessions: number, referralsMade: number, referralsCompleted: number, assistanceRecipients: number };

export type ChildPageQueryVariables = Exact<{
  id: string;
}>;


export type ChildPageQuery = { participant: { id: string, code: string, givenName: string | null, familyName: string | null, sex: Sex, birthYear: number, group: ParticipantGroup, erased: boolean, consent: ConsentStatus, centre: { id: string, name: string }, household: { id: string, code: string } | null, services: Array<{ id: string, date: string, type: ServiceType, workshopKind: WorkshopKind | null, notes: string | null, centre: { id: string, name: string }, individualSession: { id: string, kind: IndividualSessionKind, durationMinutes: number } | null, referral: { id: string, service: ReferralService, organisation: string, status: ReferralStatus, outcome: ReferralOutcome | null } | null, assistance: { id: string, kind: AssistanceKind, value: number | null, currency: Currency | null } | null }> } | null };

export type ReferralsToFollowUpQueryVariables = Exact<{
  centreId: string;
  olderThanDays: number;
}>;


export type ReferralsToFollowUpQuery = { centre: { id: string, openReferrals: Array<{ id: string, service: ReferralService, organisation: string, date: string, participant: { id: string, code: string, givenName: string | null, familyName: string | null } }> } | null };

export type ProgrammeServiceFiguresQueryVariables = Exact<{
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type ProgrammeServiceFiguresQuery = { summary: { uniqueBeneficiaries: number, individualSessions: number, referralsMade: number, referralsCompleted: number, assistanceRecipients: number } };

export type CentreServiceFiguresQueryVariables = Exact<{
  centreId: string;
  from?: string | null | undefined;
  to?: string | null | undefined;
}>;


export type CentreServiceFiguresQuery = { centre: { id: string, summary: { uniqueBeneficiaries: number, individualSessions: number, referralsMade: number, referralsCompleted: number, assistanceRecipients: number } | null } | null };

export type RecordIndividualSessionMutationVariables = Exact<{
  input: RecordIndividualSessionInput;
}>;


export type RecordIndividualSessionMutation = { recordIndividualSession: { position: string, session: { id: string } } };

export type MakeReferralMutationVariables = Exact<{
  input: MakeReferralInput;
}>;


export type MakeReferralMutation = { makeReferral: { position: string, referral: { id: string } } };

export type CloseReferralMutationVariables = Exact<{
  input: CloseReferralInput;
}>;


export type CloseReferralMutation = { closeReferral: { position: string, referral: { id: string, status: ReferralStatus } } };

export type RecordAssistanceMutationVariables = Exact<{
  input: RecordAssistanceInput;
}>;


export type RecordAssistanceMutation = { recordAssistance: { position: string, assistance: { id: string } } };

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
export const ChildFieldsFragmentDoc = new TypedDocumentString(`
    fragment ChildFields on Participant {
  id
  code
  givenName
  familyName
  sex
  birthYear
  group
  mergedInto {
    id
    code
  }
  mergedCodes
}
    `, {"fragmentName":"ChildFields"}) as unknown as TypedDocumentString<ChildFieldsFragment, unknown>;
export const ProgrammeFieldsFragmentDoc = new TypedDocumentString(`
    fragment ProgrammeFields on Programme {
  id
  name
  donor
  from
  to
  centres {
    id
    name
  }
  reports {
    id
    from
    to
    closedAt
    note
  }
}
    `, {"fragmentName":"ProgrammeFields"}) as unknown as TypedDocumentString<ProgrammeFieldsFragment, unknown>;
export const ServiceFiguresFragmentDoc = new TypedDocumentString(`
    fragment ServiceFigures on ActivitySummary {
  uniqueBeneficiaries
  individualSessions
  referralsMade
  referralsCompleted
  assistanceRecipients
}
    `, {"fragmentName":"ServiceFigures"}) as unknown as TypedDocumentString<ServiceFiguresFragment, unknown>;
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
    uniqueBeneficiaries
    individualSessions
    referralsMade
    referralsCompleted
    assistanceRecipients
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
    uniqueBeneficiaries
    individualSessions
    referralsMade
    referralsCompleted
    assistanceRecipients
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
export const SimilarParticipantsDocument = new TypedDocumentString(`
    query SimilarParticipants($givenName: String!, $familyName: String!, $birthYear: Int, $centreId: ID) {
  similarParticipants(
    givenName: $givenName
    familyName: $familyName
    birthYear: $birthYear
    centreId: $centreId
  ) {
    score
    participant {
      id
      code
      birthYear
      givenName
      familyName
      centre {
        id
        name
      }
    }
  }
}
    `) as unknown as TypedDocumentString<SimilarParticipantsQuery, SimilarParticipantsQueryVariables>;
export const CentreChildrenDocument = new TypedDocumentString(`
    query CentreChildren($id: ID!) {
  centre(id: $id) {
    id
    name
    participants {
      ...ChildFields
    }
  }
}
    fragment ChildFields on Participant {
  id
  code
  givenName
  familyName
  sex
  birthYear
  group
  mergedInto {
    id
    code
  }
  mergedCodes
}`) as unknown as TypedDocumentString<CentreChildrenQuery, CentreChildrenQueryVariables>;
export const PossibleDuplicatesDocument = new TypedDocumentString(`
    query PossibleDuplicates($centreId: ID) {
  possibleDuplicates(centreId: $centreId) {
    score
    participant {
      ...ChildFields
    }
    other {
      ...ChildFields
      centre {
        id
        name
      }
    }
  }
}
    fragment ChildFields on Participant {
  id
  code
  givenName
  familyName
  sex
  birthYear
  group
  mergedInto {
    id
    code
  }
  mergedCodes
}`) as unknown as TypedDocumentString<PossibleDuplicatesQuery, PossibleDuplicatesQueryVariables>;
export const MergeParticipantsDocument = new TypedDocumentString(`
    mutation MergeParticipants($input: MergeParticipantsInput!) {
  mergeParticipants(input: $input) {
    position
    participant {
      id
      code
      mergedCodes
    }
  }
}
    `) as unknown as TypedDocumentString<MergeParticipantsMutation, MergeParticipantsMutationVariables>;
export const UnmergeParticipantDocument = new TypedDocumentString(`
    mutation UnmergeParticipant($input: UnmergeParticipantInput!) {
  unmergeParticipant(input: $input) {
    position
    participant {
      id
      code
    }
  }
}
    `) as unknown as TypedDocumentString<UnmergeParticipantMutation, UnmergeParticipantMutationVariables>;
export const ProgrammesDocument = new TypedDocumentString(`
    query Programmes {
  programmes {
    ...ProgrammeFields
  }
}
    fragment ProgrammeFields on Programme {
  id
  name
  donor
  from
  to
  centres {
    id
    name
  }
  reports {
    id
    from
    to
    closedAt
    note
  }
}`) as unknown as TypedDocumentString<ProgrammesQuery, ProgrammesQueryVariables>;
export const ProgrammeReportDocument = new TypedDocumentString(`
    query ProgrammeReport($id: ID!, $from: Date!, $to: Date!) {
  programme(id: $id) {
    ...ProgrammeFields
    closed: reports {
      id
      lateEntries {
        type
        recordedAt
        reason
      }
    }
    indicators(from: $from, to: $to) {
      indicator {
        id
        code
        name
        measure
        disaggregateBy
      }
      value
      target
      progress
      valueAsReported
      cells {
        key {
          sex
          ageGroup
          group
          kind
          centreId
          district
          month
        }
        value
        suppressed
      }
    }
  }
}
    fragment ProgrammeFields on Programme {
  id
  name
  donor
  from
  to
  centres {
    id
    name
  }
  reports {
    id
    from
    to
    closedAt
    note
  }
}`) as unknown as TypedDocumentString<ProgrammeReportQuery, ProgrammeReportQueryVariables>;
export const DefineProgrammeDocument = new TypedDocumentString(`
    mutation DefineProgramme($input: DefineProgrammeInput!) {
  defineProgramme(input: $input) {
    position
    programme {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<DefineProgrammeMutation, DefineProgrammeMutationVariables>;
export const DefineIndicatorDocument = new TypedDocumentString(`
    mutation DefineIndicator($input: DefineIndicatorInput!) {
  defineIndicator(input: $input) {
    position
    indicator {
      id
      code
    }
  }
}
    `) as unknown as TypedDocumentString<DefineIndicatorMutation, DefineIndicatorMutationVariables>;
export const CloseReportingPeriodDocument = new TypedDocumentString(`
    mutation CloseReportingPeriod($input: CloseReportingPeriodInput!) {
  closeReportingPeriod(input: $input) {
    position
    report {
      id
      from
      to
      closedAt
      note
    }
  }
}
    `) as unknown as TypedDocumentString<CloseReportingPeriodMutation, CloseReportingPeriodMutationVariables>;
export const SetBuiltInTargetDocument = new TypedDocumentString(`
    mutation SetBuiltInTarget($input: SetTargetInput!) {
  setTarget(input: $input) {
    position
    target {
      id
      indicator
      value
      from
      to
    }
  }
}
    `) as unknown as TypedDocumentString<SetBuiltInTargetMutation, SetBuiltInTargetMutationVariables>;
export const BuiltInTargetsDocument = new TypedDocumentString(`
    query BuiltInTargets {
  targets {
    id
    indicator
    value
    from
    to
    centreId
  }
}
    `) as unknown as TypedDocumentString<BuiltInTargetsQuery, BuiltInTargetsQueryVariables>;
export const ChildPageDocument = new TypedDocumentString(`
    query ChildPage($id: ID!) {
  participant(id: $id) {
    id
    code
    givenName
    familyName
    sex
    birthYear
    group
    erased
    centre {
      id
      name
    }
    household {
      id
      code
    }
    consent(purpose: PARTICIPATION)
    services {
      id
      date
      type
      centre {
        id
        name
      }
      workshopKind
      notes
      individualSession {
        id
        kind
        durationMinutes
      }
      referral {
        id
        service
        organisation
        status
        outcome
      }
      assistance {
        id
        kind
        value
        currency
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ChildPageQuery, ChildPageQueryVariables>;
export const ReferralsToFollowUpDocument = new TypedDocumentString(`
    query ReferralsToFollowUp($centreId: ID!, $olderThanDays: Int!) {
  centre(id: $centreId) {
    id
    openReferrals(olderThanDays: $olderThanDays) {
      id
      service
      organisation
      date
      participant {
        id
        code
        givenName
        familyName
      }
    }
  }
}
    `) as unknown as TypedDocumentString<ReferralsToFollowUpQuery, ReferralsToFollowUpQueryVariables>;
export const ProgrammeServiceFiguresDocument = new TypedDocumentString(`
    query ProgrammeServiceFigures($from: Date, $to: Date) {
  summary(from: $from, to: $to) {
    ...ServiceFigures
  }
}
    fragment ServiceFigures on ActivitySummary {
  uniqueBeneficiaries
  individualSessions
  referralsMade
  referralsCompleted
  assistanceRecipients
}`) as unknown as TypedDocumentString<ProgrammeServiceFiguresQuery, ProgrammeServiceFiguresQueryVariables>;
export const CentreServiceFiguresDocument = new TypedDocumentString(`
    query CentreServiceFigures($centreId: ID!, $from: Date, $to: Date) {
  centre(id: $centreId) {
    id
    summary(from: $from, to: $to) {
      ...ServiceFigures
    }
  }
}
    fragment ServiceFigures on ActivitySummary {
  uniqueBeneficiaries
  individualSessions
  referralsMade
  referralsCompleted
  assistanceRecipients
}`) as unknown as TypedDocumentString<CentreServiceFiguresQuery, CentreServiceFiguresQueryVariables>;
export const RecordIndividualSessionDocument = new TypedDocumentString(`
    mutation RecordIndividualSession($input: RecordIndividualSessionInput!) {
  recordIndividualSession(input: $input) {
    position
    session {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordIndividualSessionMutation, RecordIndividualSessionMutationVariables>;
export const MakeReferralDocument = new TypedDocumentString(`
    mutation MakeReferral($input: MakeReferralInput!) {
  makeReferral(input: $input) {
    position
    referral {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<MakeReferralMutation, MakeReferralMutationVariables>;
export const CloseReferralDocument = new TypedDocumentString(`
    mutation CloseReferral($input: CloseReferralInput!) {
  closeReferral(input: $input) {
    position
    referral {
      id
      status
    }
  }
}
    `) as unknown as TypedDocumentString<CloseReferralMutation, CloseReferralMutationVariables>;
export const RecordAssistanceDocument = new TypedDocumentString(`
    mutation RecordAssistance($input: RecordAssistanceInput!) {
  recordAssistance(input: $input) {
    position
    assistance {
      id
    }
  }
}
    `) as unknown as TypedDocumentString<RecordAssistanceMutation, RecordAssistanceMutationVariables>;
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