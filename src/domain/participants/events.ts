import { z } from 'zod';

export const Sex = z.enum(['FEMALE', 'MALE', 'OTHER']);
export type Sex = z.infer<typeof Sex>;
export const ParticipantGroup = z.enum(['RETURNEE', 'LOCAL']);
export type ParticipantGroup = z.infer<typeof ParticipantGroup>;

/** Everything that names a person lives here and nowhere else, so it can be encrypted and shredded. */
export const ParticipantPersonal = z.object({ givenName: z.string(), familyName: z.string() });

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

export const ParticipantEvent = z.discriminatedUnion('type', [ParticipantRegistered]);
export type ParticipantEvent = z.infer<typeof ParticipantEvent>;
