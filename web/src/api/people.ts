import { csrfHeaders, op } from './client.js';
import type { Group, Position, Sex } from './operations.js';

/**
 * The people operations the page sends (finding the same child twice, merging records) and the
 * imports, in the style of ./operations.ts. Checked against schema/ by test/e2e/operations.test.ts.
 */

export interface Match {
  participant: { id: string; code: string; birthYear: number; givenName: string | null; familyName: string | null; centre: { id: string; name: string } };
  score: number;
}

export const SimilarParticipants = op<{ similarParticipants: Match[] }, { givenName: string; familyName: string; birthYear: number | null; centreId: string }>(
  `query SimilarParticipants($givenName: String!, $familyName: String!, $birthYear: Int, $centreId: ID) {
    similarParticipants(givenName: $givenName, familyName: $familyName, birthYear: $birthYear, centreId: $centreId) {
      score participant { id code birthYear givenName familyName centre { id name } }
    }
  }`,
);

export interface Child {
  id: string;
  code: string;
  givenName: string | null;
  familyName: string | null;
  sex: Sex;
  birthYear: number;
  group: Group;
  mergedInto: { id: string; code: string } | null;
  mergedCodes: string[];
}
const childFields = 'id code givenName familyName sex birthYear group mergedInto { id code } mergedCodes';

export const CentreChildren = op<{ centre: { id: string; name: string; participants: Child[] | null } | null }, { id: string }>(
  `query CentreChildren($id: ID!) { centre(id: $id) { id name participants { ${childFields} } } }`,
);

export interface DuplicatePair {
  participant: Child;
  other: Child & { centre: { id: string; name: string } };
  score: number;
}

export const PossibleDuplicates = op<{ possibleDuplicates: DuplicatePair[] }, { centreId: string }>(
  `query PossibleDuplicates($centreId: ID) {
    possibleDuplicates(centreId: $centreId) { score participant { ${childFields} } other { ${childFields} centre { id name } } }
  }`,
);

export const MergeParticipants = op<
  { mergeParticipants: Position & { participant: { id: string; code: string; mergedCodes: string[] } } },
  { input: { keepId: string; duplicateId: string; reason: string; commandId: string } }
>(`mutation MergeParticipants($input: MergeParticipantsInput!) { mergeParticipants(input: $input) { position participant { id code mergedCodes } } }`);

export const UnmergeParticipant = op<
  { unmergeParticipant: Position & { participant: { id: string; code: string } } },
  { input: { participantId: string; reason: string; commandId: string } }
>(`mutation UnmergeParticipant($input: UnmergeParticipantInput!) { unmergeParticipant(input: $input) { position participant { id code } } }`);

export const peopleOperations = [SimilarParticipants, CentreChildren, PossibleDuplicates, MergeParticipants, UnmergeParticipant];

/** The answer of an import (the contract's shape). */
export interface ImportReport {
  rows: number;
  accepted: number;
  rejected: { row: number; field: string; message: string }[];
  possibleDuplicates: { row: number; participantId: string; code: string; score: number }[];
  stored: number;
}

/** Sends a CSV or XLSX file to /imports/<kind>; a dry run stores nothing. Throws with the server's message when refused. */
export async function importFile(kind: 'participants' | 'attendance', centreId: string, file: Blob, dryRun: boolean): Promise<ImportReport> {
  const response = await fetch(`/imports/${kind}?centreId=${encodeURIComponent(centreId)}${dryRun ? '&dryRun=true' : ''}`, {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'content-type': 'application/octet-stream', ...csrfHeaders() },
    body: file,
  });
  const body = (await response.json()) as ImportReport & { errors?: { message: string }[] };
  if (!response.ok) throw new Error(body.errors?.[0]?.message ?? `HTTP ${response.status}`);
  return body;
}
