import { z } from 'zod';
import { SealedPersonal } from '../shared/personal.js';

/** What a one-to-one session with a person was for. */
export const IndividualSessionKind = z.enum(['COUNSELLING', 'SCHOOL_SUPPORT', 'CASE_MANAGEMENT', 'OTHER']);
export type IndividualSessionKind = z.infer<typeof IndividualSessionKind>;

/** The kind of agency a person is referred to (the Local Migration Councils' partners). */
export const ReferralService = z.enum(['SOCIAL_WORK_CENTRE', 'HEALTH', 'EDUCATION', 'EMPLOYMENT', 'LEGAL', 'HOUSING', 'CIVIL_REGISTRY', 'OTHER']);
export type ReferralService = z.infer<typeof ReferralService>;

export const ReferralOutcome = z.enum(['SERVICE_RECEIVED', 'DECLINED', 'NOT_REACHED', 'WITHDRAWN']);
export type ReferralOutcome = z.infer<typeof ReferralOutcome>;

export const AssistanceKind = z.enum(['IN_KIND', 'CASH', 'GRANT', 'SCHOOL_KIT', 'HYGIENE_KIT', 'OTHER']);
export type AssistanceKind = z.infer<typeof AssistanceKind>;

export const Currency = z.enum(['RSD', 'EUR']);
export type Currency = z.infer<typeof Currency>;

/** Session notes are free text about a person: personal data, sealed with the participant's key. */
export const IndividualSessionRecorded = z.object({
  type: z.literal('IndividualSessionRecorded'),
  data: z.object({
    sessionId: z.string(),
    centreId: z.string(),
    participantId: z.string(),
    kind: IndividualSessionKind,
    date: z.string(),
    durationMinutes: z.number().int(),
    personal: z.union([SealedPersonal, z.object({ notes: z.string().optional() })]),
  }),
});

export const IndividualSessionRetracted = z.object({
  type: z.literal('IndividualSessionRetracted'),
  data: z.object({ sessionId: z.string(), reason: z.string() }),
});

/**
 * A referral to another agency. The organisation is an agency's name, not about the person; the
 * reason says why this person needs it, so it is personal data.
 */
export const ReferralMade = z.object({
  type: z.literal('ReferralMade'),
  data: z.object({
    referralId: z.string(),
    centreId: z.string(),
    participantId: z.string(),
    service: ReferralService,
    organisation: z.string(),
    date: z.string(),
    personal: z.union([SealedPersonal, z.object({ reason: z.string().optional() })]),
  }),
});

export const ReferralClosed = z.object({
  type: z.literal('ReferralClosed'),
  data: z.object({ referralId: z.string(), date: z.string(), outcome: ReferralOutcome }),
});

/** Material or cash help. The description may say what a family lacks: personal data. */
export const AssistanceRecorded = z.object({
  type: z.literal('AssistanceRecorded'),
  data: z.object({
    assistanceId: z.string(),
    centreId: z.string(),
    participantId: z.string(),
    kind: AssistanceKind,
    value: z.number().optional(),
    currency: Currency.optional(),
    date: z.string(),
    personal: z.union([SealedPersonal, z.object({ description: z.string().optional() })]),
  }),
});

export const AssistanceRetracted = z.object({
  type: z.literal('AssistanceRetracted'),
  data: z.object({ assistanceId: z.string(), reason: z.string() }),
});

export const IndividualSessionEvent = z.discriminatedUnion('type', [IndividualSessionRecorded, IndividualSessionRetracted]);
export type IndividualSessionEvent = z.infer<typeof IndividualSessionEvent>;
export const ReferralEvent = z.discriminatedUnion('type', [ReferralMade, ReferralClosed]);
export type ReferralEvent = z.infer<typeof ReferralEvent>;
export const AssistanceEvent = z.discriminatedUnion('type', [AssistanceRecorded, AssistanceRetracted]);
export type AssistanceEvent = z.infer<typeof AssistanceEvent>;

export const ServiceEvent = z.discriminatedUnion('type', [...IndividualSessionEvent.options, ...ReferralEvent.options, ...AssistanceEvent.options]);
export type ServiceEvent = z.infer<typeof ServiceEvent>;
