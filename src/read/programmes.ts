import type Database from 'better-sqlite3';
import type { LateEntryView } from '../../projections/late-entries.js';
import { indicatorVersionAt, type DefinedIndicator, type IndicatorVersion, type ProgrammeView, type ReportView } from '../../projections/programmes.js';
import { measureTraits } from '../domain/programmes/measures.js';
import { documentReader } from './documents.js';
import { cellKeyValues, measures, measureSources, type Measured, type MeasureScope, type Sources } from './measures.js';
import type { BreakdownKey } from './reporting.js';
import { suppressedCells, isSmall } from './suppression.js';

export interface IndicatorCell {
  readonly key: BreakdownKey;
  /** Null when suppressed. */
  readonly value: number | null;
  readonly suppressed: boolean;
}

/** One indicator of a programme over a period: the figures now (or asOf) and as reported. */
export interface IndicatorFigure {
  readonly indicator: DefinedIndicator;
  readonly value: number | null;
  readonly target: number | null;
  readonly progress: number | null;
  /** The value when the period was closed (the report as sent); null while it is open. */
  readonly valueAsReported: number | null;
  readonly cells: readonly IndicatorCell[];
  /** Whether the value is a count of people (so 1 to 4 is written `<5` where it is shared). */
  readonly countsPeople: boolean;
}

/**
 * Publishable cells: counts of people from 1 to 4 suppressed, and then as many more as keep them
 * from being worked out from the rest (./suppression.ts). A share is suppressed when its
 * denominator is 1 to 4; hours and workshops are not counts of people.
 */
export function publishable(measured: Measured, version: IndicatorVersion): IndicatorCell[] {
  const traits = measureTraits[version.measure];
  const suppressed = traits.share
    ? measured.cells.map((cell) => isSmall(cell.count))
    : traits.people
      ? suppressedCells(
          measured.cells.map((cell) => cellKeyValues(cell.key)),
          measured.cells.map((cell) => cell.count),
        )
      : measured.cells.map(() => false);
  return measured.cells.map((cell, index) => ({ key: cell.key, value: suppressed[index] ? null : cell.value, suppressed: suppressed[index]! }));
}

export function programmeReader(db: Database.Database) {
  const programmes = documentReader<ProgrammeView>(db, 'programmes');
  const late = documentReader<LateEntryView>(db, 'late_entries');
  const sourcesOf = measureSources(db);

  /**
   * A closed report's figures, by report, indicator and version: counted as of the closing
   * instant, they never change, so each is counted once. (CYCLE_COMPLETION, counted on the cycles
   * as they stand now, is the exception and is not kept.)
   */
  const asReported = new Map<string, number | null>();

  /**
   * One indicator version over a scope; the scope's rows are shared through `sources`, and so is
   * what was measured on them: rows kept between requests (./measure-aggregates.ts) are measured once.
   */
  const measured = new WeakMap<Sources, Map<string, Measured>>();
  const measure = (version: IndicatorVersion, sources: Sources): Measured => {
    let known = measured.get(sources);
    if (!known) measured.set(sources, (known = new Map()));
    const key = JSON.stringify([version.measure, version.filter, version.disaggregateBy]);
    let result = known.get(key);
    if (!result) known.set(key, (result = measures[version.measure](sources, version.filter, version.disaggregateBy)));
    return result;
  };

  /** The report of this period that had been closed by `asOf` (or at all). */
  function reportFor(programme: ProgrammeView, from: string, to: string, asOf: string | null): ReportView | undefined {
    const at = asOf ? new Date(asOf).toISOString() : null;
    return programme.reports.find((report) => report.from === from && report.to === to && (at === null || report.closedAt <= at));
  }

  return {
    programme: (id: string) => programmes.get(id),
    programmes: () => programmes.where('1 = 1', {}, 'defined_at, id'),
    reportFor,
    /** The entries recorded into a report's period after it was closed, oldest first. */
    lateEntries: (reportId: string) => late.where(`doc -> '$.reportIds' LIKE @pattern`, { pattern: `%${JSON.stringify(reportId)}%` }, 'recorded_at, id').filter((entry) => entry.reportIds.includes(reportId)),

    /**
     * Every indicator defined by `asOf` (or now), each as its version of then defines it, over the
     * programme's centres; `valueAsReported` from the version and centres of the closing instant.
     */
    figures(programme: ProgrammeView, from: string, to: string, asOf: string | null): IndicatorFigure[] {
      const at = asOf ? new Date(asOf).toISOString() : null;
      const scope: MeasureScope = { centreIds: programme.centreIds, from, to, asOf };
      const sources = sourcesOf(scope);
      const report = reportFor(programme, from, to, asOf);
      const reported = report ? sourcesOf({ centreIds: report.centreIds, from, to, asOf: report.closedAt }) : undefined;
      const reportedValue = (indicatorId: string, version: IndicatorVersion) => {
        const key = `${report!.id}/${indicatorId}/${version.definedAt}`;
        if (version.measure !== 'CYCLE_COMPLETION' && asReported.has(key)) return asReported.get(key)!;
        const value = measure(version, reported!).value;
        if (asReported.size >= 10_000) asReported.delete(asReported.keys().next().value!);
        asReported.set(key, value);
        return value;
      };
      const figures: IndicatorFigure[] = [];
      for (const indicator of programme.indicators) {
        const version = indicatorVersionAt(indicator, at);
        if (!version) continue;
        const measured = measure(version, sources);
        const versionThen = report ? indicatorVersionAt(indicator, report.closedAt) : undefined;
        const valueAsReported = versionThen && reported ? reportedValue(indicator.id, versionThen) : null;
        const target = version.target;
        const value = measured.value;
        figures.push({
          indicator: { ...indicator, version },
          value,
          target,
          progress: value === null || target === null || target === 0 ? null : value / target,
          valueAsReported,
          // Without breakdowns there are no cells: the value is the only figure.
          cells: version.disaggregateBy.length === 0 ? [] : publishable(measured, version),
          countsPeople: measureTraits[version.measure].people,
        });
      }
      return figures;
    },
  };
}

export type ProgrammeReader = ReturnType<typeof programmeReader>;
