import Database from 'better-sqlite3';
import type { ConsultationView } from '../../projections/consultations.js';
import type { ServiceRecordView } from '../../projections/services.js';
import type { ParticipantGroup, Sex } from '../domain/participants/events.js';
import { addDays } from '../domain/shared/time.js';
import type { WorkshopKind } from '../domain/workshops/events.js';
import { asOfInstant, attendanceCounts, attendancePairs, attendee, entryCounts } from './as-of.js';
import { centreCondition, documentReader, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';
import { countedAs } from './merges.js';
import { referralCompleted, serviceRecordCounts, type ServiceFigures } from './service-figures.js';
import type { AgeGroup } from './reporting.js';
import type { ActivitySummary } from './summary.js';

/** What a person received, as one entry of their history. */
export type ServiceType = 'WORKSHOP' | 'LEGAL_CONSULTATION' | 'INDIVIDUAL_SESSION' | 'REFERRAL_MADE' | 'REFERRAL_CLOSED' | 'ASSISTANCE';

/** The kinds of service a person receives in a period, as the SERVICE dimension of a breakdown splits them. */
export const receivedServices = ['WORKSHOP', 'LEGAL_CONSULTATION', 'INDIVIDUAL_SESSION', 'REFERRAL_MADE', 'ASSISTANCE'] as const;

export interface ServiceEntryView {
  /** The record's id: the workshop's, the consultation's, the session's, the referral's or the assistance's. */
  readonly id: string;
  readonly type: ServiceType;
  readonly date: string;
  /** When it was recorded (a closing: when the closing was), which orders entries of one date. */
  readonly recordedAt: string;
  /** Where the service was given. */
  readonly centreId: string;
  readonly participantId: string;
  /** The centre the participant is registered at, which also decides who may read the entry. */
  readonly participantCentreId: string;
  readonly workshopKind: WorkshopKind | null;
  readonly consultation: ConsultationView | null;
  readonly record: ServiceRecordView | null;
}

export interface ServiceBreakdownKey {
  readonly service: (typeof receivedServices)[number] | null;
  readonly sex: Sex | null;
  readonly ageGroup: AgeGroup | null;
  readonly group: ParticipantGroup | null;
  readonly kind: WorkshopKind | null;
  readonly centreId: string | null;
  readonly district: string | null;
  readonly month: string | null;
}

export interface ServiceBreakdownCell {
  readonly key: ServiceBreakdownKey;
  readonly uniqueParticipants: number;
  /** Attendance pairs in the cell (only WORKSHOP has them). */
  readonly attendances: number;
  /** Services in the cell: attendance pairs, consultations, sessions, referrals made, assistance. */
  readonly services: number;
}

export type ServiceDimension = 'SERVICE' | 'SEX' | 'AGE_GROUP' | 'GROUP' | 'KIND' | 'CENTRE' | 'DISTRICT' | 'MONTH';
const dimensionOrder: readonly ServiceDimension[] = ['SERVICE', 'SEX', 'AGE_GROUP', 'GROUP', 'KIND', 'CENTRE', 'DISTRICT', 'MONTH'];

const ageGroupOfRow = `CASE
  WHEN CAST(substr(s.date, 1, 4) AS INTEGER) - p.birth_year < 5 THEN 'AGE_0_4'
  WHEN CAST(substr(s.date, 1, 4) AS INTEGER) - p.birth_year < 12 THEN 'AGE_5_11'
  WHEN CAST(substr(s.date, 1, 4) AS INTEGER) - p.birth_year < 18 THEN 'AGE_12_17'
  WHEN CAST(substr(s.date, 1, 4) AS INTEGER) - p.birth_year < 60 THEN 'AGE_18_59'
  ELSE 'AGE_60_PLUS' END`;

const dimensionSql: { readonly [D in ServiceDimension]: { readonly key: keyof ServiceBreakdownKey; readonly column: string; readonly expression: string } } = {
  SERVICE: { key: 'service', column: 'k_service', expression: 's.service' },
  SEX: { key: 'sex', column: 'k_sex', expression: 'p.sex' },
  AGE_GROUP: { key: 'ageGroup', column: 'k_age_group', expression: ageGroupOfRow },
  GROUP: { key: 'group', column: 'k_group', expression: 'p.grp' },
  KIND: { key: 'kind', column: 'k_kind', expression: 's.kind' },
  CENTRE: { key: 'centreId', column: 'k_centre_id', expression: 's.centre_id' },
  DISTRICT: { key: 'district', column: 'k_district', expression: 'c.district' },
  MONTH: { key: 'month', column: 'k_month', expression: 'substr(s.date, 1, 7)' },
};

/** One service of a period, as exported: codes and categories, never a name or a note. */
export const serviceExportColumns = ['date', 'centre', 'district', 'service', 'kind', 'outcome', 'participant_code', 'sex', 'age_group', 'group'] as const;
export type ServiceExportRow = Record<(typeof serviceExportColumns)[number], string | null>;

/**
 * Everything a period's services are, as rows (service, participant_id, centre_id, date, kind,
 * outcome): the same rows the summary counts (attendance pairs, consultations, sessions,
 * referrals made, assistance), now or as of @asOf.
 */
function servicesOfPeriod(scope: CentreScope, asOf: boolean): string {
  const inScope = (centre: string, date: string) => `${centreCondition(centre, scope)} AND ${periodCondition(date)}`;
  return `
    SELECT 'WORKSHOP' AS service, ${attendee} AS participant_id, w.centre_id AS centre_id, w.local_date AS date, w.kind AS kind, NULL AS outcome
      FROM view_workshops w JOIN ${attendancePairs} WHERE ${attendanceCounts(asOf)} AND ${inScope('w.centre_id', 'w.local_date')}
    UNION ALL
    SELECT 'LEGAL_CONSULTATION', participant_id, centre_id, date, doc ->> '$.topic', NULL
      FROM view_consultations WHERE ${entryCounts(asOf, '$.recordedAt')} AND ${inScope('centre_id', 'date')}
    UNION ALL
    SELECT CASE r.type WHEN 'REFERRAL' THEN 'REFERRAL_MADE' ELSE r.type END, r.participant_id, r.centre_id, r.date,
           coalesce(r.doc ->> '$.kind', r.doc ->> '$.service'),
           ${asOf ? `CASE WHEN r.doc ->> '$.closed.at' <= @asOf THEN r.doc ->> '$.closed.outcome' END` : `r.doc ->> '$.closed.outcome'`}
      FROM view_service_records r WHERE ${serviceRecordCounts(asOf)} AND ${inScope('r.centre_id', 'r.date')}`;
}

/**
 * The services' read side: a person's whole history, a centre's open referrals, one record, a
 * breakdown by SERVICE, the CSV export, and the service figures of a summary for any set of
 * centres and period (for the donors' indicators too).
 */
export function servicesReader(db: Database.Database, summary: (scope: CentreScope, period: Period, asOf?: string | null) => ActivitySummary) {
  const records = documentReader<ServiceRecordView>(db, 'service_records');
  const consultations = documentReader<ConsultationView>(db, 'consultations');
  const participantCentre = db.prepare<[string], { centre_id: string }>(`SELECT centre_id FROM view_participants WHERE id = ?`);
  const attended = db.prepare<{ participantId: string }, { id: string; date: string; centre_id: string; kind: WorkshopKind; recorded_at: number }>(
    // The child's attendance rows standing now, by their number; see ./participation.ts.
    `SELECT w.id AS id, w.local_date AS date, w.centre_id AS centre_id, w.kind AS kind, a.recorded_at AS recorded_at
       FROM view_participants p
       JOIN view_attendance a ON a.participant = p.ordinal AND a.removed_at IS NULL
       JOIN view_workshops w ON w.ordinal = a.workshop
      WHERE p.id = @participantId AND w.status = 'HELD'`,
  );
  /** One record's entries: its attendance, consultations, sessions, referrals and assistance. */
  function entriesOf(participantId: string, home: string): ServiceEntryView[] {
    const base = { participantId, participantCentreId: home, workshopKind: null, consultation: null, record: null };
    const entries: ServiceEntryView[] = [
      ...attended
        .all({ participantId })
        .map((w) => ({ ...base, id: w.id, type: 'WORKSHOP' as const, date: w.date, recordedAt: new Date(w.recorded_at).toISOString(), centreId: w.centre_id, workshopKind: w.kind })),
      ...consultations
        .where('participant_id = @participantId AND +active = 1', { participantId })
        .map((c) => ({ ...base, id: c.id, type: 'LEGAL_CONSULTATION' as const, date: c.date, recordedAt: c.recordedAt, centreId: c.centreId, consultation: c })),
    ];
    for (const record of records.where('participant_id = @participantId AND +active = 1', { participantId })) {
      const entry = { ...base, id: record.id, date: record.date, recordedAt: record.recordedAt, centreId: record.centreId, record };
      if (record.type === 'INDIVIDUAL_SESSION') entries.push({ ...entry, type: 'INDIVIDUAL_SESSION' });
      else if (record.type === 'ASSISTANCE') entries.push({ ...entry, type: 'ASSISTANCE' });
      else {
        entries.push({ ...entry, type: 'REFERRAL_MADE' });
        if (record.closed) entries.push({ ...entry, type: 'REFERRAL_CLOSED', date: record.closed.date, recordedAt: record.closed.at });
      }
    }
    return entries;
  }
  const order: Record<ServiceType, number> = { WORKSHOP: 0, LEGAL_CONSULTATION: 1, INDIVIDUAL_SESSION: 2, REFERRAL_MADE: 3, ASSISTANCE: 4, REFERRAL_CLOSED: 5 };

  return {
    record: (id: string) => records.get(id),

    /**
     * The person's whole history, oldest first (by date, then when recorded), from every centre and
     * every record of the person (`records`: the participant and those merged into them, ./merges.ts).
     */
    history(participantId: string, records: readonly string[] = [participantId]): ServiceEntryView[] {
      const home = participantCentre.get(participantId)?.centre_id;
      if (home === undefined) return [];
      const entries = records.flatMap((recordId) => entriesOf(recordId, home));
      const compare = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
      // Oldest first: by date, then in the order they were recorded (a referral made and closed on one day stays in that order).
      return entries.sort((a, b) => compare(a.date, b.date) || compare(a.recordedAt, b.recordedAt) || order[a.type] - order[b.type] || compare(a.id, b.id));
    },

    /** A centre's referrals still open that were made more than `olderThanDays` days before `today`, oldest first. */
    openReferrals(centreId: string, olderThanDays: number, today: string): ServiceRecordView[] {
      return records.where(`open = 1 AND centre_id = @centreId AND date < @before`, { centreId, before: addDays(today, -olderThanDays) }, 'date, id');
    },

    /** The figures the summary holds for services, for any centres and period (and as of an instant). */
    figures(scope: CentreScope, period: Period, asOf?: string | null): ServiceFigures {
      const { individualSessions, referralsMade, referralsCompleted, assistanceRecipients, uniqueBeneficiaries } = summary(scope, period, asOf);
      return { individualSessions, referralsMade, referralsCompleted, assistanceRecipients, uniqueBeneficiaries };
    },

    /**
     * The period's services split by the dimensions, SERVICE among them: one cell per combination
     * with at least one service. KIND is a workshop's kind, a session's or assistance's kind, a
     * referral's service or a consultation's topic. Cells add up to the summary's attendances,
     * legalConsultations, individualSessions, referralsMade and assistance given.
     */
    breakdown(scope: CentreScope, period: Period, asOf: string | null | undefined, by: readonly string[]): ServiceBreakdownCell[] {
      const chosen = dimensionOrder.filter((d) => by.includes(d)).map((d) => dimensionSql[d]);
      const columns = chosen.map((d) => d.column);
      const rows = db
        .prepare(
          `SELECT ${chosen.map((d) => `${d.expression} AS ${d.column}, `).join('')}
                  count(*) AS services, count(CASE WHEN s.service = 'WORKSHOP' THEN 1 END) AS attendances,
                  -- One person counted once: a merged record counts as the one kept (./merges.ts), as in the summary.
                  count(DISTINCT ${countedAs('s.participant_id', !!asOf)}) AS unique_participants
             FROM (${servicesOfPeriod(scope, !!asOf)}) AS s
             JOIN view_participants p ON p.id = s.participant_id
             JOIN view_centres c ON c.id = s.centre_id
            ${columns.length > 0 ? `GROUP BY ${columns.join(', ')} ORDER BY ${columns.join(', ')}` : ''}`,
        )
        .all({ ...scopeParams(scope, period), asOf: asOf ? asOfInstant(asOf) : null }) as (Record<string, string> & {
        services: number;
        attendances: number;
        unique_participants: number;
      })[];
      return rows
        .filter((row) => row.services > 0)
        .map((row) => {
          const key: Record<keyof ServiceBreakdownKey, string | null> = { service: null, sex: null, ageGroup: null, group: null, kind: null, centreId: null, district: null, month: null };
          for (const d of chosen) key[d.key] = row[d.column] ?? null;
          // KIND is the workshop's kind: other services' kinds are not WorkshopKind values.
          if (key.kind !== null && key.service !== null && key.service !== 'WORKSHOP') key.kind = null;
          return { key: key as unknown as ServiceBreakdownKey, uniqueParticipants: row.unique_participants, attendances: row.attendances, services: row.services };
        });
    },

    /** The period's services as CSV rows, on a read-only connection of their own (see ./attendance-export.ts). */
    *exportRows(scope: CentreScope, period: Period): Generator<ServiceExportRow, void, undefined> {
      const reader = db.memory ? db : new Database(db.name, { readonly: true, fileMustExist: true });
      try {
        if (reader !== db) reader.pragma('busy_timeout = 5000');
        const sql = `SELECT s.date AS date, c.name AS centre, c.district AS district, s.service AS service, s.kind AS kind, s.outcome AS outcome,
                            p.code AS participant_code, p.sex AS sex, ${ageGroupOfRow} AS age_group, p.grp AS "group"
                       FROM (${servicesOfPeriod(scope, false)}) AS s
                       JOIN view_participants p ON p.id = s.participant_id
                       JOIN view_centres c ON c.id = s.centre_id
                      ORDER BY s.date, c.name, s.service, p.code`;
        yield* reader.prepare(sql).iterate(scopeParams(scope, period)) as IterableIterator<ServiceExportRow>;
      } finally {
        if (reader !== db) reader.close();
      }
    },

    /** Referrals closed in the period with SERVICE_RECEIVED, for reports that list them. */
    completedReferrals(scope: CentreScope, period: Period): ServiceRecordView[] {
      return records.where(`${referralCompleted(false, 'view_service_records')} AND ${centreCondition('centre_id', scope)} AND ${periodCondition('closed_on')}`, scopeParams(scope, period), 'closed_on, id');
    },
  };
}

export type ServicesReader = ReturnType<typeof servicesReader>;
