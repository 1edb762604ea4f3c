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
    personal: ParticipantPersonal,
  }),
});

/** The person's key is deleted; codes, attendance and counts stay. Carries no personal data. */
export const ParticipantErased = z.object({
  type: z.literal('ParticipantErased'),
  data: z.object({ participantId: z.string(), reason: z.string() }),
});

export const ParticipantEvent = z.discriminatedUnion('type', [ParticipantRegistered, ParticipantErased]);
export type ParticipantEvent = z.infer<typeof ParticipantEvent>;
