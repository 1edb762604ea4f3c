import type Database from 'better-sqlite3';

/**
 * One person counted once: the single place where a participant becomes the person counted. A
 * participant merged into another (projections/participant-merges.ts) counts as the one kept, now
 * or, with asOf, as the merges stood at that instant. Every unique count goes through here: SQL
 * counts use {@link countedAs} wherever they count distinct participants, the summaries' bitsets
 * by participant number use {@link foldMergedNumbers}, and a person's own lists
 * ({@link mergeReader}) read every record of the person.
 */

/**
 * SQL for the participant that `idSql` counts as: the one it is merged into (now, or at the
 * instant bound to `@asOf` when `asOf` is true), else itself.
 */
export const countedAs = (idSql: string, asOf: boolean) =>
  asOf
    ? `coalesce((SELECT period.value ->> 0 FROM view_participant_merges pm, json_each(pm.doc, '$.periods') AS period
                  WHERE pm.id = ${idSql} AND period.value ->> 1 <= @asOf AND (period.value ->> 2 IS NULL OR period.value ->> 2 > @asOf)), ${idSql})`
    : `coalesce((SELECT pm.keep_id FROM view_participant_merges pm WHERE pm.id = ${idSql}), ${idSql})`;

/**
 * Moves each merged participant's bit onto the kept one's in a bitset by participant number
 * (src/read/reach.ts): the union then counts the pair once. `merged` maps number → kept number.
 */
export function foldMergedNumbers(set: Uint8Array, merged: ReadonlyMap<number, number>): void {
  for (const [duplicate, kept] of merged) {
    const byte = duplicate >> 3;
    const bit = 1 << (duplicate & 7);
    if (byte >= set.length || !(set[byte]! & bit)) continue;
    set[byte]! &= ~bit;
    if (kept >> 3 < set.length) set[kept >> 3]! |= 1 << (kept & 7);
  }
}

export function mergeReader(db: Database.Database) {
  const mergedInto = db.prepare<[string], { id: string; code: string }>(`SELECT id, code FROM view_participants WHERE merged_into = ? ORDER BY code`);
  return {
    /** The participants merged into this one now (their ids and codes). */
    mergedInto: (keepId: string) => mergedInto.all(keepId),
    /** Every record of the person this participant is now counted as: the kept one first, then those merged into it. */
    recordsOf(keepId: string): string[] {
      return [keepId, ...mergedInto.all(keepId).map((row) => row.id)];
    },
    /** Whether other participants are merged into this one. */
    keepsOthers: (participantId: string) => mergedInto.all(participantId).length > 0,
  };
}
