import type Database from 'better-sqlite3';

/** What an indicator breaks a person down by. */
export interface Person {
  readonly sex: string;
  readonly group: string;
  readonly birthYear: number;
}

export interface PersonRoster {
  /** By participant number; undefined for a number the views have not issued. */
  readonly people: readonly (Person | undefined)[];
  /** Participants merged into another now, by number: the number of the one kept (./merges.ts). */
  readonly merged: ReadonlyMap<number, number>;
  /** Moves whenever the roster changes: what is derived from it stays valid while this does not move. */
  readonly version: number;
}

/**
 * Every participant's sex, group and birth year by participant number, kept in memory and brought
 * up to date from the rows whose `changed_at` is past what it has read (as the summaries' roster in
 * ./reach.ts), so a programme's report does not read every participant on each request.
 */
export function personRoster(db: Database.Database): () => PersonRoster {
  let people: (Person | undefined)[] = [];
  let merged = new Map<number, number>();
  let seen = -1;
  let version = 0;
  const latest = db.prepare<[], number | null>(`SELECT max(changed_at) FROM view_participants`).pluck();
  const changed = db
    .prepare<[number], [number, string, string, number, number, number | null]>(
      `SELECT p.ordinal, p.sex, p.grp, p.birth_year, p.changed_at, (SELECT k.ordinal FROM view_participants k WHERE k.id = p.merged_into)
         FROM view_participants p WHERE p.changed_at > ?`,
    )
    .raw();
  return function current() {
    const head = latest.get() ?? -1;
    // Views rebuilt from the start number their changes anew.
    if (head < seen) [people, merged, seen, version] = [[], new Map(), -1, version + 1];
    if (head > seen) {
      version += 1;
      for (const [ordinal, sex, group, birthYear, changedAt, kept] of changed.all(seen)) {
        people[ordinal] = { sex, group, birthYear };
        if (kept === null) merged.delete(ordinal);
        else merged.set(ordinal, kept);
        seen = Math.max(seen, changedAt);
      }
    }
    return { people, merged, version };
  };
}
