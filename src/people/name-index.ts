import type Database from 'better-sqlite3';
import { deletionKeys, editDistance, foldName, matchScore, type NameKey } from '../domain/people/matching.js';

/** A participant the matching can list: their folded names, birth year and centre. */
export interface IndexedPerson extends NameKey {
  readonly participantId: string;
  readonly centreId: string;
}

export interface SimilarPerson {
  readonly participantId: string;
  readonly centreId: string;
  readonly score: number;
}

export interface NameQuery {
  readonly givenName: string;
  readonly familyName: string;
  readonly birthYear?: number | null;
}

/**
 * Folded names in memory, found by family name within one slip: each distinct folded family name
 * is filed under itself and every string one deletion away from it (two names one edit or swap
 * apart always share one of those), so a lookup reads a few dozen keys and compares only the
 * family names behind them, never every participant. Nothing of it is ever written to disk.
 */
export function createNameIndexCore() {
  const people = new Map<string, IndexedPerson>();
  const byFamily = new Map<string, Set<string>>();
  const byKey = new Map<string, Set<string>>();

  function remove(participantId: string) {
    const person = people.get(participantId);
    if (!person) return;
    people.delete(participantId);
    const ids = byFamily.get(person.family)!;
    ids.delete(participantId);
    if (ids.size > 0) return;
    byFamily.delete(person.family);
    for (const key of deletionKeys(person.family)) {
      const families = byKey.get(key)!;
      families.delete(person.family);
      if (families.size === 0) byKey.delete(key);
    }
  }

  function put(person: IndexedPerson) {
    remove(person.participantId);
    people.set(person.participantId, person);
    let ids = byFamily.get(person.family);
    if (!ids) {
      byFamily.set(person.family, (ids = new Set()));
      for (const key of deletionKeys(person.family)) {
        let families = byKey.get(key);
        if (!families) byKey.set(key, (families = new Set()));
        families.add(person.family);
      }
    }
    ids.add(person.participantId);
  }

  /** Participants who may be the person described, best first (then by id, so the order is stable). */
  function find(query: NameQuery, limit = 20): SimilarPerson[] {
    return findFolded({ given: foldName(query.givenName), family: foldName(query.familyName), birthYear: query.birthYear ?? null }, limit);
  }

  function findFolded(wanted: { given: string; family: string; birthYear: number | null }, limit: number): SimilarPerson[] {
    if (wanted.family === '') return [];
    const families = new Set<string>();
    for (const key of deletionKeys(wanted.family)) for (const family of byKey.get(key) ?? []) families.add(family);
    const found: SimilarPerson[] = [];
    for (const family of families) {
      const distance = editDistance(wanted.family, family, 1);
      if (distance > 1) continue;
      for (const participantId of byFamily.get(family) ?? []) {
        const person = people.get(participantId)!;
        const score = matchScore(wanted, person, distance);
        if (score !== null) found.push({ participantId, centreId: person.centreId, score });
      }
    }
    found.sort((a, b) => b.score - a.score || (a.participantId < b.participantId ? -1 : 1));
    return found.slice(0, limit);
  }

  /** Others who may be the same person as this participant (by their own folded names). */
  function similarTo(participantId: string, limit = 20): SimilarPerson[] {
    const person = people.get(participantId);
    if (!person) return [];
    return findFolded(person, limit + 1).filter((match) => match.participantId !== participantId).slice(0, limit);
  }

  return { put, remove, find, similarTo, size: () => people.size, families: () => byFamily.size, keys: () => byKey.size };
}

/** Opens a participant's sealed names; null when they cannot be read (erased). */
export type OpenNames = (participantId: string, sealed: unknown) => { givenName?: unknown; familyName?: unknown } | null;

/**
 * The index over the participants view, brought up to date before each lookup from the rows whose
 * `changed_at` is past what it has read (a registration, a transfer, a merge or an erasure),
 * opening each changed participant's names with their key. Erased and merged-away participants
 * leave it. Built on the first lookup after start.
 */
export function createNameIndex(db: Database.Database, openNames: OpenNames) {
  let core = createNameIndexCore();
  let seen = -1;
  const latest = db.prepare<[], { n: number | null }>(`SELECT max(changed_at) AS n FROM view_participants`);
  const changed = db.prepare<[number], { id: string; personal: string | null; birth_year: number; centre_id: string; erased: number; merged: number; changed_at: number }>(
    `SELECT id, doc ->> '$.personal' AS personal, birth_year, centre_id, erased,
            (doc ->> '$.mergedInto') IS NOT NULL AS merged, changed_at
       FROM view_participants WHERE changed_at > ? ORDER BY changed_at`,
  );

  function refresh() {
    const head = latest.get()?.n ?? -1;
    // Views rebuilt from the start number their changes anew.
    if (head < seen) [core, seen] = [createNameIndexCore(), -1];
    if (head <= seen) return;
    for (const row of changed.iterate(seen)) {
      seen = Math.max(seen, row.changed_at);
      if (row.erased || row.merged || row.personal === null) {
        core.remove(row.id);
        continue;
      }
      let names: ReturnType<OpenNames>;
      try {
        names = openNames(row.id, JSON.parse(row.personal));
      } catch {
        names = null; // a server without this person's key cannot match them
      }
      if (!names || typeof names.givenName !== 'string' || typeof names.familyName !== 'string') {
        core.remove(row.id);
        continue;
      }
      core.put({ participantId: row.id, centreId: row.centre_id, birthYear: row.birth_year, given: foldName(names.givenName), family: foldName(names.familyName) });
    }
  }

  return {
    find(query: NameQuery, limit?: number): SimilarPerson[] {
      refresh();
      return core.find(query, limit);
    },
    similarTo(participantId: string, limit?: number): SimilarPerson[] {
      refresh();
      return core.similarTo(participantId, limit);
    },
    /** How many participants the index holds now. */
    size(): number {
      refresh();
      return core.size();
    },
  };
}

export type NameIndex = ReturnType<typeof createNameIndex>;
