import type Database from 'better-sqlite3';
import type { VolunteerAgreementView } from '../../projections/volunteer-agreements.js';
import type { VolunteerView } from '../../projections/volunteers.js';
import { agreementCovers, agreementNeedOn, longTermDaysInYear, spanStart, toHundredths, type DatedHours } from '../domain/volunteers/long-term.js';
import { centreCondition, documentReader, scopeParams, type CentreScope } from './documents.js';

export interface VolunteerNeedingAgreement {
  readonly volunteer: VolunteerView;
  /** Hours logged in the 91 days ending on the day asked about, in hundredths. */
  readonly hundredthsLast13Weeks: number;
}

export interface VolunteeringYearRow {
  readonly volunteerId: string;
  readonly homeCentreId: string;
  readonly hundredths: number;
  /** Met the long-term threshold on at least one day of the year. */
  readonly longTerm: boolean;
  /** Days of the year on which the volunteer was long-term with no agreement valid that day. */
  readonly daysWithoutAgreement: number;
  /** Agreements valid on at least one day of the year. */
  readonly agreements: readonly VolunteerAgreementView[];
}

/** Written volunteering agreements, and who needs one (see src/domain/volunteers/long-term.ts). */
export function agreementReader(db: Database.Database) {
  const agreements = documentReader<VolunteerAgreementView>(db, 'volunteer_agreements');
  const volunteers = documentReader<VolunteerView>(db, 'volunteers');

  /** Active hours by volunteer (every centre) dated from `from` to `to`, both included. */
  function hoursBetween(from: string, to: string): Map<string, DatedHours[]> {
    const rows = db
      .prepare(
        `SELECT volunteer_id AS volunteerId, date, hours FROM view_volunteer_hours
          WHERE active = 1 AND date >= @from AND date <= @to ORDER BY volunteer_id, date`,
      )
      .all({ from, to }) as { volunteerId: string; date: string; hours: number }[];
    const byVolunteer = new Map<string, DatedHours[]>();
    for (const { volunteerId, date, hours } of rows) {
      let list = byVolunteer.get(volunteerId);
      if (!list) byVolunteer.set(volunteerId, (list = []));
      list.push({ date, hours });
    }
    return byVolunteer;
  }

  const agreementsOf = (volunteerId: string) => agreements.where('volunteer_id = @volunteerId', { volunteerId }, 'signed_on, id');

  return {
    agreement: (id: string) => agreements.get(id),
    agreementsOf,

    /**
     * Volunteers registered at the centres in scope who logged more than 10 hours (anywhere) in
     * each of the 13 consecutive 7-day windows ending on `on`, and have no agreement valid on `on`.
     */
    volunteersNeedingAgreement(scope: CentreScope, on: string): VolunteerNeedingAgreement[] {
      const inScope = new Map(volunteers.where(centreCondition('centre_id', scope), scopeParams(scope)).map((v) => [v.id, v]));
      const needing: VolunteerNeedingAgreement[] = [];
      for (const [volunteerId, hours] of hoursBetween(spanStart(on), on)) {
        const volunteer = inScope.get(volunteerId);
        if (!volunteer) continue;
        const need = agreementNeedOn(hours, agreementsOf(volunteerId), on);
        if (need.needsAgreement) needing.push({ volunteer, hundredthsLast13Weeks: need.hundredthsLast13Weeks });
      }
      return needing.sort((a, b) => b.hundredthsLast13Weeks - a.hundredthsLast13Weeks || (a.volunteer.id < b.volunteer.id ? -1 : 1));
    },

    /**
     * The annual volunteering report: every volunteer registered at the centres in scope with
     * hours in the year or an agreement valid in it, by id.
     */
    volunteeringYear(scope: CentreScope, year: number): VolunteeringYearRow[] {
      const first = `${String(year).padStart(4, '0')}-01-01`;
      const last = `${String(year).padStart(4, '0')}-12-31`;
      const hours = hoursBetween(spanStart(first), last);
      const withAgreements = db
        .prepare(`SELECT DISTINCT volunteer_id AS id FROM view_volunteer_agreements WHERE signed_on <= @last AND valid_until >= @first`)
        .all({ first, last }) as { id: string }[];
      const rows: VolunteeringYearRow[] = [];
      for (const volunteer of volunteers.where(centreCondition('centre_id', scope), scopeParams(scope))) {
        const own = hours.get(volunteer.id) ?? [];
        const inYear = own.filter((entry) => entry.date >= first);
        const valid = agreementsOf(volunteer.id).filter((a) => a.signedOn <= last && a.validUntil >= first);
        if (inYear.length === 0 && !withAgreements.some((row) => row.id === volunteer.id)) continue;
        const longTermDays = longTermDaysInYear(own, year);
        rows.push({
          volunteerId: volunteer.id,
          homeCentreId: volunteer.centreId,
          hundredths: inYear.reduce((sum, entry) => sum + toHundredths(entry.hours), 0),
          longTerm: longTermDays.length > 0,
          daysWithoutAgreement: longTermDays.filter((day) => !valid.some((a) => agreementCovers(a, day))).length,
          agreements: valid,
        });
      }
      return rows.sort((a, b) => (a.volunteerId < b.volunteerId ? -1 : a.volunteerId > b.volunteerId ? 1 : 0));
    },
  };
}

export type AgreementReader = ReturnType<typeof agreementReader>;

