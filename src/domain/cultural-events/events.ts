import { z } from 'zod';

export const Audience = z.object({ women: z.number().int(), men: z.number().int(), girls: z.number().int(), boys: z.number().int() });
export type Audience = z.infer<typeof Audience>;

export const CulturalEventRecorded = z.object({
  type: z.literal('CulturalEventRecorded'),
  data: z.object({ culturalEventId: z.string(), centreId: z.string(), title: z.string(), date: z.string(), audience: Audience }),
});

/** A recount replaces the audience; the first count stays in the log. */
export const CulturalEventAudienceCorrected = z.object({
  type: z.literal('CulturalEventAudienceCorrected'),
  data: z.object({ culturalEventId: z.string(), audience: Audience, reason: z.string() }),
});

export const CulturalEventEvent = z.discriminatedUnion('type', [CulturalEventRecorded, CulturalEventAudienceCorrected]);
export type CulturalEventEvent = z.infer<typeof CulturalEventEvent>;

export const audienceTotal = (audience: Audience) => audience.women + audience.men + audience.girls + audience.boys;
