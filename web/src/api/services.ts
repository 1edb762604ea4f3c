import { op } from './client.js';
import * as G from './generated/graphql.js';
import { every, type Item } from './operations.js';

/**
 * The operations of a child's page and of services beyond workshops (individual sessions,
 * referrals, assistance), in the style of ./operations.ts: the documents are
 * web/src/api/documents/services.graphql, typed by codegen. Checked against schema/ by
 * test/e2e/operations.test.ts.
 */

export type { ServiceType, ReferralService, ReferralOutcome, AssistanceKind, Currency } from './generated/graphql.js';
export type SessionKind = G.IndividualSessionKind;

export const serviceTypes = every<G.ServiceType>({ WORKSHOP: true, LEGAL_CONSULTATION: true, INDIVIDUAL_SESSION: true, REFERRAL_MADE: true, REFERRAL_CLOSED: true, ASSISTANCE: true });
export const sessionKinds = every<SessionKind>({ COUNSELLING: true, SCHOOL_SUPPORT: true, CASE_MANAGEMENT: true, OTHER: true });
export const referralServices = every<G.ReferralService>({
  SOCIAL_WORK_CENTRE: true,
  HEALTH: true,
  EDUCATION: true,
  EMPLOYMENT: true,
  LEGAL: true,
  HOUSING: true,
  CIVIL_REGISTRY: true,
  OTHER: true,
});
export const referralOutcomes = every<G.ReferralOutcome>({ SERVICE_RECEIVED: true, DECLINED: true, NOT_REACHED: true, WITHDRAWN: true });
export const assistanceKinds = every<G.AssistanceKind>({ IN_KIND: true, CASH: true, GRANT: true, SCHOOL_KIT: true, HYGIENE_KIT: true, OTHER: true });

export type Child = NonNullable<G.ChildPageQuery['participant']>;
/** One service in a child's history; its notes are null where the reader may not read them (the API says FORBIDDEN for that field). */
export type HistoryEntry = Item<Child['services']>;
export type OpenReferral = Item<NonNullable<G.ReferralsToFollowUpQuery['centre']>['openReferrals']>;
export type ServiceFigures = G.ServiceFiguresFragment;

export const ChildPage = op(G.ChildPageDocument);
export const ReferralsToFollowUp = op(G.ReferralsToFollowUpDocument);
export const ProgrammeServiceFigures = op(G.ProgrammeServiceFiguresDocument);
export const CentreServiceFigures = op(G.CentreServiceFiguresDocument);

// Mutations: each goes through the outbox with its own commandId.
export const RecordIndividualSession = op(G.RecordIndividualSessionDocument);
export const MakeReferral = op(G.MakeReferralDocument);
export const CloseReferral = op(G.CloseReferralDocument);
export const RecordAssistance = op(G.RecordAssistanceDocument);

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
