import { z } from 'zod';
import { ParticipantGroup, Sex } from '../participants/events.js';
import { WorkshopKind } from '../workshops/events.js';

/** What a programme's indicator counts (the contract's `Measure`). */
export const Measure = z.enum([
  'UNIQUE_PARTICIPANTS',
  'UNIQUE_BENEFICIARIES',
  'WORKSHOPS_HELD',
  'ATTENDANCES',
  'FEMALE_SHARE',
  'RETURNEE_SHARE',
  'VOLUNTEER_HOURS',
  'LEGAL_AID_BENEFICIARIES',
  'INDIVIDUAL_SESSIONS',
  'REFERRALS_COMPLETED',
  'ASSISTANCE_RECIPIENTS',
  'CULTURAL_EVENT_AUDIENCE',
  'CYCLE_COMPLETION',
]);
export type Measure = z.infer<typeof Measure>;

export const Dimension = z.enum(['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH']);
export type Dimension = z.infer<typeof Dimension>;

export const AgeGroup = z.enum(['AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS']);
export type AgeGroup = z.infer<typeof AgeGroup>;

/** Which records an indicator counts; an empty or missing list does not restrict. */
export const IndicatorFilter = z.object({
  kinds: z.array(WorkshopKind).default([]),
  groups: z.array(ParticipantGroup).default([]),
  sexes: z.array(Sex).default([]),
  ageGroups: z.array(AgeGroup).default([]),
  /** A participant counts only with at least this many matching sessions in the period. */
  minSessions: z.number().int().nullable().default(null),
});
export type IndicatorFilter = z.infer<typeof IndicatorFilter>;

/** A donor's project: its own period, its centres and (by IndicatorDefined) its logframe. */
export const ProgrammeDefined = z.object({
  type: z.literal('ProgrammeDefined'),
  data: z.object({
    programmeId: z.string(),
    name: z.string(),
    donor: z.string(),
    from: z.string(),
    to: z.string(),
    centreIds: z.array(z.string()),
  }),
});

/**
 * An indicator of a programme's logframe. The id follows from (programme, code), so defining a code
 * again is a new version of the same indicator; the view keeps every version with its instant.
 */
export const IndicatorDefined = z.object({
  type: z.literal('IndicatorDefined'),
  data: z.object({
    programmeId: z.string(),
    indicatorId: z.string(),
    code: z.string(),
    name: z.string(),
    measure: Measure,
    filter: IndicatorFilter,
    target: z.number().nullable(),
    disaggregateBy: z.array(Dimension),
  }),
});

/**
 * The report as sent to the donor: the programme's figures for the period are frozen at the
 * event's recordedAt. It names the centres the programme covered then, so a later entry dated in
 * the period at one of them needs a reason.
 */
export const ReportingPeriodClosed = z.object({
  type: z.literal('ReportingPeriodClosed'),
  data: z.object({
    programmeId: z.string(),
    reportId: z.string(),
    from: z.string(),
    to: z.string(),
    centreIds: z.array(z.string()),
    note: z.string().optional(),
  }),
});

export const ProgrammeEvent = z.discriminatedUnion('type', [ProgrammeDefined, IndicatorDefined, ReportingPeriodClosed]);
export type ProgrammeEvent = z.infer<typeof ProgrammeEvent>;
