import type Database from 'better-sqlite3';
import { asOfInstant, attendanceCounts, attendancePairs, attendee, culturalEventAudience, culturalEventCounts, entryCounts } from './as-of.js';
import { centreCondition, periodCondition, scopeParams, statementCache, type CentreScope, type Period } from './documents.js';
import { countedAs } from './merges.js';
import { centreActivityReader, type CentreActivity } from './reach.js';
import { serviceFiguresReader, type ServiceFigures } from './service-figures.js';

export interface ActivitySummary extends ServiceFigures {
  readonly workshopsHeld: number;
  readonly attendances: number;
  readonly uniqueParticipants: number;
  readonly uniqueParticipantsBySex: { readonly female: number; readonly male: number; readonly other: number };
  readonly uniqueReturnees: number;
  readonly volunteerHours: number;
  readonly legalConsultations: number;
  readonly culturalEvents: number;
  readonly culturalEventAudience: number;
  /** Distinct households (as they are now) among the unique participants; participants without one count in neither. */
  readonly householdsReached: number;
  /** Distinct households (as they are now) of participants with a consultation dated in the period. */
  readonly legalAidHouseholds: number;
}

/**
 * Counts what happened at the centres in scope on local dates in the period. Unique counts are
 * exact: distinct participants among the period's attendance pairs, never sums of per-day counts.
 * With `asOf` (an ISO instant) it counts only what had been recorded by then: see ./as-of.ts.
 */
export function summaryReader(db: Database.Database) {
  const prepared = statementCache(db);
  const activity = centreActivityReader(db);
  const services = serviceFiguresReader(db);

  return function summary(scope: CentreScope, period: Period, asOf?: string | null): ActivitySummary {
    if (!asOf) {
      const figures = activity(scope, period.from, period.to);
      return summaryOf(figures, figures.services);
    }
    // As of an instant: the entries themselves, with when each was recorded and withdrawn.
    const params = { ...scopeParams(scope, period), asOf: asOfInstant(asOf) };
    const attendance = prepared(
        `SELECT count(*) AS attendances,
                count(DISTINCT w.id) AS workshops,
                count(DISTINCT p.id) AS participants,
                count(DISTINCT CASE WHEN p.sex = 'FEMALE' THEN p.id END) AS female,
                count(DISTINCT CASE WHEN p.sex = 'MALE' THEN p.id END) AS male,
                count(DISTINCT CASE WHEN p.sex = 'OTHER' THEN p.id END) AS other,
                count(DISTINCT CASE WHEN p.grp = 'RETURNEE' THEN p.id END) AS returnees,
                count(DISTINCT hm.household_id) AS households
           FROM view_workshops w
           JOIN ${attendancePairs}
           JOIN view_participants p ON p.id = ${countedAs(attendee, true)}
           LEFT JOIN view_household_members hm ON hm.id = p.id
          WHERE ${attendanceCounts(true)}
            AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}`,
      )
      .get(params) as Record<'attendances' | 'workshops' | 'participants' | 'female' | 'male' | 'other' | 'returnees' | 'households', number>;
    const hours = prepared(
        `SELECT coalesce(sum(round(hours * 100)), 0) AS hundredths FROM view_volunteer_hours
          WHERE ${entryCounts(true, '$.loggedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { hundredths: number };
    const consultations = prepared(
        `SELECT count(*) AS n FROM view_consultations
          WHERE ${entryCounts(true, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { n: number };
    const legalAidHouseholds = prepared(
        `SELECT count(DISTINCT household_id) AS n FROM view_household_members
          WHERE id IN (SELECT ${countedAs('participant_id', true)} FROM view_consultations
                        WHERE ${entryCounts(true, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')})`,
      )
      .get(params) as { n: number };
    const cultural = prepared(
        `SELECT count(*) AS n, coalesce(sum(${culturalEventAudience(true)}), 0) AS audience FROM view_cultural_events
          WHERE ${culturalEventCounts(true)} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { n: number; audience: number };
    return summaryOf({
      ...attendance,
      hoursHundredths: hours.hundredths,
      consultations: consultations.n,
      legalAidHouseholds: legalAidHouseholds.n,
      culturalEvents: cultural.n,
      audience: cultural.audience,
    }, services.asOf(scope, period, asOf));
  };
}

const summaryOf = (figures: Omit<CentreActivity, 'services'>, services: ServiceFigures): ActivitySummary => ({
  ...services,
  workshopsHeld: figures.workshops,
  attendances: figures.attendances,
  uniqueParticipants: figures.participants,
  uniqueParticipantsBySex: { female: figures.female, male: figures.male, other: figures.other },
  uniqueReturnees: figures.returnees,
  volunteerHours: figures.hoursHundredths / 100,
  legalConsultations: figures.consultations,
  culturalEvents: figures.culturalEvents,
  culturalEventAudience: figures.audience,
  householdsReached: figures.households,
  legalAidHouseholds: figures.legalAidHouseholds,
});
