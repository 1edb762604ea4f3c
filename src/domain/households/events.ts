import { z } from 'zod';
import { SealedPersonal } from '../shared/personal.js';

/**
 * Where a family returned from says much about who they are, so it is personal: it lives in
 * `personal` (sealed with the household's own key) and nowhere else.
 */
export const HouseholdPersonal = z.union([SealedPersonal, z.object({ returnedFrom: z.string().optional() })]);

/** A returnee family, known by a pseudonymous code (H-…), so that reports count families, not only people. */
export const HouseholdRegistered = z.object({
  type: z.literal('HouseholdRegistered'),
  data: z.object({
    householdId: z.string(),
    code: z.string(),
    centreId: z.string(),
    returnedOn: z.string().optional(),
    personal: HouseholdPersonal,
  }),
});

export const HouseholdEvent = z.discriminatedUnion('type', [HouseholdRegistered]);
export type HouseholdEvent = z.infer<typeof HouseholdEvent>;
