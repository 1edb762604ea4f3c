import { z } from 'zod';
import { LegalTopic } from '../legal-aid/events.js';

export const LegalOutcome = z.enum(['RESOLVED', 'PARTLY_RESOLVED', 'NOT_RESOLVED', 'REFERRED', 'WITHDRAWN']);
export type LegalOutcome = z.infer<typeof LegalOutcome>;

/** One person's legal problem, followed over several consultations until it is closed. */
export const LegalCaseOpened = z.object({
  type: z.literal('LegalCaseOpened'),
  data: z.object({
    caseId: z.string(),
    centreId: z.string(),
    participantId: z.string(),
    problem: LegalTopic,
    openedOn: z.string(),
  }),
});

export const LegalCaseClosed = z.object({
  type: z.literal('LegalCaseClosed'),
  data: z.object({ caseId: z.string(), closedOn: z.string(), outcome: LegalOutcome }),
});

export const LegalCaseEvent = z.discriminatedUnion('type', [LegalCaseOpened, LegalCaseClosed]);
export type LegalCaseEvent = z.infer<typeof LegalCaseEvent>;
