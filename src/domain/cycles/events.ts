import { z } from 'zod';
import { WorkshopKind } from '../workshops/events.js';

/** A series of sessions of one kind, for one group, at one centre, between two local dates. */
export const CycleScheduled = z.object({
  type: z.literal('CycleScheduled'),
  data: z.object({
    cycleId: z.string(),
    centreId: z.string(),
    kind: WorkshopKind,
    title: z.string(),
    plannedSessions: z.number().int(),
    startsOn: z.string(),
    endsOn: z.string(),
  }),
});

export const CycleEvent = z.discriminatedUnion('type', [CycleScheduled]);
export type CycleEvent = z.infer<typeof CycleEvent>;
