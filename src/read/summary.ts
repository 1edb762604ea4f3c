import type Database from 'better-sqlite3';
import { asOfInstant, attendanceCounts, culturalEventAudience, culturalEventCounts, entryCounts } from './as-of.js';
import { centreCondition, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';

export interface ActivitySummary {
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
  const statements = new Map<string, Database.Statement>();
  const prepared = (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const participantCount = db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM view_participants`);

  /**
   * Attendance figures from the per-day views, without touching the attendance pairs: day sums for
   * attendances and workshops held; distinct participants from presence (participant, centre,
   * day), by whichever of two exact plans reads less. Over a short or quiet period, the period's
   * presence rows are fewer than the participants: collect them. Over a long, busy one, ask each
   * participant once, an index seek, whether they were present in it.
   */
  function liveAttendance(scope: CentreScope, period: Period) {
    const params = { ...scopeParams(scope, period), first: period.from ?? '0000-01-01', last: period.to ?? '9999-12-31' };
    const days = prepared(
      `SELECT coalesce(sum(attendances), 0) AS attendances, coalesce(sum(workshops_held), 0) AS workshops FROM view_centre_days
        WHERE local_date BETWEEN @first AND @last AND ${centreCondition('centre_id', scope)}`,
    ).get(params) as { attendances: number; workshops: number };
    const everyone = participantCount.get()?.n ?? 0;
    const present =
      days.attendances <= everyone * 4
        ? `p.id IN (SELECT participant_id FROM view_presence WHERE local_date BETWEEN @first AND @last AND ${centreCondition('centre_id', scope)})`
        : `EXISTS (SELECT 1 FROM view_presence x WHERE x.participant_id = p.id AND x.local_date BETWEEN @first AND @last AND ${centreCondition('x.centre_id', scope)})`;
    const people = prepared(
      `SELECT count(*) AS participants,
              coalesce(sum(p.sex = 'FEMALE'), 0) AS female,
              coalesce(sum(p.sex = 'MALE'), 0) AS male,
              coalesce(sum(p.sex = 'OTHER'), 0) AS other,
              coalesce(sum(p.grp = 'RETURNEE'), 0) AS returnees,
              count(DISTINCT hm.household_id) AS households
         FROM view_participants p
         LEFT JOIN view_household_members hm ON hm.id = p.id
        WHERE ${present}`,
    ).get(params) as Record<'participants' | 'female' | 'male' | 'other' | 'returnees' | 'households', number>;
    return { ...people, attendances: days.attendances, workshops: days.workshops };
  }

  return function summary(scope: CentreScope, period: Period, asOf?: string | null): ActivitySummary {
    const at = asOf ? asOfInstant(asOf) : null;
    const params = { ...scopeParams(scope, period), asOf: at };
    const attendance = at === null ? liveAttendance(scope, period) : db
      .prepare(
        `SELECT count(*) AS attendances,
                count(DISTINCT a.workshop_id) AS workshops,
                count(DISTINCT a.participant_id) AS participants,
                count(DISTINCT CASE WHEN p.sex = 'FEMALE' THEN a.participant_id END) AS female,
                count(DISTINCT CASE WHEN p.sex = 'MALE' THEN a.participant_id END) AS male,
                count(DISTINCT CASE WHEN p.sex = 'OTHER' THEN a.participant_id END) AS other,
                count(DISTINCT CASE WHEN p.grp = 'RETURNEE' THEN a.participant_id END) AS returnees,
                count(DISTINCT hm.household_id) AS households
           FROM view_attendance a
           JOIN view_workshops w ON w.id = a.workshop_id
           JOIN view_participants p ON p.id = a.participant_id
           LEFT JOIN view_household_members hm ON hm.id = a.participant_id
          WHERE ${attendanceCounts(at !== null)}
            AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}`,
      )
      .get(params) as Record<'attendances' | 'workshops' | 'participants' | 'female' | 'male' | 'other' | 'returnees' | 'households', number>;
    const hours = db
      .prepare(
        `SELECT coalesce(sum(round(hours * 100)), 0) AS hundredths FROM view_volunteer_hours
          WHERE ${entryCounts(at !== null, '$.loggedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { hundredths: number };
    const consultations = db
      .prepare(
        `SELECT count(*) AS n FROM view_consultations
          WHERE ${entryCounts(at !== null, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { n: number };
    const legalAidHouseholds = db
      .prepare(
        `SELECT count(DISTINCT household_id) AS n FROM view_household_members
          WHERE id IN (SELECT participant_id FROM view_consultations
                        WHERE ${entryCounts(at !== null, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')})`,
      )
      .get(params) as { n: number };
    const cultural = db
      .prepare(
        `SELECT count(*) AS n, coalesce(sum(${culturalEventAudience(at !== null)}), 0) AS audience FROM view_cultural_events
          WHERE ${culturalEventCounts(at !== null)} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}`,
      )
      .get(params) as { n: number; audience: number };
    return {
      workshopsHeld: attendance.workshops,
      attendances: attendance.attendances,
      uniqueParticipants: attendance.participants,
      uniqueParticipantsBySex: { female: attendance.female, male: attendance.male, other: attendance.other },
      uniqueReturnees: attendance.returnees,
      volunteerHours: hours.hundredths / 100,
      legalConsultations: consultations.n,
      culturalEvents: cultural.n,
      culturalEventAudience: cultural.audience,
      householdsReached: attendance.households,
      legalAidHouseholds: legalAidHouseholds.n,
    };
  };
}
