import { op } from './client.js';
import type { CentreRef, Group, Position, Sex, WorkshopKind } from './operations.js';

/**
 * The operations of a child's page and of services beyond workshops (individual sessions,
 * referrals, assistance), in the style of ./operations.ts. Checked against schema/ by
 * test/e2e/services-operations.test.ts.
 */

export type ServiceType = 'WORKSHOP' | 'LEGAL_CONSULTATION' | 'INDIVIDUAL_SESSION' | 'REFERRAL_MADE' | 'REFERRAL_CLOSED' | 'ASSISTANCE';
export const serviceTypes: readonly ServiceType[] = ['WORKSHOP', 'LEGAL_CONSULTATION', 'INDIVIDUAL_SESSION', 'REFERRAL_MADE', 'REFERRAL_CLOSED', 'ASSISTANCE'];
export type SessionKind = 'COUNSELLING' | 'SCHOOL_SUPPORT' | 'CASE_MANAGEMENT' | 'OTHER';
export const sessionKinds: readonly SessionKind[] = ['COUNSELLING', 'SCHOOL_SUPPORT', 'CASE_MANAGEMENT', 'OTHER'];
export type ReferralService = 'SOCIAL_WORK_CENTRE' | 'HEALTH' | 'EDUCATION' | 'EMPLOYMENT' | 'LEGAL' | 'HOUSING' | 'CIVIL_REGISTRY' | 'OTHER';
export const referralServices: readonly ReferralService[] = ['SOCIAL_WORK_CENTRE', 'HEALTH', 'EDUCATION', 'EMPLOYMENT', 'LEGAL', 'HOUSING', 'CIVIL_REGISTRY', 'OTHER'];
export type ReferralOutcome = 'SERVICE_RECEIVED' | 'DECLINED' | 'NOT_REACHED' | 'WITHDRAWN';
export const referralOutcomes: readonly ReferralOutcome[] = ['SERVICE_RECEIVED', 'DECLINED', 'NOT_REACHED', 'WITHDRAWN'];
export type AssistanceKind = 'IN_KIND' | 'CASH' | 'GRANT' | 'SCHOOL_KIT' | 'HYGIENE_KIT' | 'OTHER';
export const assistanceKinds: readonly AssistanceKind[] = ['IN_KIND', 'CASH', 'GRANT', 'SCHOOL_KIT', 'HYGIENE_KIT', 'OTHER'];
export type Currency = 'RSD' | 'EUR';

export interface HistoryEntry {
  id: string;
  date: string;
  type: ServiceType;
  centre: CentreRef | null;
  workshopKind: WorkshopKind | null;
  individualSession: { id: string; kind: SessionKind; durationMinutes: number } | null;
  referral: { id: string; service: ReferralService; organisation: string; status: 'OPEN' | 'CLOSED'; outcome: ReferralOutcome | null } | null;
  assistance: { id: string; kind: AssistanceKind; value: number | null; currency: Currency | null } | null;
  /** Null where the reader may not read it (the API says FORBIDDEN for that field). */
  notes: string | null;
}

export interface Child {
  id: string;
  code: string;
  givenName: string | null;
  familyName: string | null;
  sex: Sex;
  birthYear: number;
  group: Group;
  erased: boolean;
  centre: CentreRef;
  household: { id: string; code: string } | null;
  consent: 'GIVEN' | 'WITHDRAWN' | 'MISSING' | null;
  services: HistoryEntry[] | null;
}

export const ChildPage = op<{ participant: Child | null }, { id: string }>(
  `query ChildPage($id: ID!) {
    participant(id: $id) {
      id code givenName familyName sex birthYear group erased
      centre { id name }
      household { id code }
      consent(purpose: PARTICIPATION)
      services {
        id date type centre { id name } workshopKind notes
        individualSession { id kind durationMinutes }
        referral { id service organisation status outcome }
        assistance { id kind value currency }
      }
    }
  }`,
);

export interface OpenReferral {
  id: string;
  service: ReferralService;
  organisation: string;
  date: string;
  participant: { id: string; code: string; givenName: string | null; familyName: string | null };
}
export const ReferralsToFollowUp = op<{ centre: { id: string; openReferrals: OpenReferral[] | null } | null }, { centreId: string; olderThanDays: number }>(
  `query ReferralsToFollowUp($centreId: ID!, $olderThanDays: Int!) {
    centre(id: $centreId) { id openReferrals(olderThanDays: $olderThanDays) { id service organisation date participant { id code givenName familyName } } }
  }`,
);

export interface ServiceFigures {
  uniqueBeneficiaries: number;
  individualSessions: number;
  referralsMade: number;
  referralsCompleted: number;
  assistanceRecipients: number;
}
const figures = 'uniqueBeneficiaries individualSessions referralsMade referralsCompleted assistanceRecipients';
export const ProgrammeServiceFigures = op<{ summary: ServiceFigures }, { from: string; to: string }>(
  `query ProgrammeServiceFigures($from: Date, $to: Date) { summary(from: $from, to: $to) { ${figures} } }`,
);
export const CentreServiceFigures = op<{ centre: { id: string; summary: ServiceFigures | null } | null }, { centreId: string; from: string; to: string }>(
  `query CentreServiceFigures($centreId: ID!, $from: Date, $to: Date) { centre(id: $centreId) { id summary(from: $from, to: $to) { ${figures} } } }`,
);

// Mutations: each goes through the outbox with its own commandId.

export const RecordIndividualSession = op<
  { recordIndividualSession: Position & { session: { id: string } } },
  { input: { centreId: string; participantId: string; kind: SessionKind; date: string; durationMinutes: number; notes?: string; commandId: string } }
>(`mutation RecordIndividualSession($input: RecordIndividualSessionInput!) { recordIndividualSession(input: $input) { position session { id } } }`);

export const MakeReferral = op<
  { makeReferral: Position & { referral: { id: string } } },
  { input: { centreId: string; participantId: string; service: ReferralService; organisation: string; date: string; reason?: string; commandId: string } }
>(`mutation MakeReferral($input: MakeReferralInput!) { makeReferral(input: $input) { position referral { id } } }`);

export const CloseReferral = op<
  { closeReferral: Position & { referral: { id: string; status: string } } },
  { input: { referralId: string; date: string; outcome: ReferralOutcome; commandId: string } }
>(`mutation CloseReferral($input: CloseReferralInput!) { closeReferral(input: $input) { position referral { id status } } }`);

export const RecordAssistance = op<
  { recordAssistance: Position & { assistance: { id: string } } },
  { input: { centreId: string; participantId: string; kind: AssistanceKind; value?: number; currency?: Currency; date: string; description?: string; commandId: string } }
>(`mutation RecordAssistance($input: RecordAssistanceInput!) { recordAssistance(input: $input) { position assistance { id } } }`);

export const serviceOperations = [
  ChildPage,
  ReferralsToFollowUp,
  ProgrammeServiceFigures,
  CentreServiceFigures,
  RecordIndividualSession,
  MakeReferral,
  CloseReferral,
  RecordAssistance,
];
