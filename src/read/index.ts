import type Database from 'better-sqlite3';
import type { CentreView } from '../../projections/centres.js';
import type { ConsultationView } from '../../projections/consultations.js';
import type { CulturalEventView } from '../../projections/cultural-events.js';
import type { ParticipantView } from '../../projections/participants.js';
import type { VolunteerHoursView, VolunteerView } from '../../projections/volunteers.js';
import type { WorkshopView } from '../../projections/workshops.js';
import { centreCondition, documentReader, periodCondition, scopeParams, type CentreScope, type Period } from './documents.js';
import { agreementReader } from './agreements.js';
import { attendanceExportReader } from './attendance-export.js';
import { attendanceCellReader } from './attendance-cells.js';
import { consentReader } from './consent.js';
import { cycleReader } from './cycles.js';
import { followUpReader } from './follow-up.js';
import { householdReader } from './households.js';
import { legalCaseReader } from './legal-cases.js';
import { mergeReader } from './merges.js';
import { participationReader } from './participation.js';
import { programmeReader } from './programmes.js';
import { reportingReader } from './reporting.js';
import { servicesReader } from './services.js';
import { summaryReader } from './summary.js';
import { sizesReader } from './sizes.js';

export type { CentreScope, Period } from './documents.js';

/** Everything the API reads, from the views only. */
export function createReadModel(db: Database.Database) {
  const centres = documentReader<CentreView>(db, 'centres');
  const participants = documentReader<ParticipantView>(db, 'participants');
  const workshops = documentReader<WorkshopView>(db, 'workshops');
  const volunteers = documentReader<VolunteerView>(db, 'volunteers');
  const hours = documentReader<VolunteerHoursView>(db, 'volunteer_hours');
  const consultations = documentReader<ConsultationView>(db, 'consultations');
  const culturalEvents = documentReader<CulturalEventView>(db, 'cultural_events');
  // In id order, as participants.many answers: a workshop's attendees list the same whichever form it holds them in.
  const byNumbers = db.prepare<[string], string>(`SELECT doc FROM view_participants WHERE ordinal IN (SELECT value FROM json_each(?)) ORDER BY id`).pluck();
  const codeTaken = db.prepare<[string], { n: number }>(`SELECT count(*) AS n FROM view_participants WHERE code = ?`);
  const households = householdReader(db);
  const summary = summaryReader(db);

  const inScope = (column: string, scope: CentreScope, period?: Period) => ({
    condition: `${centreCondition(column, scope)}${period ? ` AND ${periodCondition(column === 'centre_id' ? 'date' : column)}` : ''}`,
    params: scopeParams(scope, period),
  });

  return {
    centre: (id: string) => centres.get(id),
    centres: (scope: CentreScope) => centres.where(centreCondition('id', scope), scopeParams(scope), 'name'),
    participant: (id: string) => participants.get(id),
    participants: (ids: readonly string[]) => participants.many(ids),
    /** The participants with these numbers (view_participants.ordinal), as a workshop's document names its attendees. */
    participantsByNumber: (numbers: readonly number[]): ParticipantView[] =>
      numbers.length === 0 ? [] : byNumbers.all(JSON.stringify(numbers)).map((doc) => JSON.parse(doc) as ParticipantView),
    participantsOfCentre: (centreId: string) => participants.where('centre_id = @centreId', { centreId }, 'code'),
    /** Whether a participant or a household already has this code. */
    isCodeTaken: (code: string) => (codeTaken.get(code)?.n ?? 0) > 0 || households.isHouseholdCodeTaken(code),
    participantByCode: (code: string) => participants.where('code = @code', { code })[0],
    erasedParticipantIds: () => (db.prepare(`SELECT id FROM view_participants WHERE erased = 1`).all() as { id: string }[]).map((row) => row.id),
    workshop: (id: string) => workshops.get(id),
    workshopsOfCentres: (scope: CentreScope, period: Period) =>
      workshops.where(`${centreCondition('centre_id', scope)} AND ${periodCondition('local_date')}`, scopeParams(scope, period), 'starts_at, id'),
    volunteer: (id: string) => volunteers.get(id),
    volunteersOfCentre: (centreId: string) => volunteers.where('centre_id = @centreId', { centreId }),
    hoursEntry: (id: string) => hours.get(id),
    hoursOfVolunteer: (volunteerId: string, period: Period) =>
      hours.where(`volunteer_id = @volunteerId AND active = 1 AND ${periodCondition('date')}`, { volunteerId, from: period.from ?? null, to: period.to ?? null }, 'date, id'),
    hoursAtCentres: (scope: CentreScope, period: Period) => {
      const { condition, params } = inScope('centre_id', scope, period);
      return hours.where(`active = 1 AND ${condition}`, params, 'date, id');
    },
    consultation: (id: string) => consultations.get(id),
    consultationsAtCentres: (scope: CentreScope, period: Period) => {
      const { condition, params } = inScope('centre_id', scope, period);
      return consultations.where(`active = 1 AND ${condition}`, params, 'date, id');
    },
    consultationsOfParticipant: (participantId: string) =>
      consultations.where('participant_id = @participantId AND +active = 1', { participantId }, 'date, id'), // `+`: see ./participation.ts
    culturalEvent: (id: string) => culturalEvents.get(id),
    culturalEventsAtCentres: (scope: CentreScope, period: Period) => {
      const { condition, params } = inScope('centre_id', scope, period);
      return culturalEvents.where(condition, params, 'date, id');
    },
    summary,
    participation: participationReader(db),
    reporting: reportingReader(db),
    followUp: followUpReader(db),
    attendanceExport: attendanceExportReader(db),
    attendanceCells: attendanceCellReader(db),
    cycles: cycleReader(db),
    households,
    legalCases: legalCaseReader(db),
    consent: consentReader(db),
    agreements: agreementReader(db),
    services: servicesReader(db, summary),
    /** How many of each kind the views hold (cached), for the query cost estimate. */
    sizes: sizesReader(db),
    merges: mergeReader(db),
    programmes: programmeReader(db),
  };
}

export type ReadModel = ReturnType<typeof createReadModel>;
