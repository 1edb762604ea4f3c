import { op } from './client.js';
import type { CentreRef, Group, Sex, WorkshopKind } from './operations.js';

/**
 * The operations of the Programmes screen (donors' logframes), in the style of ./operations.ts.
 * Checked against schema/ by test/e2e/operations.test.ts like the others.
 */

export type Measure =
  | 'UNIQUE_PARTICIPANTS'
  | 'UNIQUE_BENEFICIARIES'
  | 'WORKSHOPS_HELD'
  | 'ATTENDANCES'
  | 'FEMALE_SHARE'
  | 'RETURNEE_SHARE'
  | 'VOLUNTEER_HOURS'
  | 'LEGAL_AID_BENEFICIARIES'
  | 'INDIVIDUAL_SESSIONS'
  | 'REFERRALS_COMPLETED'
  | 'ASSISTANCE_RECIPIENTS'
  | 'CULTURAL_EVENT_AUDIENCE'
  | 'CYCLE_COMPLETION';
export const measures: readonly Measure[] = [
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
];
export const shareMeasures: ReadonlySet<Measure> = new Set(['FEMALE_SHARE', 'RETURNEE_SHARE', 'CYCLE_COMPLETION']);

export type Dimension = 'SEX' | 'AGE_GROUP' | 'GROUP' | 'KIND' | 'CENTRE' | 'DISTRICT' | 'MONTH';
export const dimensions: readonly Dimension[] = ['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'];
export type AgeGroup = 'AGE_0_4' | 'AGE_5_11' | 'AGE_12_17' | 'AGE_18_59' | 'AGE_60_PLUS';

export interface ProgrammeItem {
  id: string;
  name: string;
  donor: string;
  from: string;
  to: string;
  centres: CentreRef[];
  reports: Report[];
}
export interface Report {
  id: string;
  from: string;
  to: string;
  closedAt: string;
  note: string | null;
  lateEntries?: { type: string; recordedAt: string; reason: string }[];
}
export interface CellKey {
  sex: Sex | null;
  ageGroup: AgeGroup | null;
  group: Group | null;
  kind: WorkshopKind | null;
  centreId: string | null;
  district: string | null;
  month: string | null;
}
export interface IndicatorValue {
  indicator: { id: string; code: string; name: string; measure: Measure; disaggregateBy: Dimension[] };
  value: number | null;
  target: number | null;
  progress: number | null;
  valueAsReported: number | null;
  cells: { key: CellKey; value: number | null; suppressed: boolean }[];
}
export interface IndicatorFilterInput {
  kinds?: WorkshopKind[];
  groups?: Group[];
  sexes?: Sex[];
  ageGroups?: AgeGroup[];
  minSessions?: number | null;
}

const programmeFields = `id name donor from to centres { id name } reports { id from to closedAt note }`;

export const Programmes = op<{ programmes: ProgrammeItem[] }, Record<string, never>>(`query Programmes { programmes { ${programmeFields} } }`);

export const ProgrammeReport = op<
  { programme: (ProgrammeItem & { indicators: IndicatorValue[]; closed: { id: string; lateEntries: { type: string; recordedAt: string; reason: string }[] }[] }) | null },
  { id: string; from: string; to: string }
>(
  `query ProgrammeReport($id: ID!, $from: Date!, $to: Date!) {
    programme(id: $id) {
      ${programmeFields}
      closed: reports { id lateEntries { type recordedAt reason } }
      indicators(from: $from, to: $to) {
        indicator { id code name measure disaggregateBy }
        value target progress valueAsReported
        cells { key { sex ageGroup group kind centreId district month } value suppressed }
      }
    }
  }`,
);

export const DefineProgramme = op<
  { defineProgramme: { position: string; programme: { id: string } } },
  { input: { name: string; donor: string; from: string; to: string; centreIds: string[]; commandId: string } }
>(`mutation DefineProgramme($input: DefineProgrammeInput!) { defineProgramme(input: $input) { position programme { id } } }`);

export const DefineIndicator = op<
  { defineIndicator: { position: string; indicator: { id: string; code: string } } },
  {
    input: {
      programmeId: string;
      code: string;
      name: string;
      measure: Measure;
      filter: IndicatorFilterInput;
      target: number | null;
      disaggregateBy: Dimension[];
      commandId: string;
    };
  }
>(`mutation DefineIndicator($input: DefineIndicatorInput!) { defineIndicator(input: $input) { position indicator { id code } } }`);

export const CloseReportingPeriod = op<
  { closeReportingPeriod: { position: string; report: Report } },
  { input: { programmeId: string; from: string; to: string; note?: string; commandId: string } }
>(`mutation CloseReportingPeriod($input: CloseReportingPeriodInput!) { closeReportingPeriod(input: $input) { position report { id from to closedAt note } } }`);

export type BuiltInIndicator =
  | 'PARTICIPANTS_REACHED'
  | 'WORKSHOPS_HELD'
  | 'WOMEN_AND_GIRLS_SHARE'
  | 'RETURNEES_REACHED'
  | 'LEGAL_AID_BENEFICIARIES'
  | 'VOLUNTEER_HOURS'
  | 'CULTURAL_EVENT_AUDIENCE'
  | 'CYCLE_COMPLETION';
export const builtInIndicators: readonly BuiltInIndicator[] = [
  'PARTICIPANTS_REACHED',
  'WORKSHOPS_HELD',
  'WOMEN_AND_GIRLS_SHARE',
  'RETURNEES_REACHED',
  'LEGAL_AID_BENEFICIARIES',
  'VOLUNTEER_HOURS',
  'CULTURAL_EVENT_AUDIENCE',
  'CYCLE_COMPLETION',
];

export const SetBuiltInTarget = op<
  { setTarget: { position: string; target: { id: string; indicator: BuiltInIndicator; value: number; from: string; to: string } } },
  { input: { indicator: BuiltInIndicator; value: number; from: string; to: string; commandId: string } }
>(`mutation SetBuiltInTarget($input: SetTargetInput!) { setTarget(input: $input) { position target { id indicator value from to } } }`);

export const BuiltInTargets = op<{ targets: { id: string; indicator: BuiltInIndicator; value: number; from: string; to: string; centreId: string | null }[] }, Record<string, never>>(
  `query BuiltInTargets { targets { id indicator value from to centreId } }`,
);

/** The URL of the logframe workbook for a programme and period. */
export const workbookUrl = (programmeId: string, from: string, to: string) => `/exports/programme.xlsx?${new URLSearchParams({ programmeId, from, to })}`;

export const programmeOperations = [Programmes, ProgrammeReport, DefineProgramme, DefineIndicator, CloseReportingPeriod, SetBuiltInTarget, BuiltInTargets];
