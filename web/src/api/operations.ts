import { op } from './client.js';

/**
 * Every GraphQL operation the page sends, with its result and variable types. The documents are
 * checked against schema/ by test/e2e/operations.test.ts, so a renamed field fails the tests.
 */

export type Sex = 'FEMALE' | 'MALE' | 'OTHER';
export type Group = 'RETURNEE' | 'LOCAL';
export type WorkshopKind = 'PSYCHOSOCIAL' | 'SCHOOL_SUPPORT' | 'INCLUSIVE' | 'PARENTING' | 'BUSINESS_TRAINING' | 'VOCATIONAL_TRAINING' | 'OTHER';
export type WorkshopStatus = 'SCHEDULED' | 'HELD' | 'CANCELLED';
export type LegalTopic =
  | 'PERSONAL_DOCUMENTS'
  | 'RESIDENCE_REGISTRATION'
  | 'CITIZENSHIP'
  | 'SOCIAL_PROTECTION'
  | 'HEALTH_INSURANCE'
  | 'EDUCATION'
  | 'EMPLOYMENT'
  | 'OTHER';
export const workshopKinds: readonly WorkshopKind[] = ['PSYCHOSOCIAL', 'SCHOOL_SUPPORT', 'INCLUSIVE', 'PARENTING', 'BUSINESS_TRAINING', 'VOCATIONAL_TRAINING', 'OTHER'];
export const legalTopics: readonly LegalTopic[] = [
  'PERSONAL_DOCUMENTS',
  'RESIDENCE_REGISTRATION',
  'CITIZENSHIP',
  'SOCIAL_PROTECTION',
  'HEALTH_INSURANCE',
  'EDUCATION',
  'EMPLOYMENT',
  'OTHER',
];

export interface CentreRef {
  id: string;
  name: string;
}
export interface WorkshopItem {
  id: string;
  title: string;
  kind: WorkshopKind;
  startsAt: string;
  date: string;
  durationMinutes: number;
  status: WorkshopStatus;
  attendeeCount: number;
}
export interface RosterChild {
  id: string;
  code: string;
  givenName: string | null;
  familyName: string | null;
  sex: Sex;
  birthYear: number;
  group: Group;
}
export interface Summary {
  workshopsHeld: number;
  attendances: number;
  uniqueParticipants: number;
  uniqueParticipantsBySex: { female: number; male: number; other: number };
  uniqueReturnees: number;
  volunteerHours: number;
  legalConsultations: number;
  culturalEvents: number;
  culturalEventAudience: number;
  householdsReached: number;
}
const summaryFields = `workshopsHeld attendances uniqueParticipants uniqueParticipantsBySex { female male other }
  uniqueReturnees volunteerHours legalConsultations culturalEvents culturalEventAudience householdsReached`;

export const CentreNames = op<{ centres: CentreRef[] }>(`query CentreNames { centres { id name } }`);

export const CentreName = op<{ centre: CentreRef | null }, { id: string }>(`query CentreName($id: ID!) { centre(id: $id) { id name } }`);

export const CentreWeek = op<{ centre: (CentreRef & { workshops: WorkshopItem[] | null }) | null }, { id: string; from: string; to: string }>(
  `query CentreWeek($id: ID!, $from: Date, $to: Date) {
    centre(id: $id) { id name workshops(from: $from, to: $to) { id title kind startsAt date durationMinutes status attendeeCount } }
  }`,
);

export const WorkshopRoster = op<
  {
    workshop: (WorkshopItem & { centre: CentreRef; attendees: { id: string }[] }) | null;
  },
  { id: string }
>(
  `query WorkshopRoster($id: ID!) {
    workshop(id: $id) {
      id title kind startsAt date durationMinutes status attendeeCount
      centre { id name }
      attendees { id }
    }
  }`,
);

export const CentreRoster = op<{ centre: { id: string; participants: RosterChild[] | null } | null }, { id: string }>(
  `query CentreRoster($id: ID!) { centre(id: $id) { id participants { id code givenName familyName sex birthYear group } } }`,
);

export const CentreVolunteers = op<{ centre: { id: string; volunteers: { id: string; name: string | null }[] | null } | null }, { id: string }>(
  `query CentreVolunteers($id: ID!) { centre(id: $id) { id volunteers { id name } } }`,
);

/** The centre a volunteer registered at: the admin's user form opens on it when editing a volunteer's account. */
export const VolunteerCentre = op<{ volunteer: { id: string; centre: { id: string } } | null }, { id: string }>(
  `query VolunteerCentre($id: ID!) { volunteer(id: $id) { id centre { id } } }`,
);

export interface HoursEntry {
  id: string;
  date: string;
  hours: number;
  activity: string;
  centre: CentreRef;
}
export const MyHours = op<
  { volunteer: { id: string; name: string | null; centre: CentreRef; totalHours: number; hours: HoursEntry[] } | null },
  { id: string }
>(
  `query MyHours($id: ID!) {
    volunteer(id: $id) { id name centre { id name } totalHours hours { id date hours activity centre { id name } } }
  }`,
);

export const RecentConsultations = op<
  {
    centre: {
      id: string;
      legalConsultations: { id: string; date: string; topic: LegalTopic; participant: { id: string; code: string; givenName: string | null; familyName: string | null } }[] | null;
    } | null;
  },
  { id: string; from: string }
>(
  `query RecentConsultations($id: ID!, $from: Date) {
    centre(id: $id) { id legalConsultations(from: $from) { id date topic participant { id code givenName familyName } } }
  }`,
);

export interface IndicatorRow {
  indicator: string;
  value: number | null;
  target: number | null;
  progress: number | null;
}
export interface MonthCell {
  key: { month: string | null };
  attendances: number;
  uniqueParticipants: number;
}
export type AgeGroup = 'AGE_0_4' | 'AGE_5_11' | 'AGE_12_17' | 'AGE_18_59' | 'AGE_60_PLUS';
export interface AgeCell {
  key: { ageGroup: AgeGroup | null };
  uniqueParticipants: number;
}
export const ProgrammeDashboard = op<
  { summary: Summary; breakdown: MonthCell[]; ages: AgeCell[]; indicators: IndicatorRow[] },
  { from: string; to: string }
>(
  `query ProgrammeDashboard($from: Date!, $to: Date!) {
    summary(from: $from, to: $to) { ${summaryFields} }
    breakdown(from: $from, to: $to, by: [MONTH]) { key { month } attendances uniqueParticipants }
    ages: breakdown(from: $from, to: $to, by: [AGE_GROUP]) { key { ageGroup } uniqueParticipants }
    indicators(from: $from, to: $to) { indicator value target progress }
  }`,
);

export const CentreDashboard = op<
  { centre: { id: string; name: string; summary: Summary | null } | null; breakdown: MonthCell[]; ages: AgeCell[]; indicators: IndicatorRow[] },
  { centreId: string; from: string; to: string }
>(
  `query CentreDashboard($centreId: ID!, $from: Date!, $to: Date!) {
    centre(id: $centreId) { id name summary(from: $from, to: $to) { ${summaryFields} } }
    breakdown(from: $from, to: $to, centreId: $centreId, by: [MONTH]) { key { month } attendances uniqueParticipants }
    ages: breakdown(from: $from, to: $to, centreId: $centreId, by: [AGE_GROUP]) { key { ageGroup } uniqueParticipants }
    indicators(from: $from, to: $to, centreId: $centreId) { indicator value target progress }
  }`,
);

/** Live figures over server-sent events (GET, so the session cookie alone is enough). */
export const ProgrammeLive = op<{ programmeSummaryUpdated: Summary }, { from: string; to: string }>(
  `subscription ProgrammeLive($from: Date, $to: Date) { programmeSummaryUpdated(from: $from, to: $to) { ${summaryFields} } }`,
);
export const CentreLive = op<{ centreSummaryUpdated: Summary }, { centreId: string; from: string; to: string }>(
  `subscription CentreLive($centreId: ID!, $from: Date, $to: Date) { centreSummaryUpdated(centreId: $centreId, from: $from, to: $to) { ${summaryFields} } }`,
);

// ---------------------------------------------------------------------------------------------
// Mutations: each goes through the outbox with its own commandId.

export interface Position {
  position: string;
}

export const RecordAttendance = op<{ recordAttendance: Position & { workshop: { id: string; attendeeCount: number } } }, { input: { workshopId: string; participantIds: string[]; commandId: string } }>(
  `mutation RecordAttendance($input: RecordAttendanceInput!) { recordAttendance(input: $input) { position workshop { id attendeeCount } } }`,
);

export const RemoveAttendance = op<
  { removeAttendance: Position & { workshop: { id: string; attendeeCount: number } } },
  { input: { workshopId: string; participantId: string; reason: string; commandId: string } }
>(`mutation RemoveAttendance($input: RemoveAttendanceInput!) { removeAttendance(input: $input) { position workshop { id attendeeCount } } }`);

export interface RegisterParticipantInput {
  centreId: string;
  givenName: string;
  familyName: string;
  sex: Sex;
  birthYear: number;
  group: Group;
  /** Possible matches the registrar declared another child (see ./people.ts). */
  acknowledgedDuplicates?: string[];
  commandId: string;
}
export const RegisterParticipant = op<{ registerParticipant: Position & { participant: { id: string; code: string } } }, { input: RegisterParticipantInput }>(
  `mutation RegisterParticipant($input: RegisterParticipantInput!) { registerParticipant(input: $input) { position participant { id code } } }`,
);

export interface ScheduleWorkshopInput {
  centreId: string;
  kind: WorkshopKind;
  title: string;
  startsAt: string;
  durationMinutes: number;
  facilitator?: string;
  commandId: string;
}
export const ScheduleWorkshop = op<{ scheduleWorkshop: Position & { workshop: { id: string } } }, { input: ScheduleWorkshopInput }>(
  `mutation ScheduleWorkshop($input: ScheduleWorkshopInput!) { scheduleWorkshop(input: $input) { position workshop { id } } }`,
);

export interface LogHoursInput {
  volunteerId: string;
  centreId: string;
  date: string;
  hours: number;
  activity: string;
  commandId: string;
}
export const LogVolunteerHours = op<{ logVolunteerHours: Position & { entry: { id: string } } }, { input: LogHoursInput }>(
  `mutation LogVolunteerHours($input: LogVolunteerHoursInput!) { logVolunteerHours(input: $input) { position entry { id } } }`,
);

export interface ConsultationInput {
  centreId: string;
  participantId: string;
  date: string;
  topic: LegalTopic;
  outcome?: string;
  commandId: string;
}
export const RecordLegalConsultation = op<{ recordLegalConsultation: Position & { consultation: { id: string } } }, { input: ConsultationInput }>(
  `mutation RecordLegalConsultation($input: RecordLegalConsultationInput!) { recordLegalConsultation(input: $input) { position consultation { id } } }`,
);

export interface CulturalEventInput {
  centreId: string;
  title: string;
  date: string;
  audience: { women: number; men: number; girls: number; boys: number };
  commandId: string;
}
export const RecordCulturalEvent = op<{ recordCulturalEvent: Position & { culturalEvent: { id: string; audienceTotal: number } } }, { input: CulturalEventInput }>(
  `mutation RecordCulturalEvent($input: RecordCulturalEventInput!) { recordCulturalEvent(input: $input) { position culturalEvent { id audienceTotal } } }`,
);

export const OpenCentre = op<{ openCentre: Position & { centre: CentreRef } }, { input: { name: string; municipality: string; district: string; commandId: string } }>(
  `mutation OpenCentre($input: OpenCentreInput!) { openCentre(input: $input) { position centre { id name } } }`,
);

export const RegisterVolunteer = op<{ registerVolunteer: Position & { volunteer: { id: string } } }, { input: { centreId: string; name: string; commandId: string } }>(
  `mutation RegisterVolunteer($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { position volunteer { id } } }`,
);

/** Every operation, for the schema check. */
export const allOperations = [
  CentreNames,
  CentreName,
  CentreWeek,
  WorkshopRoster,
  CentreRoster,
  CentreVolunteers,
  VolunteerCentre,
  MyHours,
  RecentConsultations,
  ProgrammeDashboard,
  CentreDashboard,
  ProgrammeLive,
  CentreLive,
  RecordAttendance,
  RemoveAttendance,
  RegisterParticipant,
  ScheduleWorkshop,
  LogVolunteerHours,
  RecordLegalConsultation,
  RecordCulturalEvent,
  OpenCentre,
  RegisterVolunteer,
];
