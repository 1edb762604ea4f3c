import { z } from 'zod';

export const CentreOpened = z.object({
  type: z.literal('CentreOpened'),
  data: z.object({
    centreId: z.string(),
    name: z.string(),
    municipality: z.string(),
    district: z.string(),
  }),
});

/** A centre's name or place written wrongly when it was opened, or changed since: the later event says what holds now. */
export const CentreDetailsCorrected = z.object({
  type: z.literal('CentreDetailsCorrected'),
  data: z.object({
    centreId: z.string(),
    name: z.string(),
    municipality: z.string(),
    district: z.string(),
    reason: z.string(),
  }),
});

export const CentreEvent = z.discriminatedUnion('type', [CentreOpened, CentreDetailsCorrected]);
export type CentreEvent = z.infer<typeof CentreEvent>;
