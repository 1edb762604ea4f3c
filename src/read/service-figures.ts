import type Database from 'better-sqlite3';
import { asOfInstant, attendanceCounts, attendancePairs, attendee, entryCounts } from './as-of.js';
import { centreCondition, periodCondition, scopeParams, statementCache, type CentreScope, type Period } from './documents.js';
import { countedAs } from './merges.js';

/** What a period's services add to its summary. */
export interface ServiceFigures {
  readonly individualSessions: number;
  /** Referrals dated in the period. */
  readonly referralsMade: number;
  /** Referrals closed in the period with SERVICE_RECEIVED. */
  readonly referralsCompleted: number;
  /** Distinct participants given assistance dated in the period. */
  readonly assistanceRecipients: number;
  /** Distinct participants who received anything: attendance, consultation, individual session, referral made, assistance. */
  readonly uniqueBeneficiaries: number;
}

/** A service record (row of view_service_records) that counts: not retracted, or (asOf) recorded and not yet retracted at @asOf. */
export const serviceRecordCounts = (asOf: boolean, table = 'r') =>
  asOf
    ? `(${table}.doc ->> '$.recordedAt' <= @asOf AND (${table}.doc ->> '$.retracted.at' IS NULL OR ${table}.doc ->> '$.retracted.at' > @asOf))`
    : `${table}.active = 1`;

/** A referral of row `r` closed with SERVICE_RECEIVED (by @asOf, when asked as of an instant). */
export const referralCompleted = (asOf: boolean, table = 'r') =>
  `${table}.doc ->> '$.closed.outcome' = 'SERVICE_RECEIVED'${asOf ? ` AND ${table}.doc ->> '$.closed.at' <= @asOf` : ''}`;

/**
 * The service figures of a period as of an instant, from the records themselves with their
 * instants (as ./as-of.ts does). Live, they come with the workshop figures from the same centre
 * day and month rows (projections/centre-days.ts, ./reach.ts): unique beneficiaries are the union,
 * by participant number, of those who attended, were consulted or were served.
 */
export function serviceFiguresReader(db: Database.Database) {
  const prepared = statementCache(db);

  function asOf(scope: CentreScope, period: Period, instant: string): ServiceFigures {
    const params = { ...scopeParams(scope, period), asOf: asOfInstant(instant) };
    const inScope = `${centreCondition('r.centre_id', scope)} AND ${periodCondition('r.date')}`;
    const counts = prepared(
      `SELECT count(CASE WHEN r.type = 'INDIVIDUAL_SESSION' THEN 1 END) AS sessions,
              count(CASE WHEN r.type = 'REFERRAL' THEN 1 END) AS made,
              count(DISTINCT CASE WHEN r.type = 'ASSISTANCE' THEN ${countedAs('r.participant_id', true)} END) AS assisted
         FROM view_service_records r WHERE ${serviceRecordCounts(true)} AND ${inScope}`,
    ).get(params) as { sessions: number; made: number; assisted: number };
    const completed = prepared(
      `SELECT count(*) AS n FROM view_service_records r
        WHERE ${referralCompleted(true)} AND ${centreCondition('r.centre_id', scope)} AND ${periodCondition('r.closed_on')}`,
    ).get(params) as { n: number };
    const beneficiaries = prepared(
      `SELECT count(DISTINCT ${countedAs('b.id', true)}) AS n FROM (
         SELECT ${attendee} AS id FROM view_workshops w JOIN ${attendancePairs}
          WHERE ${attendanceCounts(true)} AND ${centreCondition('w.centre_id', scope)} AND ${periodCondition('w.local_date')}
         UNION SELECT participant_id FROM view_consultations
          WHERE ${entryCounts(true, '$.recordedAt')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('date')}
         UNION SELECT r.participant_id FROM view_service_records r WHERE ${serviceRecordCounts(true)} AND ${inScope}) AS b`,
    ).get(params) as { n: number };
    return {
      individualSessions: counts.sessions,
      referralsMade: counts.made,
      referralsCompleted: completed.n,
      assistanceRecipients: counts.assisted,
      uniqueBeneficiaries: beneficiaries.n,
    };
  }

  return { asOf };
}
