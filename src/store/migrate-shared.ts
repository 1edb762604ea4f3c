/**
 * Moving one server's keys.db and accounts.db into KurrentDB, beside its log (migrate-store), so
 * that the names and the web accounts of an existing deployment work on several servers.
 *
 * Keys are copied as stored: wrapped by DATA_KEY (with the same scrypt settings and check value)
 * or raw, as keys.db held them, so no key is unwrapped and DATA_KEY is not needed here. Erased
 * people's key streams are tombstoned. Accounts are copied with their password hashes, roles and
 * active flags; sessions and one-time links are not (people sign in again; an admin sends new
 * links). Run again, it copies only what is missing.
 */
import Database from 'better-sqlite3';
import { ACCOUNTS_STREAM, passwordStream, type AccountEvent } from '../accounts/kurrentdb-accounts.js';
import type { UserRow } from '../accounts/accounts.js';
import { KEY_CREATED, KEY_PROTECTION_STREAM, PROTECTION_CHOSEN, personKeyStream } from '../privacy/shared-vault.js';
import { isWrongExpectedRevision } from './port.js';
import { isStreamTombstoned, type SideStreams } from './kurrentdb-streams.js';

export interface KeysMigrated {
  readonly keys: number;
  readonly alreadyThere: number;
  readonly erased: number;
  readonly mismatches: readonly string[];
}

export async function migrateKeys(keysFile: string, streams: SideStreams): Promise<KeysMigrated> {
  const db = new Database(keysFile, { readonly: true, fileMustExist: true });
  try {
    const settings = new Map((db.prepare(`SELECT name, value FROM settings`).all() as { name: string; value: string }[]).map((row) => [row.name, row.value]));
    const choice =
      settings.get('protection') === 'scrypt'
        ? { protection: 'scrypt', kdf: JSON.parse(settings.get('kdf') ?? 'null'), check: settings.get('check') }
        : { protection: 'none' };
    try {
      await streams.append(KEY_PROTECTION_STREAM, [{ type: PROTECTION_CHOSEN, data: choice }], 'no_stream');
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error;
      const [stored] = await streams.read(KEY_PROTECTION_STREAM, { maxCount: 1 });
      if (JSON.stringify(stored?.data) !== JSON.stringify(choice)) {
        throw new Error(`KurrentDB already holds people's keys under another protection (${KEY_PROTECTION_STREAM}); nothing of ${keysFile} was copied`);
      }
    }
    let keys = 0;
    let alreadyThere = 0;
    const mismatches: string[] = [];
    for (const row of db.prepare(`SELECT subject_id, key FROM keys ORDER BY subject_id`).iterate() as Iterable<{ subject_id: string; key: Buffer }>) {
      const key = row.key.toString('base64');
      try {
        await streams.append(personKeyStream(row.subject_id), [{ type: KEY_CREATED, data: { key } }], 'no_stream');
        keys += 1;
      } catch (error) {
        if (isStreamTombstoned(error)) {
          mismatches.push(`person ${row.subject_id}: erased in KurrentDB but holds a key in ${keysFile}`);
          continue;
        }
        if (!isWrongExpectedRevision(error)) throw error;
        const [stored] = await streams.read(personKeyStream(row.subject_id), { maxCount: 1 });
        if ((stored?.data as { key?: string } | undefined)?.key === key) alreadyThere += 1;
        else mismatches.push(`person ${row.subject_id}: KurrentDB holds another key`);
      }
    }
    let erased = 0;
    for (const { subject_id } of db.prepare(`SELECT subject_id FROM erased ORDER BY subject_id`).all() as { subject_id: string }[]) {
      await streams.tombstone(personKeyStream(subject_id));
      erased += 1;
    }
    return { keys, alreadyThere, erased, mismatches };
  } finally {
    db.close();
  }
}

export async function migrateAccounts(accountsFile: string, streams: SideStreams): Promise<{ users: number; skipped: boolean }> {
  const [existing] = await streams.read(ACCOUNTS_STREAM, { maxCount: 1 });
  if (existing) return { users: 0, skipped: true }; // KurrentDB has accounts already: never merge two sets
  const db = new Database(accountsFile, { readonly: true, fileMustExist: true });
  try {
    const rows = db.prepare(`SELECT * FROM users ORDER BY created_at, username`).all() as UserRow[];
    const events: AccountEvent[] = [];
    for (const row of rows) {
      if (row.password_hash) {
        await streams.append(passwordStream(row.id), [{ type: 'PasswordHashSet', data: { hash: row.password_hash } }], 'any');
        await streams.limit(passwordStream(row.id), { maxCount: 1 });
      }
      events.push({
        type: 'UserCreated',
        data: { id: row.id, username: row.username, role: row.role, centreIds: JSON.parse(row.centre_ids) as string[], volunteerId: row.volunteer_id, createdAt: row.created_at },
      });
      if (row.password_hash) events.push({ type: 'PasswordChanged', data: { id: row.id, set: true } });
      if (row.active !== 1) events.push({ type: 'UserActiveChanged', data: { id: row.id, active: false } });
    }
    if (events.length > 0) await streams.append(ACCOUNTS_STREAM, events, 'no_stream');
    return { users: rows.length, skipped: false };
  } finally {
    db.close();
  }
}
