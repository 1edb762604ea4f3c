import { z } from 'zod';

export const WorkshopKind = z.enum([
  'PSYCHOSOCIAL',
  'SCHOOL_SUPPORT',
  'INCLUSIVE',
  'PARENTING',
  'BUSINESS_TRAINING',
  'VOCATIONAL_TRAINING',
  'OTHER',
]);
export type WorkshopKind = z.infer<typeof WorkshopKind>;

export const WorkshopScheduled = z.object({
  type: z.literal('WorkshopScheduled'),
  data: z.object({
    workshopId: z.string(),
    centreId: z.string(),
    kind: WorkshopKind,
    title: z.string(),
    startsAt: z.string(),
    durationMinutes: z.number().int(),
    facilitator: z.string().optional(),
    /** The cycle (series of sessions) this workshop is a session of, if any. */
    cycleId: z.string().optional(),
  }),
});

/** Lists only participants not already recorded, so replaying it never double counts. */
export const AttendanceRecorded = z.object({
  type: z.literal('AttendanceRecorded'),
  data: z.object({ workshopId: z.string(), participantIds: z.array(z.string()).min(1) }),
});

export const AttendanceRemoved = z.object({
  type: z.literal('AttendanceRemoved'),
  data: z.object({ workshopId: z.string(), participantId: z.string(), reason: z.string() }),
});

export const WorkshopCancelled = z.object({
  type: z.literal('WorkshopCancelled'),
  data: z.object({ workshopId: z.string(), reason: z.string() }),
});

export const WorkshopEvent = z.discriminatedUnion('type', [
  WorkshopScheduled,
  AttendanceRecorded,
  AttendanceRemoved,
  WorkshopCancelled,
]);
export type WorkshopEvent = z.infer<typeof WorkshopEvent>;
