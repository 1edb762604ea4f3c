import { z } from 'zod';

/** What the programme measures and sets targets for (the contract's "Reporting" section). */
export const Indicator = z.enum([
  'PARTICIPANTS_REACHED',
  'WORKSHOPS_HELD',
  'WOMEN_AND_GIRLS_SHARE',
  'RETURNEES_REACHED',
  'LEGAL_AID_BENEFICIARIES',
  'VOLUNTEER_HOURS',
  'CULTURAL_EVENT_AUDIENCE',
  'CYCLE_COMPLETION',
  'BENEFICIARIES_REACHED',
]);
export type Indicator = z.infer<typeof Indicator>;

/**
 * A target for one indicator over one period, for one centre or (centreId null) the whole
 * programme. A later TargetSet in the same stream (same indicator, period and centre) replaces it;
 * the earlier value stays in the log.
 */
export const TargetSet = z.object({
  type: z.literal('TargetSet'),
  data: z.object({
    targetId: z.string(),
    indicator: Indicator,
    value: z.number(),
    from: z.string(),
    to: z.string(),
    centreId: z.string().nullable(),
  }),
});

export const TargetEvent = z.discriminatedUnion('type', [TargetSet]);
export type TargetEvent = z.infer<typeof TargetEvent>;
