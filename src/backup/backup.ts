/**
 * Takes a backup of everything under DATA_DIR that cannot be rebuilt: every SQLite file but the
 * views (the log with its command records, the keys, the accounts, sessions…) through SQLite's
 * online backup, so the server keeps serving, and the small plain files (the token secret). The
 * log is copied first and the keys after it: keys are only ever added before the events sealed
 * with them, so every name in the copied log has its key in the copied keys.
 */
import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { sealBackup, sha256, type BackupFile, type BackupManifest } from './archive.js';
import { ERASURE_LIST_FILE } from './erasures.js';

/** What a backup leaves out: the views (rebuilt from the log), SQLite's side files, the erasure list. */
const derived = (name: string) =>
  /^views\.db/.test(name) || /-(wal|shm|journal)$/.test(name) || name === ERASURE_LIST_FILE || name.startsWith('.') || name.endsWith('.partial');

/** The log first, then the keys, then the rest by name. */
const order = (name: string) => (name === 'events.db' ? 0 : name === 'keys.db' ? 1 : 2);

export interface TakenBackup {
  readonly manifest: BackupManifest;
  readonly bytes: number;
}

export async function takeBackup(options: { dataDir: string; key: Buffer; out: string; kurrentDb?: boolean }): Promise<TakenBackup> {
  const names = readdirSync(options.dataDir)
    .filter((name) => !derived(name) && statSync(join(options.dataDir, name)).isFile())
    .sort((a, b) => order(a) - order(b) || a.localeCompare(b));
  const scratch = mkdtempSync(join(dirname(options.out), '.centre-ledger-backup-'));
  try {
    const files: BackupFile[] = [];
    for (const name of names) {
      const source = join(options.dataDir, name);
      if (name.endsWith('.db')) {
        const copy = join(scratch, name);
        const db = new Database(source, { fileMustExist: true });
        try {
          db.pragma('busy_timeout = 5000');
          // SQLite's online backup: a consistent copy while the server goes on writing.
          await db.backup(copy);
        } finally {
          db.close();
        }
        files.push({ name, content: readFileSync(copy) });
      } else {
        files.push({ name, content: readFileSync(source) });
      }
    }
    const log = names.includes('events.db') ? headOf(join(scratch, 'events.db')) : null;
    const manifest: BackupManifest = {
      format: 1,
      createdAt: new Date().toISOString(),
      store: options.kurrentDb ? 'kurrentdb' : 'sqlite',
      headPosition: log ? log.head : null,
      events: log ? log.events : null,
      files: files.map((file) => ({ name: file.name, bytes: file.content.length, sha256: sha256(file.content) })),
    };
    const sealed = sealBackup(options.key, manifest, files);
    // Whole or not at all: a crash mid-write leaves a .partial file, never a short backup.
    const partial = `${options.out}.partial`;
    writeFileSync(partial, sealed, { mode: 0o600 });
    renameSync(partial, options.out);
    return { manifest, bytes: sealed.length };
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
}

function headOf(file: string): { head: string; events: number } {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const row = db.prepare(`SELECT coalesce(max(position), 0) AS head, count(*) AS events FROM events`).get() as { head: number; events: number };
    return { head: String(row.head), events: row.events };
  } finally {
    db.close();
  }
}
