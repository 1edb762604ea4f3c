import { op } from './client.js';
import * as G from './generated/graphql.js';

/**
 * Every GraphQL operation the page sends. The documents are web/src/api/documents/*.graphql; their
 * result and variable types are generated from schema/ into ./generated (`npm run codegen`), so a
 * renamed field fails the type check, and test/e2e/operations.test.ts fails when they drift.
 */

export type { Sex, ParticipantGroup as Group, WorkshopKind, WorkshopStatus, LegalTopic, AgeGroup, LegalOutcome, ServiceLevel, ConsentPurpose, LegalBasis, ConsentGiver, ConsentStatus } from './generated/graphql.js';

/** Every value of an enum, checked complete against the generated union. */
export const every = <T extends string>(values: Record<T, true>) => Object.keys(values) as T[];
export const workshopKinds = every<G.WorkshopKind>({ PSYCHOSOCIAL: true, SCHOOL_SUPPORT: true, INCLUSIVE: true, PARENTING: true, BUSINESS_TRAINING: true, VOCATIONAL_TRAINING: true, OTHER: true });
export const legalTopics = every<G.LegalTopic>({
  PERSONAL_DOCUMENTS: true,
  RESIDENCE_REGISTRATION: true,
  CITIZENSHIP: true,
  SOCIAL_PROTECTION: true,
  HEALTH_INSURANCE: true,
  EDUCATION: true,
  EMPLOYMENT: true,
  OTHER: true,
});
export const legalOutcomes = every<G.LegalOutcome>({ RESOLVED: true, PARTLY_RESOLVED: true, NOT_RESOLVED: true, REFERRED: true, WITHDRAWN: true });
export const serviceLevels = every<G.ServiceLevel>({ INFORMATION: true, ADVICE: true, DRAFTING: true, REPRESENTATION: true });
export const consentPurposes = every<G.ConsentPurpose>({ PARTICIPATION: true, PHOTOS: true, DATA_SHARING: true });
export const legalBases = every<G.LegalBasis>({ CONSENT: true, LEGAL_OBLIGATION: true, VITAL_INTERESTS: true, PUBLIC_INTEREST: true, LEGITIMATE_INTERESTS: true });
export const consentGivers = every<G.ConsentGiver>({ PARENT: true, GUARDIAN: true, SELF: true });

export interface CentreRef {
  id: string;
  name: string;
}
/** One element of a generated list type. */
export type Item<T> = NonNullable<T> extends readonly (infer U)[] ? U : never;
export type WorkshopItem = Item<NonNullable<G.CentreWeekQuery['centre']>['workshops']>;
export type RosterChild = Item<NonNullable<G.CentreRosterQuery['centre']>['participants']>;
export type Summary = G.SummaryFieldsFragment;
export type IndicatorRow = Item<G.ProgrammeDashboardQuery['indicators']>;
export type MonthCell = Item<G.ProgrammeDashboardQuery['breakdown']>;
export type AgeCell = Item<G.ProgrammeDashboardQuery['ages']>;
export type HoursEntry = Item<NonNullable<G.MyHoursQuery['volunteer']>['hours']>;
export type RegisterParticipantInput = G.RegisterParticipantInput & { commandId: string };

export const CentreNames = op(G.CentreNamesDocument);
export const CentreName = op(G.CentreNameDocument);
export const CentreWeek = op(G.CentreWeekDocument);
export const WorkshopRoster = op(G.WorkshopRosterDocument);
export const CentreRoster = op(G.CentreRosterDocument);
export const CentreVolunteers = op(G.CentreVolunteersDocument);
export const VolunteerCentre = op(G.VolunteerCentreDocument);
export const MyHours = op(G.MyHoursDocument);
export const CentreVolunteerList = op(G.CentreVolunteerListDocument);
export const VolunteersNeedingAgreement = op(G.VolunteersNeedingAgreementDocument);
export const RecentConsultations = op(G.RecentConsultationsDocument);
export const CentreLegalCases = op(G.CentreLegalCasesDocument);
export const LegalCaseDetail = op(G.LegalCaseDetailDocument);
export const ProgrammeDashboard = op(G.ProgrammeDashboardDocument);
export const CentreDashboard = op(G.CentreDashboardDocument);
export const ProgrammeLive = op(G.ProgrammeLiveDocument);
export const CentreLive = op(G.CentreLiveDocument);
export const CentreCycles = op(G.CentreCyclesDocument);
export const CycleDetail = op(G.CycleDetailDocument);
export const CentreHouseholds = op(G.CentreHouseholdsDocument);
export const CentreConsent = op(G.CentreConsentDocument);
export const CentreEvents = op(G.CentreEventsDocument);
export const CentreFollowUp = op(G.CentreFollowUpDocument);

// Mutations: each goes through the outbox with its own commandId.
export const RecordAttendance = op(G.RecordAttendanceDocument);
export const RemoveAttendance = op(G.RemoveAttendanceDocument);
export const RegisterParticipant = op(G.RegisterParticipantDocument);
export const ScheduleWorkshop = op(G.ScheduleWorkshopDocument);
export const CancelWorkshop = op(G.CancelWorkshopDocument);
export const OpenCentre = op(G.OpenCentreDocument);
export const CentreDetails = op(G.CentreDetailsDocument);
export const CorrectCentreDetails = op(G.CorrectCentreDetailsDocument);
export const LogVolunteerHours = op(G.LogVolunteerHoursDocument);
export const RetractVolunteerHours = op(G.RetractVolunteerHoursDocument);
export const RegisterVolunteer = op(G.RegisterVolunteerDocument);
export const RecordVolunteerAgreement = op(G.RecordVolunteerAgreementDocument);
export const OpenLegalCase = op(G.OpenLegalCaseDocument);
export const CloseLegalCase = op(G.CloseLegalCaseDocument);
export const RecordLegalConsultation = op(G.RecordLegalConsultationDocument);
export const RetractLegalConsultation = op(G.RetractLegalConsultationDocument);
export const ScheduleCycle = op(G.ScheduleCycleDocument);
export const RegisterHousehold = op(G.RegisterHouseholdDocument);
export const SetParticipantHousehold = op(G.SetParticipantHouseholdDocument);
export const RecordConsent = op(G.RecordConsentDocument);
export const WithdrawConsent = op(G.WithdrawConsentDocument);
export const RecordCulturalEvent = op(G.RecordCulturalEventDocument);
export const CorrectCulturalEventAudience = op(G.CorrectCulturalEventAudienceDocument);

