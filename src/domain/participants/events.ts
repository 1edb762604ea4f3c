import { z } from 'zod';
import { SealedPersonal } from '../shared/personal.js';

export const Sex = z.enum(['FEMALE', 'MALE', 'OTHER']);
export type Sex = z.infer<typeof Sex>;
export const ParticipantGroup = z.enum(['RETURNEE', 'LOCAL']);
export type ParticipantGroup = z.infer<typeof ParticipantGroup>;

/**
 * Everything that names a person lives here and nowhere else. The store only ever sees it sealed
 * with the person's key, so erasing the key erases the names from the immutable log.
 */
export const ParticipantPersonal = z.union([SealedPersonal, z.object({ givenName: z.string(), familyName: z.string() })]);

export const ParticipantRegistered = z.object({
  type: z.literal('ParticipantRegistered'),
  data: z.object({
    participantId: z.string(),
    code: z.string(),
    centreId: z.string(),
    sex: Sex,
    birthYear: z.number().int(),
    group: ParticipantGroup,
    /** The returnee family the participant belongs to, if any. */
    householdId: z.string().optional(),
    personal: ParticipantPersonal,
  }),
});

/** The person's key is deleted; codes, attendance and counts stay. Carries no personal data. */
export const ParticipantErased = z.object({
  type: z.literal('ParticipantErased'),
  data: z.object({ participantId: z.string(), reason: z.string() }),
});

/** Moves the participant into a household (a returnee family). */
export const ParticipantHouseholdSet = z.object({
  type: z.literal('ParticipantHouseholdSet'),
  data: z.object({ participantId: z.string(), householdId: z.string() }),
});

export const ConsentPurpose = z.enum(['PARTICIPATION', 'PHOTOS', 'DATA_SHARING']);
export type ConsentPurpose = z.infer<typeof ConsentPurpose>;
export const LegalBasis = z.enum(['CONSENT', 'LEGAL_OBLIGATION', 'VITAL_INTERESTS', 'PUBLIC_INTEREST', 'LEGITIMATE_INTERESTS']);
export type LegalBasis = z.infer<typeof LegalBasis>;
export const ConsentGiver = z.enum(['SELF', 'PARENT', 'GUARDIAN']);
export type ConsentGiver = z.infer<typeof ConsentGiver>;

/** A legal basis for one purpose, dated when it was given; see src/domain/participants/consent.ts. */
export const ConsentRecorded = z.object({
  type: z.literal('ConsentRecorded'),
  data: z.object({ participantId: z.string(), purpose: ConsentPurpose, legalBasis: LegalBasis, givenBy: ConsentGiver, date: z.string() }),
});

export const ConsentWithdrawn = z.object({
  type: z.literal('ConsentWithdrawn'),
  data: z.object({ participantId: z.string(), purpose: ConsentPurpose, date: z.string() }),
});

/**
 * The participant (the duplicate, whose stream this is) is the same person as `keepId`: from now on
 * every count treats the two as the kept one (see src/read/merges.ts). The reason names no one.
 */
export const ParticipantMerged = z.object({
  type: z.literal('ParticipantMerged'),
  data: z.object({ participantId: z.string(), keepId: z.string(), reason: z.string() }),
});

/** Undoes the merge of this participant into `keepId`: they count as two people again. */
export const ParticipantUnmerged = z.object({
  type: z.literal('ParticipantUnmerged'),
  data: z.object({ participantId: z.string(), keepId: z.string(), reason: z.string() }),
});

/** The participant now belongs to another centre (a family moved); attendance stays where it happened. */
export const ParticipantTransferred = z.object({
  type: z.literal('ParticipantTransferred'),
  data: z.object({ participantId: z.string(), fromCentreId: z.string(), toCentreId: z.string(), reason: z.string() }),
});

export const ParticipantEvent = z.discriminatedUnion('type', [
  ParticipantRegistered,
  ParticipantErased,
  ParticipantHouseholdSet,
  ConsentRecorded,
  ConsentWithdrawn,
  ParticipantMerged,
  ParticipantUnmerged,
  ParticipantTransferred,
]);
export type ParticipantEvent = z.infer<typeof ParticipantEvent>;
