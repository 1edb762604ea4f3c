import { z } from 'zod';
import { SealedPersonal } from '../shared/personal.js';

export const LegalTopic = z.enum([
  'PERSONAL_DOCUMENTS',
  'RESIDENCE_REGISTRATION',
  'CITIZENSHIP',
  'SOCIAL_PROTECTION',
  'HEALTH_INSURANCE',
  'EDUCATION',
  'EMPLOYMENT',
  'OTHER',
]);
export type LegalTopic = z.infer<typeof LegalTopic>;

/** How much the adviser did in a consultation, from telling to standing in for the person. */
export const ServiceLevel = z.enum(['INFORMATION', 'ADVICE', 'DRAFTING', 'REPRESENTATION']);
export type ServiceLevel = z.infer<typeof ServiceLevel>;

/** The outcome is free text about a person's legal matter, so it is personal data. */
export const LegalConsultationRecorded = z.object({
  type: z.literal('LegalConsultationRecorded'),
  data: z.object({
    consultationId: z.string(),
    centreId: z.string(),
    participantId: z.string(),
    date: z.string(),
    topic: LegalTopic,
    /** The legal case this consultation is part of, if any. */
    caseId: z.string().optional(),
    serviceLevel: ServiceLevel.optional(),
    personal: z.union([SealedPersonal, z.object({ outcome: z.string().optional() })]),
  }),
});

export const LegalConsultationRetracted = z.object({
  type: z.literal('LegalConsultationRetracted'),
  data: z.object({ consultationId: z.string(), reason: z.string() }),
});

export const LegalAidEvent = z.discriminatedUnion('type', [LegalConsultationRecorded, LegalConsultationRetracted]);
export type LegalAidEvent = z.infer<typeof LegalAidEvent>;
