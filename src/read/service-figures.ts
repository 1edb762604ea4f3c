import type Database from 'better-sqlite3';
import { MEMBERS_LIST } from '../../projections/attendee-set.js';
import { asOfInstant, attendanceCounts, attendancePairs, attendee, entryCounts } from './as-of.js';
import { centreCondition, periodCondition, scopeParams, statementCache, type CentreScope, type Period } from './documents.js';
import { countedAs, foldMergedNumbers } from './merges.js';
import { splitPeriod } from './reach.js';

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

const popcount = (bits: Uint8Array) => {
  let n = 0;
  for (let byte of bits) {
    while (byte) {
      byte &= byte - 1;
      n++;
    }
  }
  return n;
};

/**
 * The service figures of a period. Live, from the pre-aggregated service_days and service_months
 * (projections/service-days.ts), read exactly as the workshop summary reads centre_days and
 * centre_months (./reach.ts): a year is 12 month rows per centre plus the days at its edges, so
 * the cost follows centres and months, not the records. Unique beneficiaries are the union, by
 * participant number, of those served and the workshop summary's attendees and consulted people
 * (`reached`), so nothing is read twice. With asOf, the records themselves, as ./as-of.ts does.
 */
export function serviceFiguresReader(db: Database.Database) {
  const prepared = statementCache(db);
  const totals = 'individual_sessions, referrals_made, referrals_completed, assistance';

  function live(scope: CentreScope, period: Period, reached: Uint8Array, merged: ReadonlyMap<number, number>): ServiceFigures {
    const { months, days } = splitPeriod(period.from ?? '0000-01-01', period.to ?? '9999-12-31');
    const params: Record<string, string | null> = { centres: scope === 'all' ? null : JSON.stringify(scope) };
    const parts: string[] = [];
    const rowsIn = (table: string, sets: string, a: string, b: string) =>
      scope === 'all'
        ? `SELECT ${totals}, ${sets} FROM ${table} WHERE span BETWEEN @${a} AND @${b}`
        : `SELECT ${totals}, ${sets} FROM json_each(@centres) AS c CROSS JOIN ${table}
             ON ${table}.id BETWEEN c.value || '|' || @${a} AND c.value || '|' || @${b}`;
    if (months) {
      Object.assign(params, { m0: months[0], m1: months[1] });
      parts.push(rowsIn('view_service_months', 'served_members, assisted_members, 1', 'm0', 'm1'));
    }
    days.forEach(([a, b], i) => {
      Object.assign(params, { [`d${i}a`]: a, [`d${i}b`]: b });
      parts.push(rowsIn('view_service_days', 'served_ordinals, assisted_ordinals, 0', `d${i}a`, `d${i}b`));
    });
    const rows = prepared(parts.join(' UNION ALL ')).raw().all(params) as [number, number, number, number, Buffer, Buffer, 0 | 1][];

    // Bitsets by participant number, grown to whoever the rows name (one registered after `reached` was read too).
    let beneficiaries = Uint8Array.from(reached);
    let assisted = new Uint8Array(beneficiaries.length);
    const fit = (ordinal: number) => {
      if (ordinal >> 3 < beneficiaries.length) return;
      const size = Math.max((ordinal >> 3) + 1, beneficiaries.length * 2);
      const [b, a] = [new Uint8Array(size), new Uint8Array(size)];
      b.set(beneficiaries);
      a.set(assisted);
      [beneficiaries, assisted] = [b, a];
    };
    const mark = (union: () => Uint8Array, set: Buffer, from: number) => {
      for (let offset = from; offset + 4 <= set.length; offset += 4) {
        const ordinal = set.readUInt32LE(offset);
        fit(ordinal);
        union()[ordinal >> 3]! |= 1 << (ordinal & 7);
      }
    };
    const add = (union: () => Uint8Array, set: Buffer, fromMonth: boolean) => {
      if (!fromMonth) return mark(union, set, 0);
      if (set.length === 0) return;
      if (set[0] === MEMBERS_LIST) return mark(union, set, 1);
      fit((set.length - 1) * 8 - 1);
      const target = union();
      for (let i = 1; i < set.length; i++) target[i - 1]! |= set[i]!;
    };
    const figures = { individualSessions: 0, referralsMade: 0, referralsCompleted: 0 };
    for (const [sessions, made, completed, , served, given, isMonth] of rows) {
      figures.individualSessions += sessions;
      figures.referralsMade += made;
      figures.referralsCompleted += completed;
      add(() => beneficiaries, served, isMonth === 1);
      add(() => assisted, given, isMonth === 1);
    }
    // One person counted once: a merged participant counts as the one kept (./merges.ts).
    foldMergedNumbers(beneficiaries, merged);
    foldMergedNumbers(assisted, merged);
    return { ...figures, assistanceRecipients: popcount(assisted), uniqueBeneficiaries: popcount(beneficiaries) };
  }

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

  return { live, asOf };
}
