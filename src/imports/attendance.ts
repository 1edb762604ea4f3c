import { authorize } from '../auth/policy.js';
import { badInput, notFound } from '../domain/shared/errors.js';
import { isoDate } from '../domain/shared/input.js';
import { localDateOf } from '../domain/shared/time.js';
import { WorkshopKind } from '../domain/workshops/events.js';
import { commandContext, rowCommandId, runRow, type ImportDeps, type ImportReport, type ImportRequest, type RejectedRow } from './run.js';
import { columnsOf, type Table } from './table.js';

/** The attendance sheet's columns, by the names a header may give them (English, then Serbian). */
export const attendanceColumns = {
  date: ['date', 'datum'],
  startTime: ['start_time', 'vreme', 'vrijeme', 'pocetak'],
  kind: ['kind', 'vrsta'],
  title: ['title', 'naziv'],
  durationMinutes: ['duration_minutes', 'trajanje'],
  participantCode: ['participant_code', 'sifra_ucesnika', 'code', 'sifra'],
  givenName: ['given_name', 'ime'],
  familyName: ['family_name', 'prezime'],
  birthYear: ['birth_year', 'godina_rodjenja', 'godina_rodenja'],
} as const;
type Field = keyof typeof attendanceColumns;

/** A session's length when the sheet does not say. */
const DEFAULT_MINUTES = 60;

/** The instant of a local date and time in the deployment's zone, written with its offset (as a client would). */
export function localInstant(date: string, time: string, timeZone: string): string {
  const wanted = Date.parse(`${date}T${time}:00Z`);
  let guess = wanted;
  for (let i = 0; i < 3; i++) {
    const parts = Object.fromEntries(
      new Intl.DateTimeFormat('en-GB', { timeZone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
        .formatToParts(new Date(guess))
        .map((part) => [part.type, part.value]),
    );
    const shown = Date.parse(`${parts['year']}-${parts['month']}-${parts['day']}T${parts['hour']}:${parts['minute']}:00Z`);
    guess += wanted - shown;
  }
  const offset = Math.round((wanted - guess) / 60_000);
  const sign = offset < 0 ? '-' : '+';
  const abs = Math.abs(offset);
  return `${date}T${time}:00${sign}${String(Math.floor(abs / 60)).padStart(2, '0')}:${String(abs % 60).padStart(2, '0')}`;
}

/**
 * One row per (session, person): rows with the same date, start time, kind and title are one
 * workshop, scheduled once through scheduleWorkshop, and each row's person is recorded through
 * recordAttendance, with the API's rules and access checks. The person is named by code, or by
 * names and birth year that match exactly one participant.
 */
export async function importAttendance(deps: ImportDeps, request: ImportRequest, table: Table): Promise<ImportReport> {
  const { centreId } = request;
  if (!deps.read.centre(centreId)) throw notFound('centreId', 'no centre has this id');
  authorize(request.actor, 'manageCentreActivity', { centreId });
  const columns = columnsOf(table.headers, attendanceColumns);
  for (const field of ['date', 'startTime', 'kind', 'title'] as const) {
    if (columns[field] === undefined) throw badInput(attendanceColumns[field][0], `the file has no column ${attendanceColumns[field].join(' or ')}`);
  }
  const byNames = columns.givenName !== undefined && columns.familyName !== undefined && columns.birthYear !== undefined;
  if (columns.participantCode === undefined && !byNames) {
    throw badInput('participant_code', 'the file needs a participant_code column, or given_name, family_name and birth_year');
  }
  const header = (field: Field) => table.headers[columns[field] ?? columns.participantCode ?? columns.familyName!]!;
  const today = localDateOf(new Date(), deps.timeZone);
  const workshops = new Map<string, { workshopId: string } | { field: string; message: string }>();
  const rejected: RejectedRow[] = [];
  let [accepted, stored] = [0, 0];

  for (const { row, cells } of table.rows) {
    const cell = (field: Field) => (columns[field] === undefined ? '' : (cells[columns[field]!] ?? '').trim());
    const reject = (field: Field | string, message: string) =>
      rejected.push({ row, field: field in attendanceColumns ? header(field as Field) : field, message });

    const date = cell('date');
    if (!isoDate.safeParse(date).success) { reject('date', 'must be a date like 2025-03-14'); continue; }
    if (date > today) { reject('date', 'must not be in the future: attendance is recorded for sessions held'); continue; }
    const time = /^\d{1,2}:\d{2}$/.test(cell('startTime')) ? cell('startTime').padStart(5, '0') : '';
    if (!time || Number(time.slice(0, 2)) > 23 || Number(time.slice(3)) > 59) { reject('startTime', 'must be a local time like 16:30'); continue; }
    const kind = WorkshopKind.safeParse(cell('kind').toUpperCase());
    if (!kind.success) { reject('kind', `must be one of ${WorkshopKind.options.join(', ')}`); continue; }
    const title = cell('title');
    const minutes = cell('durationMinutes') === '' ? DEFAULT_MINUTES : Number(cell('durationMinutes'));

    let participantId: string | undefined;
    const code = cell('participantCode').toUpperCase();
    if (code !== '') {
      participantId = deps.read.participantByCode(code)?.id;
      if (!participantId) { reject('participantCode', 'no participant has this code'); continue; }
    } else if (byNames) {
      const birthYear = Number(cell('birthYear'));
      const exact = deps.names.find({ givenName: cell('givenName'), familyName: cell('familyName'), birthYear }).filter((m) => m.score === 1);
      if (exact.length !== 1) {
        reject('familyName', exact.length === 0 ? 'no participant has these names and birth year: register them first' : 'several participants have these names and birth year: use their code');
        continue;
      }
      participantId = exact[0]!.participantId;
    } else {
      reject('participantCode', 'name the participant by code');
      continue;
    }

    const key = JSON.stringify([date, time, kind.data, title]);
    let workshop = workshops.get(key);
    if (!workshop) {
      const input = { centreId, kind: kind.data, title, startsAt: localInstant(date, time, deps.timeZone), durationMinutes: minutes };
      const outcome = await runRow(
        () => deps.commands.scheduleWorkshop(commandContext(request, rowCommandId(deps.secret, 'workshop', centreId, key)), input, { dryRun: request.dryRun }),
        (field) => header(({ title: 'title', kind: 'kind', startsAt: 'date', durationMinutes: 'durationMinutes' } as Record<string, Field>)[field ?? ''] ?? 'title'),
      );
      workshop = 'handled' in outcome ? { workshopId: outcome.handled.result.workshopId } : outcome.refused;
      workshops.set(key, workshop);
    }
    if (!('workshopId' in workshop)) { reject(workshop.field, workshop.message); continue; }
    if (request.dryRun) { accepted += 1; continue; }

    const outcome = await runRow(
      () =>
        deps.commands.recordAttendance(commandContext(request, rowCommandId(deps.secret, 'attendance', centreId, key, participantId)), {
          workshopId: (workshop as { workshopId: string }).workshopId,
          participantIds: [participantId],
        }),
      (field) => header(field === 'participantIds' ? (columns.participantCode !== undefined ? 'participantCode' : 'familyName') : 'date'),
    );
    if ('refused' in outcome) { reject(outcome.refused.field, outcome.refused.message); continue; }
    accepted += 1;
    if (outcome.handled.stored) stored += 1;
  }
  return { rows: table.rows.length, accepted, rejected, possibleDuplicates: [], stored };
}
