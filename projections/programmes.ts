import type { Dimension, IndicatorFilter, Measure } from '../src/domain/programmes/events.js';
import { defineProjection } from './projection.js';

/** One version of an indicator: in force from `definedAt` until the next one. */
export interface IndicatorVersion {
  readonly definedAt: string;
  readonly name: string;
  readonly measure: Measure;
  readonly filter: IndicatorFilter;
  readonly target: number | null;
  readonly disaggregateBy: readonly Dimension[];
}

export interface ProgrammeIndicatorView {
  readonly id: string;
  readonly code: string;
  /** Oldest first. */
  readonly versions: readonly IndicatorVersion[];
}

/** An indicator as one of its versions defines it. */
export type DefinedIndicator = ProgrammeIndicatorView & { readonly version: IndicatorVersion };

export interface ReportView {
  readonly id: string;
  readonly from: string;
  readonly to: string;
  readonly closedAt: string;
  readonly note: string | null;
  /** The centres the programme covered when it was closed. */
  readonly centreIds: readonly string[];
}

/** A donor's programme with its logframe (every version of each indicator) and its closed reports. */
export interface ProgrammeView {
  readonly id: string;
  readonly name: string;
  readonly donor: string;
  readonly from: string;
  readonly to: string;
  readonly centreIds: readonly string[];
  readonly definedAt: string;
  /** In the order their codes were first defined. */
  readonly indicators: readonly ProgrammeIndicatorView[];
  readonly reports: readonly ReportView[];
}

export const programmes = defineProjection<ProgrammeView, 'ProgrammeDefined' | 'IndicatorDefined' | 'ReportingPeriodClosed'>({
  name: 'programmes',
  version: 1,
  handles: ['ProgrammeDefined', 'IndicatorDefined', 'ReportingPeriodClosed'],
  documentIds: (event) => [event.data.programmeId],
  evolve: (doc, event) => {
    const at = event.metadata.recordedAt;
    switch (event.type) {
      case 'ProgrammeDefined': {
        const { programmeId, name, donor, from, to, centreIds } = event.data;
        return { id: programmeId, name, donor, from, to, centreIds, definedAt: at, indicators: doc?.indicators ?? [], reports: doc?.reports ?? [] };
      }
      case 'IndicatorDefined': {
        if (!doc) return doc;
        const { indicatorId, code, name, measure, filter, target, disaggregateBy } = event.data;
        const version: IndicatorVersion = { definedAt: at, name, measure, filter, target, disaggregateBy };
        const known = doc.indicators.some((indicator) => indicator.id === indicatorId);
        const indicators = known
          ? doc.indicators.map((indicator) => (indicator.id === indicatorId ? { ...indicator, versions: [...indicator.versions, version] } : indicator))
          : [...doc.indicators, { id: indicatorId, code, versions: [version] }];
        return { ...doc, indicators };
      }
      case 'ReportingPeriodClosed': {
        if (!doc) return doc;
        const { reportId, from, to, note, centreIds } = event.data;
        return { ...doc, reports: [...doc.reports, { id: reportId, from, to, closedAt: at, note: note ?? null, centreIds }] };
      }
    }
  },
  columns: {
    name: { type: 'TEXT', value: (doc) => doc.name },
    defined_at: { type: 'TEXT', value: (doc) => doc.definedAt },
  },
});

/** The version of an indicator in force at an instant (ISO, as recordedAt); undefined before its first. */
export function indicatorVersionAt(indicator: ProgrammeIndicatorView, at: string | null | undefined): IndicatorVersion | undefined {
  if (!at) return indicator.versions[indicator.versions.length - 1];
  let found: IndicatorVersion | undefined;
  for (const version of indicator.versions) if (version.definedAt <= at) found = version;
  return found;
}
