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

export const CentreEvent = z.discriminatedUnion('type', [CentreOpened]);
export type CentreEvent = z.infer<typeof CentreEvent>;
