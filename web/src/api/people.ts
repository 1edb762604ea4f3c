import { csrfHeaders, op } from './client.js';
import * as G from './generated/graphql.js';
import type { Item } from './operations.js';

/**
 * The people operations the page sends (finding the same child twice, merging records) and the
 * imports, in the style of ./operations.ts: the documents are web/src/api/documents/people.graphql,
 * typed by codegen. Checked against schema/ by test/e2e/operations.test.ts.
 */

export type Match = Item<G.SimilarParticipantsQuery['similarParticipants']>;
export type Child = G.ChildFieldsFragment;
export type DuplicatePair = Item<G.PossibleDuplicatesQuery['possibleDuplicates']>;

export const SimilarParticipants = op(G.SimilarParticipantsDocument);
export const CentreChildren = op(G.CentreChildrenDocument);
export const PossibleDuplicates = op(G.PossibleDuplicatesDocument);
export const MergeParticipants = op(G.MergeParticipantsDocument);
export const UnmergeParticipant = op(G.UnmergeParticipantDocument);

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
