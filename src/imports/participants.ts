import { authorize } from '../auth/policy.js';
import { foldName, LIKELY_SAME_PERSON } from '../domain/people/matching.js';
import { badInput, notFound } from '../domain/shared/errors.js';
import { derivedId } from '../commands/ledger.js';
import { createNameIndexCore } from '../people/name-index.js';
import { commandContext, rowCommandId, runRow, type ImportDeps, type ImportReport, type ImportRequest, type PossibleDuplicate, type RejectedRow } from './run.js';
import { columnsOf, headerKey, type Table } from './table.js';

/** The participants list's columns, by the names a header may give them (English, then Serbian). */
export const participantColumns = {
  givenName: ['given_name', 'ime'],
  familyName: ['family_name', 'prezime'],
  sex: ['sex', 'pol'],
  birthYear: ['birth_year', 'godina_rodjenja', 'godina_rodenja'],
  group: ['group', 'grupa'],
  householdCode: ['household_code', 'sifra_domacinstva', 'domacinstvo'],
  code: ['code', 'sifra'],
} as const;
type Field = keyof typeof participantColumns;

/** Rows registered at once. */
const IN_FLIGHT = 16;
const REQUIRED: readonly Field[] = ['givenName', 'familyName', 'sex', 'birthYear', 'group'];

const SEXES: Record<string, 'FEMALE' | 'MALE' | 'OTHER'> = {
  female: 'FEMALE', f: 'FEMALE', z: 'FEMALE', zenski: 'FEMALE', zensko: 'FEMALE', zena: 'FEMALE',
  male: 'MALE', m: 'MALE', muski: 'MALE', musko: 'MALE',
  other: 'OTHER', o: 'OTHER', drugo: 'OTHER', ostalo: 'OTHER',
};
const GROUPS: Record<string, 'RETURNEE' | 'LOCAL'> = {
  returnee: 'RETURNEE', povratnik: 'RETURNEE', povratnica: 'RETURNEE', povratnici: 'RETURNEE',
  local: 'LOCAL', lokalni: 'LOCAL', lokalna: 'LOCAL', lokalno: 'LOCAL', domaci: 'LOCAL',
};

/** Where each command input field lives in the file. */
const inputToColumn: Record<string, Field> = {
  givenName: 'givenName',
  familyName: 'familyName',
  sex: 'sex',
  birthYear: 'birthYear',
  group: 'group',
  householdId: 'householdCode',
  acknowledgedDuplicates: 'familyName',
};

/**
 * Registers one participant per row through registerParticipant, with the same rules and access
 * checks as the API. A row refused stores nothing; the others are still registered. A row whose
 * `code` is already a participant's is that participant (accepted, nothing new).
 */
export async function importParticipants(deps: ImportDeps, request: ImportRequest, table: Table): Promise<ImportReport> {
  const { centreId } = request;
  if (!deps.read.centre(centreId)) throw notFound('centreId', 'no centre has this id');
  authorize(request.actor, 'manageCentreActivity', { centreId });
  const columns = columnsOf(table.headers, participantColumns);
  for (const field of REQUIRED) {
    if (columns[field] === undefined) throw badInput(participantColumns[field][0], `the file has no column ${participantColumns[field].join(' or ')}`);
  }
  const header = (field: Field) => table.headers[columns[field] ?? columns.familyName!]!;
  const columnOf = (inputField: string | undefined) => header(inputToColumn[inputField ?? ''] ?? 'familyName');

  // Every row's answer, in the file's order: filled by the checks below, or by the row's command.
  type Answer = { rejected: RejectedRow[]; duplicates: PossibleDuplicate[]; accepted: boolean; stored: boolean };
  const answers: Answer[] = [];
  const jobs: (() => Promise<void>)[] = [];
  const jobIds: string[] = [];
  // The file's own rows, so that a child listed twice is found in a dry run as in the real run. A
  // row's participant id derives from its command id, so it is known before the row is stored.
  const earlierRows = createNameIndexCore();
  const codesInFile = new Set<string>();

  for (const { row, cells } of table.rows) {
    const answer: Answer = { rejected: [], duplicates: [], accepted: false, stored: false };
    answers.push(answer);
    const cell = (field: Field) => (columns[field] === undefined ? '' : (cells[columns[field]!] ?? '').trim());
    const reject = (field: Field, message: string) => answer.rejected.push({ row, field: header(field), message });

    const sex = SEXES[headerKey(cell('sex'))];
    if (!sex) { reject('sex', 'must be Ž or M (or FEMALE, MALE, OTHER)'); continue; }
    const group = GROUPS[headerKey(cell('group'))];
    if (!group) { reject('group', 'must be povratnik or lokalni (RETURNEE or LOCAL)'); continue; }
    if (!/^\d{4}$/.test(cell('birthYear'))) { reject('birthYear', 'must be a year like 2015'); continue; }
    let householdId: string | undefined;
    if (cell('householdCode') !== '') {
      householdId = deps.read.households.householdByCode(cell('householdCode').toUpperCase())?.id;
      if (!householdId) { reject('householdCode', 'no household has this code'); continue; }
    }
    const code = cell('code').toUpperCase();
    if (code !== '') {
      if (!/^[A-Z0-9-]{3,40}$/.test(code)) { reject('code', 'a code is 3 to 40 letters, digits and dashes'); continue; }
      if (codesInFile.has(code)) { reject('code', 'this code is on an earlier row of the file'); continue; }
      codesInFile.add(code);
      // Listed before (the first phase's list): that participant, already here.
      if (deps.read.participantByCode(code)) { answer.accepted = true; continue; }
    }
    const input = { centreId, givenName: cell('givenName'), familyName: cell('familyName'), sex, birthYear: Number(cell('birthYear')), group, ...(householdId ? { householdId } : {}) };
    const commandId = rowCommandId(deps.secret, 'participant', centreId, JSON.stringify(input), code);
    const ownId = derivedId(commandId, 'entity');

    const matches = new Map<string, number>();
    const inFile = earlierRows.find(input, 5);
    for (const match of [...deps.names.find(input, 5), ...inFile]) {
      if (match.participantId !== ownId) matches.set(match.participantId, Math.max(match.score, matches.get(match.participantId) ?? 0));
    }
    const alsoLikelySame = inFile.filter((m) => m.score >= LIKELY_SAME_PERSON && m.participantId !== ownId).map((m) => m.participantId);
    if (input.givenName !== '' && input.familyName !== '') earlierRows.put({ participantId: ownId, centreId, birthYear: input.birthYear, ...foldedNames(input) });

    jobIds.push(ownId);
    jobs.push(async () => {
      const outcome = await runRow(
        () => deps.commands.registerParticipant(commandContext(request, commandId), input, { dryRun: request.dryRun, ...(code ? { code } : {}), alsoLikelySame }),
        columnOf,
      );
      for (const [participantId, score] of matches) answer.duplicates.push({ row, participantId, code: deps.read.participant(participantId)?.code ?? '', score });
      if ('refused' in outcome) {
        const { field, message, duplicates } = outcome.refused;
        const codes = duplicates?.map((id) => deps.read.participant(id)?.code ?? id);
        answer.rejected.push({ row, field, message: codes ? `may be the same person as ${codes.join(', ')}: if not, register them from the app` : message });
        return;
      }
      answer.accepted = true;
      answer.stored = outcome.handled.stored === true;
    });
  }

  // Their keys in one write to keys.db rather than one each; a key of a row then refused opens nothing.
  if (!request.dryRun) deps.prepareKeys?.(jobIds);
  // Rows are independent people: several in flight let the log commit them together.
  let next = 0;
  await Promise.all(Array.from({ length: IN_FLIGHT }, async () => {
    while (next < jobs.length) await jobs[next++]!();
  }));

  const rejected = answers.flatMap((a) => a.rejected);
  const possibleDuplicates = answers.flatMap((a) => a.duplicates);
  const accepted = answers.filter((a) => a.accepted).length;
  const stored = answers.filter((a) => a.stored).length;
  return { rows: table.rows.length, accepted, rejected, possibleDuplicates, stored };
}

const foldedNames = (input: { givenName: string; familyName: string }) => ({ given: foldName(input.givenName), family: foldName(input.familyName) });
