import type Database from 'better-sqlite3';
import type { TargetView } from '../../projections/targets.js';
import { targetValueAsOf } from '../../projections/targets.js';
import type { Sex, ParticipantGroup } from '../domain/participants/events.js';
import type { Indicator } from '../domain/targets/events.js';
import { Indicator as IndicatorValues } from '../domain/targets/events.js';
import type { WorkshopKind } from '../domain/workshops/events.js';
import { asOfInstant, attendanceCounts, attendancePairs, attendee, entryCounts } from './as-of.js';
import { cycleReader } from './cycles.js';
import { centreCondition, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';
import { countedAs } from './merges.js';
import { summaryReader, type ActivitySummary } from './summary.js';

export const indicators: readonly Indicator[] = IndicatorValues.options;

export const dimensions = ['SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'] as const;
export type Dimension = (typeof dimensions)[number];

export const ageGroups = ['AGE_0_4', 'AGE_5_11', 'AGE_12_17', 'AGE_18_59', 'AGE_60_PLUS'] as const;
export type AgeGroup = (typeof ageGroups)[number];

/** The age group for an age in whole years (year of the workshop's date minus birth year). */
export function ageGroupOf(age: number): AgeGroup {
  if (age < 5) return 'AGE_0_4';
  if (age < 12) return 'AGE_5_11';
  if (age < 18) return 'AGE_12_17';
  if (age < 60) return 'AGE_18_59';
  return 'AGE_60_PLUS';
}

/** {@link ageGroupOf} in SQL, for a participant `p` at a workshop `w`. */
export const ageGroupSql = `CASE
  WHEN CAST(substr(w.local_date, 1, 4) AS INTEGER) - p.birth_year < 5 THEN 'AGE_0_4'
  WHEN CAST(substr(w.local_date, 1, 4) AS INTEGER) - p.birth_year < 12 THEN 'AGE_5_11'
  WHEN CAST(substr(w.local_date, 1, 4) AS INTEGER) - p.birth_year < 18 THEN 'AGE_12_17'
  WHEN CAST(substr(w.local_date, 1, 4) AS INTEGER) - p.birth_year < 60 THEN 'AGE_18_59'
  ELSE 'AGE_60_PLUS' END`;

/** Each dimension: the cell key it fills, its result column (named apart from the tables' columns) and its SQL over a (a, w, p, c) row. */
const dimensionSql: { readonly [D in Dimension]: { readonly key: keyof BreakdownKey; readonly column: string; readonly expression: string } } = {
  SEX: { key: 'sex', column: 'k_sex', expression: 'p.sex' },
  AGE_GROUP: { key: 'ageGroup', column: 'k_age_group', expression: ageGroupSql },
  GROUP: { key: 'group', column: 'k_group', expression: 'p.grp' },
  KIND: { key: 'kind', column: 'k_kind', expression: 'w.kind' },
  CENTRE: { key: 'centreId', column: 'k_centre_id', expression: 'w.centre_id' },
  DISTRICT: { key: 'district', column: 'k_district', expression: 'c.district' },
  MONTH: { key: 'month', column: 'k_month', expression: 'substr(w.local_date, 1, 7)' },
};

export interface BreakdownKey {
  readonly sex: Sex | null;
  readonly ageGroup: AgeGroup | null;
  readonly group: ParticipantGroup | null;
  readonly kind: WorkshopKind | null;
  readonly centreId: string | null;
  readonly district: string | null;
  readonly month: string | null;
}

export interface BreakdownCell {
  readonly key: BreakdownKey;
  readonly uniqueParticipants: number;
  readonly attendances: number;
}

export interface IndicatorRow {
  readonly indicator: Indicator;
  readonly value: number | null;
  readonly target: number | null;
  readonly progress: number | null;
}

export interface District {
  readonly name: string;
  /** The district's centres, by name (only those in the reader's scope). */
  readonly centreIds: readonly string[];
}

/** Which target an indicator row compares with: a centre's, the programme's (null), or none. */
export type TargetOwner = { readonly centreId: string | null } | 'none';

export interface ReportQuery {
  readonly scope: CentreScope;
  readonly period: Period;
  /** Counts as of this ISO instant (see ./as-of.ts); absent: everything recorded. */
  readonly asOf?: string | null;
}

/**
 * The coordinators' reports over the views: indicators against targets, breakdowns of the
 * attendance pairs, district roll-ups. Every figure is counted in SQL over the same rows as the
 * summary (./summary.ts), so a breakdown's cells add up to its summary.
 */
export function reportingReader(db: Database.Database) {
  const summary = summaryReader(db);
  const cycles = cycleReader(db);
  const targetByKey = db.prepare<{ indicator: string; from: string; to: string; centreId: string | null }, { doc: string }>(
    `SELECT doc FROM view_targets WHERE indicator = @indicator AND from_date = @from AND to_date = @to AND centre_id IS @centreId`,
  );

  /** The target set for exactly this indicator, period and owner; as of an instant when given. */
  function target(indicator: Indicator, from: string, to: string, centreId: string | null, asOf?: string | null): number | null {
    const row = targetByKey.get({ indicator, from, to, centreId });
    if (!row) return null;
    return targetValueAsOf(JSON.parse(row.doc) as TargetView, asOf ? asOfInstant(asOf) : null);
  }

  /** Distinct participants with a consultation at the centres in scope, dated in the period. */
  function legalAidBeneficiaries({ scope, period, asOf }: ReportQuery): number {
    const at = asOf ? asOfInstant(asOf) : null;
    const row = db
      .prepare(
        `SELECT count(DISTINCT ${countedAs('participant_id', at !== null)}) AS n FROM view_consultations
          WHERE ${entryCounts(at !== null, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get({ ...scopeParams(scope, period), asOf: at }) as { n: number };
    return row.n;
  }

  function valueOf(indicator: Indicator, s: ActivitySummary, beneficiaries: () => number, cycleCompletion: () => number | null): number | null {
    switch (indicator) {
      case 'PARTICIPANTS_REACHED':
        return s.uniqueParticipants;
      case 'WORKSHOPS_HELD':
        return s.workshopsHeld;
      case 'WOMEN_AND_GIRLS_SHARE':
        return s.uniqueParticipants === 0 ? null : s.uniqueParticipantsBySex.female / s.uniqueParticipants;
      case 'RETURNEES_REACHED':
        return s.uniqueReturnees;
      case 'LEGAL_AID_BENEFICIARIES':
        return beneficiaries();
      case 'VOLUNTEER_HOURS':
        return s.volunteerHours;
      case 'CULTURAL_EVENT_AUDIENCE':
        return s.culturalEventAudience;
      case 'CYCLE_COMPLETION':
        return cycleCompletion();
      case 'BENEFICIARIES_REACHED':
        return s.uniqueBeneficiaries;
    }
  }

  const targetById = db.prepare<[string], { doc: string }>(`SELECT doc FROM view_targets WHERE id = ?`);

  return {
    target,
    legalAidBeneficiaries,

    targetById(id: string): TargetView | undefined {
      const row = targetById.get(id);
      return row ? (JSON.parse(row.doc) as TargetView) : undefined;
    },

    /** One row per indicator, measured over a closed period, with the owner's target for exactly that period. */
    indicators(query: ReportQuery & { readonly period: { readonly from: string; readonly to: string } }, owner: TargetOwner): IndicatorRow[] {
      const s = summary(query.scope, query.period, query.asOf);
      let beneficiaries: number | undefined;
      return indicators.map((indicator) => {
        // CYCLE_COMPLETION is measured on the cycles as they stand now, also with asOf (see ./cycles.ts).
        const value = valueOf(
          indicator,
          s,
          () => (beneficiaries ??= legalAidBeneficiaries(query)),
          () => cycles.cycleCompletion(query.scope, query.period).rate,
        );
        const goal = owner === 'none' ? null : target(indicator, query.period.from, query.period.to, owner.centreId, query.asOf);
        return { indicator, value, target: goal, progress: value === null || goal === null || goal === 0 ? null : value / goal };
      });
    },

    /**
     * The period's attendance pairs grouped by the dimensions: one cell per combination with at
     * least one pair, in the order of the keys. Dimensions listed twice count once.
     */
    breakdown({ scope, period, asOf }: ReportQuery, by: readonly Dimension[]): BreakdownCell[] {
      const chosen = dimensions.filter((dimension) => by.includes(dimension)).map((dimension) => dimensionSql[dimension]);
      const at = asOf ? asOfInstant(asOf) : null;
      const columns = chosen.map((d) => d.column);
      const rows = db
        .prepare(
          `SELECT ${chosen.map((d) => `${d.expression} AS ${d.column}, `).join('')}
                  count(*) AS attendances, count(DISTINCT p.id) AS unique_participants
             FROM view_workshops w
             JOIN ${attendancePairs}
             JOIN view_participants p ON p.id = ${countedAs(attendee, at !== null)}
             JOIN view_centres c ON c.id = w.centre_id
            WHERE ${attendanceCounts(at !== null)}
              AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}
            ${columns.length > 0 ? `GROUP BY ${columns.join(', ')} ORDER BY ${columns.join(', ')}` : ''}`,
        )
        .all({ ...scopeParams(scope, period), asOf: at }) as (Record<string, string> & { attendances: number; unique_participants: number })[];
      return rows
        .filter((row) => row.attendances > 0)
        .map((row) => {
          const key: Record<keyof BreakdownKey, string | null> = {
            sex: null,
            ageGroup: null,
            group: null,
            kind: null,
            centreId: null,
            district: null,
            month: null,
          };
          for (const d of chosen) key[d.key] = row[d.column] ?? null;
          return { key: key as unknown as BreakdownKey, uniqueParticipants: row.unique_participants, attendances: row.attendances };
        });
    },

    /** The districts of the centres in scope, each with its centres. */
    districts(scope: CentreScope): District[] {
      const rows = db
        .prepare(
          `SELECT district AS name, json_group_array(id) AS ids
             FROM (SELECT id, district FROM view_centres WHERE ${centreCondition('id', scope)} ORDER BY name, id)
            GROUP BY district ORDER BY district`,
        )
        .all(scopeParams(scope)) as { name: string; ids: string }[];
      return rows.map((row) => ({ name: row.name, centreIds: JSON.parse(row.ids) as string[] }));
    },

    /** Targets of the centres in scope (and the programme's, when the scope is every centre), by period. */
    targets(scope: CentreScope, centreId?: string | null): TargetView[] {
      const owner = centreId ? 'centre_id = @centreId' : scope === 'all' ? '1 = 1' : centreCondition('centre_id', scope);
      const rows = db
        .prepare(`SELECT doc FROM view_targets WHERE ${owner} ORDER BY from_date, to_date, centre_id, indicator`)
        .all({ ...scopeParams(scope), centreId: centreId ?? null }) as { doc: string }[];
      return rows.map((row) => JSON.parse(row.doc) as TargetView);
    },
  };
}

export type ReportingReader = ReturnType<typeof reportingReader>;
