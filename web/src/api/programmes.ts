import { op } from './client.js';
import * as G from './generated/graphql.js';
import { every, type Item } from './operations.js';

/**
 * The operations of the Programmes screen (donors' logframes), in the style of ./operations.ts: the
 * documents are web/src/api/documents/programmes.graphql, typed by codegen. Checked against schema/
 * by test/e2e/operations.test.ts like the others.
 */

export type { Measure, AgeGroup } from './generated/graphql.js';
/** What an indicator can be broken down by: every breakdown dimension but SERVICE, which splits only breakdowns of services. */
export type Dimension = Exclude<G.Dimension, 'SERVICE'>;
/** The built-in indicators a target can be set for (the schema's Indicator). */
export type BuiltInIndicator = G.Indicator;

export const measures = every<G.Measure>({
  UNIQUE_PARTICIPANTS: true,
  UNIQUE_BENEFICIARIES: true,
  WORKSHOPS_HELD: true,
  ATTENDANCES: true,
  FEMALE_SHARE: true,
  RETURNEE_SHARE: true,
  VOLUNTEER_HOURS: true,
  LEGAL_AID_BENEFICIARIES: true,
  INDIVIDUAL_SESSIONS: true,
  REFERRALS_COMPLETED: true,
  ASSISTANCE_RECIPIENTS: true,
  CULTURAL_EVENT_AUDIENCE: true,
  CYCLE_COMPLETION: true,
});
export const shareMeasures: ReadonlySet<G.Measure> = new Set<G.Measure>(['FEMALE_SHARE', 'RETURNEE_SHARE', 'CYCLE_COMPLETION']);
export const dimensions = every<Dimension>({ SEX: true, AGE_GROUP: true, GROUP: true, KIND: true, CENTRE: true, DISTRICT: true, MONTH: true });
export const builtInIndicators = every<BuiltInIndicator>({
  PARTICIPANTS_REACHED: true,
  BENEFICIARIES_REACHED: true,
  WORKSHOPS_HELD: true,
  WOMEN_AND_GIRLS_SHARE: true,
  RETURNEES_REACHED: true,
  LEGAL_AID_BENEFICIARIES: true,
  VOLUNTEER_HOURS: true,
  CULTURAL_EVENT_AUDIENCE: true,
  CYCLE_COMPLETION: true,
});

export type ProgrammeItem = G.ProgrammeFieldsFragment;
export type Report = Item<ProgrammeItem['reports']>;
export type IndicatorValue = Item<NonNullable<G.ProgrammeReportQuery['programme']>['indicators']>;
export type CellKey = Item<IndicatorValue['cells']>['key'];
export type IndicatorFilterInput = G.IndicatorFilter;

export const Programmes = op(G.ProgrammesDocument);
export const ProgrammeReport = op(G.ProgrammeReportDocument);
export const DefineProgramme = op(G.DefineProgrammeDocument);
export const DefineIndicator = op(G.DefineIndicatorDocument);
export const CloseReportingPeriod = op(G.CloseReportingPeriodDocument);
export const SetBuiltInTarget = op(G.SetBuiltInTargetDocument);
export const BuiltInTargets = op(G.BuiltInTargetsDocument);

/** The URL of the logframe workbook for a programme and period. */
export const workbookUrl = (programmeId: string, from: string, to: string) => `/exports/programme.xlsx?${new URLSearchParams({ programmeId, from, to })}`;

export const programmeOperations = [Programmes, ProgrammeReport, DefineProgramme, DefineIndicator, CloseReportingPeriod, SetBuiltInTarget, BuiltInTargets];
