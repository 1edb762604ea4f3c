/**
 * The erasure list: the ids of people erased, one JSON line each, kept apart from the backups
 * (ERASURE_LIST, by default beside them in BACKUP_DIR). A backup taken before someone's erasure
 * still holds their key; restore, and every start of the server, erase again everyone on the
 * list, so that a restored backup never brings a name back. Ids only: no name is ever written here.
 */
import { appendFileSync, closeSync, existsSync, fsyncSync, mkdirSync, openSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';

export const ERASURE_LIST_FILE = 'erasures.jsonl';

/** ERASURE_LIST, else BACKUP_DIR/erasures.jsonl, else DATA_DIR/erasures.jsonl. */
export function erasureListPath(env: { ERASURE_LIST?: string | undefined; BACKUP_DIR?: string | undefined }, dataDir: string): string {
  if (env.ERASURE_LIST) return env.ERASURE_LIST;
  return join(env.BACKUP_DIR || dataDir, ERASURE_LIST_FILE);
}

/** Adds a person to the list and syncs it to disk before the erasure is answered. */
export function recordErasure(file: string, subjectId: string, at = new Date()): void {
  mkdirSync(dirname(file), { recursive: true });
  appendFileSync(file, `${JSON.stringify({ subjectId, erasedAt: at.toISOString() })}\n`, { mode: 0o600 });
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}

/** The ids on the list (none when there is no list yet); a torn last line is skipped. */
export function readErasures(file: string): string[] {
  if (!existsSync(file)) return [];
  const ids = new Set<string>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.trim()) continue;
    try {
      const entry = JSON.parse(line) as { subjectId?: unknown };
      if (typeof entry.subjectId === 'string' && entry.subjectId !== '') ids.add(entry.subjectId);
    } catch {
      // a line cut short by a crash while it was written
    }
  }
  return [...ids];
}

/**
 * Deletes the listed people's keys from a keys.db and marks them erased, without DATA_KEY (no key
 * is unwrapped). Returns how many were still there to erase.
 */
export function applyErasures(keysFile: string, subjectIds: readonly string[]): number {
  if (subjectIds.length === 0 || !existsSync(keysFile)) return 0;
  const db = new Database(keysFile);
  try {
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    const deleteKey = db.prepare(`DELETE FROM keys WHERE subject_id = ?`);
    const markErased = db.prepare(`INSERT OR IGNORE INTO erased (subject_id, erased_at) VALUES (?, ?)`);
    const now = new Date().toISOString();
    return db.transaction(() => {
      let erased = 0;
      for (const id of subjectIds) {
        erased += deleteKey.run(id).changes;
        markErased.run(id, now);
      }
      return erased;
    })();
  } finally {
    db.close();
  }
}
