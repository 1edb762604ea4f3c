import { join } from 'node:path';
import Database from 'better-sqlite3';
import { postGraphql, startLedgerServer, tokenFor } from './spawn.js';
import { TZ } from './logs.js';
import { percentile } from './workload.js';

/** A donor's logframe of 15 indicators over the programme's centres: measures, filters and breakdowns as coordinators define them. */
export const logframe = [
  { code: '1.1', name: 'Inclusive workshops held', measure: 'WORKSHOPS_HELD', filter: { kinds: ['INCLUSIVE'] }, target: 1000, disaggregateBy: ['CENTRE'] },
  { code: '1.2', name: 'Beneficiaries', measure: 'UNIQUE_BENEFICIARIES', target: 2000, disaggregateBy: ['SEX', 'GROUP'] },
  { code: '1.3', name: 'Women and girls among beneficiaries', measure: 'FEMALE_SHARE', target: 0.4 },
  { code: '1.4', name: 'Children in regular school support', measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['SCHOOL_SUPPORT'], minSessions: 4 }, disaggregateBy: ['SEX', 'AGE_GROUP'] },
  { code: '1.5', name: 'Returnees reached', measure: 'UNIQUE_PARTICIPANTS', filter: { groups: ['RETURNEE'] }, disaggregateBy: ['DISTRICT'] },
  { code: '1.6', name: 'Returnee share', measure: 'RETURNEE_SHARE', target: 0.3 },
  { code: '1.7', name: 'Attendances', measure: 'ATTENDANCES', disaggregateBy: ['KIND', 'MONTH'] },
  { code: '1.8', name: 'Girls in psychosocial workshops', measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['PSYCHOSOCIAL'], sexes: ['FEMALE'], ageGroups: ['AGE_5_11', 'AGE_12_17'] } },
  { code: '1.9', name: 'Workshops held', measure: 'WORKSHOPS_HELD', disaggregateBy: ['KIND', 'CENTRE'] },
  { code: '2.1', name: 'Legal aid beneficiaries', measure: 'LEGAL_AID_BENEFICIARIES', disaggregateBy: ['GROUP', 'CENTRE'] },
  { code: '2.2', name: 'Adults in vocational training', measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['VOCATIONAL_TRAINING', 'BUSINESS_TRAINING'], ageGroups: ['AGE_18_59'] }, disaggregateBy: ['SEX'] },
  { code: '3.1', name: 'Volunteer hours', measure: 'VOLUNTEER_HOURS', disaggregateBy: ['MONTH'] },
  { code: '3.2', name: 'Cultural events audience', measure: 'CULTURAL_EVENT_AUDIENCE', disaggregateBy: ['CENTRE'] },
  { code: '3.3', name: 'Cycle completion', measure: 'CYCLE_COMPLETION', target: 0.7 },
  { code: '3.4', name: 'Parents in parenting workshops (2+)', measure: 'UNIQUE_PARTICIPANTS', filter: { kinds: ['PARENTING'], minSessions: 2 }, disaggregateBy: ['MONTH'] },
];

/** Latency of one way of asking the report. */
export interface ReportTimes {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
}

export interface ProgrammeReportFigures {
  readonly events: number;
  readonly centres: number;
  readonly indicators: number;
  readonly period: [string, string];
  /** The same report asked again, nothing written between: rows and results kept since the last. */
  readonly again: ReportTimes;
  /** Each report after a write (a consultation, not timed), one of three periods in turn: computed anew. */
  readonly afterWrite: ReportTimes;
  /** Each report as of an instant, one of three periods in turn, as a coordinator reproduces a figure sent. */
  readonly asOf: ReportTimes;
}

/**
 * `programme(id).indicators(from, to)` over one year for a programme of up to 25 centres and 15
 * indicators, on the generated log. The programme is defined through the API with fixed
 * commandIds, so a second run on the same cached log stores nothing new (the log gains 16 events once).
 */
export const reportQuery = `query ($id: ID!, $from: Date!, $to: Date!, $asOf: DateTime) { programme(id: $id) { indicators(from: $from, to: $to, asOf: $asOf) {
      indicator { code } value target progress valueAsReported cells { key { sex ageGroup group kind centreId district month } value suppressed } } } }`;

/** The year up to the last workshop of the log, and up to 25 of its centres. */
export function benchScope(dir: string): { period: [string, string]; centreIds: string[] } {
  const views = new Database(join(dir, 'views.db'), { readonly: true, fileMustExist: true });
  const last = (views.prepare(`SELECT max(local_date) AS d FROM view_workshops`).get() as { d: string }).d;
  const centreIds = (views.prepare(`SELECT id FROM view_centres ORDER BY id LIMIT 25`).all() as { id: string }[]).map((row) => row.id);
  views.close();
  const from = new Date(Date.parse(`${last}T12:00:00Z`) - 364 * 86_400_000).toISOString().slice(0, 10);
  return { period: [from, last], centreIds };
}

/** Defines the bench's programme through the API (fixed commandIds: a second run stores nothing) and answers its id. */
export async function defineBenchProgramme(url: string, token: string, period: [string, string], centreIds: readonly string[]): Promise<string> {
  const defined = await graphqlCall(url, token, `mutation ($input: DefineProgrammeInput!) { defineProgramme(input: $input) { programme { id } } }`, {
    input: { name: 'Bench logframe', donor: 'Bench', from: period[0], to: period[1], centreIds, commandId: 'bench-programme' },
  });
  const programmeId = defined.defineProgramme.programme.id as string;
  for (const indicator of logframe) {
    await graphqlCall(url, token, `mutation ($input: DefineIndicatorInput!) { defineIndicator(input: $input) { indicator { id } } }`, {
      input: { programmeId, ...indicator, commandId: `bench-programme-${indicator.code}` },
    });
  }
  return programmeId;
}

export async function graphqlCall(url: string, token: string, query: string, variables: Record<string, unknown>): Promise<any> {
  const answer = await postGraphql(url, token, query, variables, 120_000);
  if (answer.status !== 200 || answer.body?.errors) throw new Error(`programme bench: ${answer.status} ${JSON.stringify(answer.body?.errors ?? answer.text)}`);
  return answer.body!.data as any;
}

const dayAfter = (date: string, days: number) => new Date(Date.parse(`${date}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The year and the same year starting one and two days later, asked in turn: more periods than a
 * server keeps rows and results for (src/read/measure-aggregates.ts), so each report is computed anew.
 */
export const rotatingPeriods = ([from, to]: [string, string]): [string, string][] => [0, 1, 2].map((days) => [dayAfter(from, days), to]);

/**
 * Records a legal consultation at the programme's first centre, on one of two days of the period in
 * turn (a new commandId each: the cached log gains one event per call), so that the next report
 * follows a write, as on a live system, and reads anew the rows the write changed.
 */
export function consultationWriter(dir: string, period: [string, string], centreIds: readonly string[]) {
  const views = new Database(join(dir, 'views.db'), { readonly: true, fileMustExist: true });
  const participantId = (views.prepare(`SELECT id FROM view_participants WHERE centre_id = ? AND merged_into IS NULL LIMIT 1`).pluck().get(centreIds[0]) as string | undefined) ?? '';
  views.close();
  const days = [period[1], dayAfter(period[0], 180)];
  let written = 0;
  return async (url: string, token: string) => {
    const date = days[written++ % days.length]!;
    await graphqlCall(url, token, `mutation ($input: RecordLegalConsultationInput!) { recordLegalConsultation(input: $input) { position } }`, {
      input: { centreId: centreIds[0], participantId, date, topic: 'PERSONAL_DOCUMENTS' },
    });
  };
}

/**
 * `programme(id).indicators(from, to)` over one year for a programme of up to 25 centres and 15
 * indicators, on the generated log. The programme is defined through the API with fixed
 * commandIds, so a second run on the same cached log stores nothing new (the log gains 16 events once).
 */
export async function measureProgrammeReport(
  dir: string,
  events: number,
  options: { samples: number; coldSamples: number; budgetMs: number },
): Promise<ProgrammeReportFigures> {
  const { period, centreIds } = benchScope(dir);
  const token = await tokenFor(dir);
  const write = consultationWriter(dir, period, centreIds);
  const server = await startLedgerServer({ dataDir: dir, env: { TZ }, readyTimeoutMs: 600_000 });
  try {
    const programmeId = await defineBenchProgramme(server.url, token, period, centreIds);
    const ask = (from: string, to: string, asOf: string | null = null) => graphqlCall(server.url, token, reportQuery, { id: programmeId, from, to, asOf });
    const timed = async (samples: number, before: () => Promise<unknown>, run: () => Promise<unknown>): Promise<ReportTimes> => {
      const times: number[] = [];
      const deadline = performance.now() + options.budgetMs;
      while (times.length < samples && (times.length < 10 || performance.now() < deadline)) {
        await before();
        const started = performance.now();
        await run();
        times.push(performance.now() - started);
      }
      return { samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
    };
    const nothing = async () => undefined;
    for (let i = 0; i < 3; i++) await ask(...period);
    const again = await timed(options.samples, nothing, () => ask(...period));
    const periods = rotatingPeriods(period);
    let asked = 0;
    const afterWrite = await timed(options.coldSamples, () => write(server.url, token), () => ask(...periods[asked++ % periods.length]!));
    // An instant after every entry: the live figures, read the way asOf reads them.
    const instant = new Date().toISOString();
    const asOf = await timed(options.coldSamples, nothing, () => ask(...periods[asked++ % periods.length]!, instant));
    return { events, centres: centreIds.length, indicators: logframe.length, period, again, afterWrite, asOf };
  } finally {
    await server.stop();
  }
}
