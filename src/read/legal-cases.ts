import type Database from 'better-sqlite3';
import type { ConsultationView } from '../../projections/consultations.js';
import type { CaseConsultationView, LegalCaseView } from '../../projections/legal-cases.js';
import type { LegalTopic } from '../domain/legal-aid/events.js';
import type { LegalOutcome } from '../domain/legal-cases/events.js';
import { centreCondition, documentReader, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';

export interface LegalCaseBreakdownCell {
  readonly problem: LegalTopic;
  /** Null for cases still open. */
  readonly outcome: LegalOutcome | null;
  readonly cases: number;
}

/** Legal cases, their consultations, and the figures reports take from them. */
export function legalCaseReader(db: Database.Database) {
  const cases = documentReader<LegalCaseView>(db, 'legal_cases');
  const links = documentReader<CaseConsultationView>(db, 'case_consultations');
  const consultationsOfCase = db.prepare<[string], { doc: string }>(
    `SELECT c.doc FROM view_consultations c JOIN view_case_consultations l ON l.id = c.id
      WHERE l.case_id = ? AND c.active = 1 ORDER BY c.date, c.id`,
  );

  return {
    legalCase: (id: string) => cases.get(id),
    legalCasesOfParticipant: (participantId: string) => cases.where('participant_id = @participantId', { participantId }, 'opened_on, id'),
    /** Cases at the centres in scope opened in the period (a missing bound is open), by opening date. */
    legalCasesAtCentres: (scope: CentreScope, period: Period) =>
      cases.where(`${centreCondition('centre_id', scope)} AND ${periodCondition('opened_on')}`, scopeParams(scope, period), 'opened_on, id'),
    /** The case's consultations that still count (not retracted), by date. */
    consultationsOf: (caseId: string) => consultationsOfCase.all(caseId).map((row) => JSON.parse(row.doc) as ConsultationView),
    /** The case and service level a consultation was recorded with (undefined when neither). */
    consultationLink: (consultationId: string) => links.get(consultationId),

    /** Cases at the centres in scope closed as RESOLVED on a date in the period. */
    legalCasesResolved(scope: CentreScope, period: Period): number {
      const row = db
        .prepare(
          `SELECT count(*) AS n FROM view_legal_cases
            WHERE outcome = 'RESOLVED' AND ${centreCondition('centre_id', scope)} AND ${periodCondition('closed_on')}`,
        )
        .get(scopeParams(scope, period)) as { n: number };
      return row.n;
    },

    /**
     * The cases at the centres in scope opened in the period, by problem and outcome as it stands
     * now (null: still open). One cell per combination with at least one case.
     */
    legalCaseBreakdown(scope: CentreScope, period: Period): LegalCaseBreakdownCell[] {
      return db
        .prepare(
          `SELECT problem, outcome, count(*) AS cases FROM view_legal_cases
            WHERE ${centreCondition('centre_id', scope)} AND ${periodCondition('opened_on')}
            GROUP BY problem, outcome ORDER BY problem, outcome`,
        )
        .all(scopeParams(scope, period)) as LegalCaseBreakdownCell[];
    },
  };
}

export type LegalCaseReader = ReturnType<typeof legalCaseReader>;
