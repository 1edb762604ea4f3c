import { z } from 'zod';
import { SealedPersonal } from '../shared/personal.js';

export const VolunteerRegistered = z.object({
  type: z.literal('VolunteerRegistered'),
  data: z.object({
    volunteerId: z.string(),
    centreId: z.string(),
    personal: z.union([SealedPersonal, z.object({ name: z.string() })]),
  }),
});

/** Hours count for the entry's centre, which may differ from the volunteer's home centre. */
export const VolunteerHoursLogged = z.object({
  type: z.literal('VolunteerHoursLogged'),
  data: z.object({
    entryId: z.string(),
    volunteerId: z.string(),
    centreId: z.string(),
    date: z.string(),
    hours: z.number(),
    activity: z.string(),
  }),
});

export const VolunteerHoursRetracted = z.object({
  type: z.literal('VolunteerHoursRetracted'),
  data: z.object({ entryId: z.string(), volunteerId: z.string(), reason: z.string() }),
});

/** A written volunteering agreement, valid from signedOn to validUntil, both included (Law on Volunteering). */
export const VolunteerAgreementRecorded = z.object({
  type: z.literal('VolunteerAgreementRecorded'),
  data: z.object({ agreementId: z.string(), volunteerId: z.string(), signedOn: z.string(), validUntil: z.string() }),
});

export const VolunteerEvent = z.discriminatedUnion('type', [
  VolunteerRegistered,
  VolunteerHoursLogged,
  VolunteerHoursRetracted,
  VolunteerAgreementRecorded,
]);
export type VolunteerEvent = z.infer<typeof VolunteerEvent>;
