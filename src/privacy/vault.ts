import { createCipheriv, createDecipheriv, randomBytes, scryptSync } from 'node:crypto';
import { chmodSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { conflict } from '../domain/shared/errors.js';
import { openLedgerDatabase } from '../store/sqlite.js';

/**
 * Crypto-shredding of personal data. Each person (subject) has their own AES-256-GCM key, kept in
 * `<dataDir>/keys.db`, apart from the event log and the views, which only ever hold `Sealed` values.
 * Erasing a person deletes their key: every copy of their names, in the log, the views and old
 * backups of those, becomes unreadable at once, while the events themselves stay untouched.
 *
 * Keys at rest. With `DATA_KEY` set, each key is itself wrapped (AES-256-GCM) by a master key
 * derived from `DATA_KEY` with scrypt and a stored random salt: a copy of the data directory, or a
 * stolen disk, reveals no names without the environment's secret. Without `DATA_KEY`, keys are
 * stored raw: erasure still works, and a copy of the event log alone still reveals nothing, but
 * anyone who copies the whole data directory (log and keys.db) can read every name. The price of
 * `DATA_KEY` is that losing it loses every name for good, so it must be kept as carefully as backups.
 *
 * A backup of keys.db keeps the keys of people erased after it was taken: keep such backups short-lived.
 * With several servers on one KurrentDB the keys live there instead (shared-vault.ts), wrapped alike.
 */

/** Marks keys.db as this ledger's key store, so a foreign SQLite file is refused, not altered. */
export const KEY_STORE_APPLICATION_ID = 0x43_4c_4b_59; // "CLKY"
export const KEY_STORE_FILE = 'keys.db';

import { SealedPersonal, type Sealed } from '../domain/shared/personal.js';

export { SealedPersonal, type Sealed };

export interface VaultOptions {
  readonly dataDir: string;
  /** `DATA_KEY`: any string. When set, keys are wrapped at rest; see above for the trade-off. */
  readonly dataKey?: string;
  /** Unwrapped keys kept in memory, least recently used out first. Default 10,000 people. */
  readonly cachedSubjects?: number;
}

export interface Vault {
  /** Encrypts a person's personal fields; creates their key on first use. Throws `CONFLICT` once they are erased. */
  seal(subjectId: string, personal: Record<string, unknown>): Sealed;
  /**
   * Creates the keys of many people in one transaction (an import of a list), so that sealing
   * each of them costs no write to keys.db of its own. People already known or erased are skipped.
   */
  prepareKeys(subjectIds: readonly string[]): void;
  /**
   * The personal fields, or null once the person is erased. Takes what was stored as it is read
   * back (unknown) and checks it against `SealedPersonal`; throws when it is not a sealed value, was
   * altered, or was sealed for someone else.
   */
  open(subjectId: string, sealed: Sealed | unknown): Record<string, unknown> | null;
  /** Deletes the person's key for good; idempotent. */
  erase(subjectId: string): void;
  isErased(subjectId: string): boolean;
  close(): void;
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
export const KEY_BYTES = 32;
/** Plaintexts are padded to a multiple of this, so a ciphertext's length does not tell a short name from a long one. */
const PADDING_BLOCK = 128;
/** scrypt cost: about 0.1 s and 32 MiB once per start, which makes guessing a weak DATA_KEY slow. */
export const SCRYPT = { N: 2 ** 15, r: 8, p: 1 } as const;
export const CHECK_PLAINTEXT = Buffer.from('centre-ledger key store', 'utf8');
export const CHECK_AAD = Buffer.from('centre-ledger:data-key-check', 'utf8');

// ---------------------------------------------------------------------------------------------
// AES-256-GCM boxes: IV ‖ tag ‖ ciphertext

export function sealBox(key: Buffer, aad: Buffer, plaintext: Buffer): Buffer {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), ciphertext]);
}

/** Throws when the box was altered, or was sealed with another key or additional data. */
export function openBox(key: Buffer, aad: Buffer, box: Buffer): Buffer {
  if (box.length < IV_BYTES + TAG_BYTES) throw new Error('sealed value too short');
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
  decipher.setAAD(aad);
  decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
  return Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]);
}

/** The subject id is the additional data: a sealed value copied onto another person does not open. */
export const subjectAad = (subjectId: string) => Buffer.from(subjectId, 'utf8');
/** Wrapped keys are bound to their row in the same way, so swapping two rows' keys is detected. */
export const wrappedKeyAad = (subjectId: string) => Buffer.from(`key:${subjectId}`, 'utf8');

/** JSON padded with spaces, which JSON.parse ignores. */
export function paddedJson(personal: Record<string, unknown>): Buffer {
  const json = Buffer.from(JSON.stringify(personal), 'utf8');
  const length = Math.ceil((json.length + 1) / PADDING_BLOCK) * PADDING_BLOCK;
  return Buffer.concat([json, Buffer.alloc(length - json.length, ' ')]);
}

// ---------------------------------------------------------------------------------------------
// Key protection at rest

export interface KeyProtection {
  wrap(subjectId: string, key: Buffer): Buffer;
  unwrap(subjectId: string, stored: Buffer): Buffer;
  forget(): void;
}

export const rawKeys: KeyProtection = {
  wrap: (_subjectId, key) => Buffer.from(key),
  unwrap: (_subjectId, stored) => {
    if (stored.length !== KEY_BYTES) throw new Error('a key in keys.db has the wrong length');
    return Buffer.from(stored);
  },
  forget: () => {},
};

export function wrappedKeys(masterKey: Buffer): KeyProtection {
  return {
    wrap: (subjectId, key) => sealBox(masterKey, wrappedKeyAad(subjectId), key),
    unwrap: (subjectId, stored) => openBox(masterKey, wrappedKeyAad(subjectId), stored),
    forget: () => masterKey.fill(0),
  };
}

export interface ScryptSettings {
  readonly N: number;
  readonly r: number;
  readonly p: number;
  readonly salt: string;
}

export const deriveMasterKey = (dataKey: string, kdf: ScryptSettings): Buffer =>
  scryptSync(Buffer.from(dataKey, 'utf8'), Buffer.from(kdf.salt, 'base64'), KEY_BYTES, {
    N: kdf.N,
    r: kdf.r,
    p: kdf.p,
    maxmem: 256 * kdf.N * kdf.r,
  });

type Settings = Map<string, string>;

/**
 * Decides, once per start, how keys are protected: a new store takes the protection of the
 * environment; an existing one must be opened with the same DATA_KEY it was created with, checked
 * against a stored check value, so a wrong key fails here rather than turning names into garbage.
 */
function keyProtection(db: Database.Database, file: string, dataKey: string | undefined): KeyProtection {
  const settings: Settings = new Map(
    (db.prepare(`SELECT name, value FROM settings`).all() as { name: string; value: string }[]).map((row) => [row.name, row.value]),
  );
  const protection = settings.get('protection');
  if (protection === undefined) return protectNewStore(db, dataKey);
  if (protection === 'none') {
    if (dataKey === undefined) return rawKeys;
    throw new Error(
      `${file} was created without DATA_KEY and holds its keys unwrapped; start without DATA_KEY (wrapping an existing key store is not supported)`,
    );
  }
  if (protection !== 'scrypt') throw new Error(`${file} uses a key protection this version does not know (${protection})`);
  if (dataKey === undefined) throw new Error(`${file} is protected by DATA_KEY, but DATA_KEY is not set`);
  const kdf = JSON.parse(settings.get('kdf') ?? 'null') as ScryptSettings | null;
  if (!kdf || !kdf.salt) throw new Error(`${file} lacks its DATA_KEY settings; it was left untouched`);
  const masterKey = deriveMasterKey(dataKey, kdf);
  try {
    const check = openBox(masterKey, CHECK_AAD, Buffer.from(settings.get('check') ?? '', 'base64'));
    if (!check.equals(CHECK_PLAINTEXT)) throw new Error('check value differs');
  } catch {
    masterKey.fill(0);
    throw new Error(`DATA_KEY is not the key ${file} was created with; no key was read or changed`);
  }
  return wrappedKeys(masterKey);
}

function protectNewStore(db: Database.Database, dataKey: string | undefined): KeyProtection {
  const save = db.prepare(`INSERT INTO settings (name, value) VALUES (?, ?)`);
  if (dataKey === undefined) {
    save.run('protection', 'none');
    return rawKeys;
  }
  const kdf: ScryptSettings = { ...SCRYPT, salt: randomBytes(16).toString('base64') };
  const masterKey = deriveMasterKey(dataKey, kdf);
  save.run('protection', 'scrypt');
  save.run('kdf', JSON.stringify(kdf));
  save.run('check', sealBox(masterKey, CHECK_AAD, CHECK_PLAINTEXT).toString('base64'));
  return wrappedKeys(masterKey);
}

// ---------------------------------------------------------------------------------------------
// The key store

function openKeyStore(dataDir: string): { db: Database.Database; file: string } {
  const file = join(dataDir, KEY_STORE_FILE);
  const db = openLedgerDatabase(file, KEY_STORE_APPLICATION_ID, 'key store');
  try {
    // Before WAL is on: SQLite gives the -wal and -shm files the database file's permissions.
    chmodSync(file, 0o600);
    db.pragma('journal_mode = WAL');
    // An acknowledged key must survive a power cut: the events sealed with it are stored right after.
    db.pragma('synchronous = FULL');
    // Deleted keys are overwritten with zeros, not left in free pages where erasure would not reach them.
    db.pragma('secure_delete = ON');
    db.pragma('busy_timeout = 5000');
    db.exec(`
      CREATE TABLE IF NOT EXISTS keys (
        subject_id TEXT PRIMARY KEY,
        key        BLOB NOT NULL,
        created_at TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS erased (
        subject_id TEXT PRIMARY KEY,
        erased_at  TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE TABLE IF NOT EXISTS settings (
        name  TEXT PRIMARY KEY,
        value TEXT NOT NULL
      ) WITHOUT ROWID;
    `);
    db.pragma(`application_id = ${KEY_STORE_APPLICATION_ID}`);
  } catch (error) {
    db.close();
    throw error;
  }
  return { db, file };
}

export function checkSubjectId(subjectId: unknown): asserts subjectId is string {
  if (typeof subjectId !== 'string' || subjectId.trim() === '') throw new Error('a subject id must be a non-empty string');
}

export function isPlainRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Personal data sealed with a subject's key, opened: any alteration, or a box sealed for someone else, is refused. */
export function openPersonal(key: Buffer, subjectId: string, ciphertext: string): Record<string, unknown> {
  let plaintext: Buffer;
  try {
    plaintext = openBox(key, subjectAad(subjectId), Buffer.from(ciphertext, 'base64'));
  } catch {
    throw new Error(`the personal data sealed for subject ${subjectId} cannot be opened: it was altered or sealed for another subject`);
  }
  const personal: unknown = JSON.parse(plaintext.toString('utf8'));
  plaintext.fill(0);
  if (!isPlainRecord(personal)) throw new Error(`the personal data sealed for subject ${subjectId} is not an object`);
  return personal;
}

export function createVault(options: VaultOptions): Vault {
  if (options.dataKey === '') throw new Error('DATA_KEY is set but empty; unset it or give it a value');
  const { db, file } = openKeyStore(options.dataDir);
  let protection: KeyProtection;
  try {
    // IMMEDIATE: two processes creating the store at once agree on one salt and check value.
    protection = db.transaction(() => keyProtection(db, file, options.dataKey)).immediate();
  } catch (error) {
    db.close();
    throw error;
  }

  const selectKey = db.prepare<[string], { key: Buffer }>(`SELECT key FROM keys WHERE subject_id = ?`);
  const insertKey = db.prepare(`INSERT OR IGNORE INTO keys (subject_id, key, created_at) VALUES (?, ?, ?)`);
  const deleteKey = db.prepare(`DELETE FROM keys WHERE subject_id = ?`);
  const selectErased = db.prepare<[string], { subject_id: string }>(`SELECT subject_id FROM erased WHERE subject_id = ?`);
  const insertErased = db.prepare(`INSERT OR IGNORE INTO erased (subject_id, erased_at) VALUES (?, ?)`);
  const dataVersion = db.prepare(`PRAGMA data_version`).pluck();

  /**
   * Unwrapped keys, and erasures, by subject, least recently used first. Bounded: a programme
   * registers people for years, and a server must not hold every key it ever opened.
   */
  type Known = Buffer | 'erased';
  const cache = new Map<string, Known>();
  const cachedSubjects = Math.max(1, options.cachedSubjects ?? 10_000);
  let seenVersion = dataVersion.get();

  function remember(subjectId: string, known: Known): void {
    cache.delete(subjectId);
    cache.set(subjectId, known);
    if (cache.size <= cachedSubjects) return;
    const [oldest, forgotten] = cache.entries().next().value!;
    cache.delete(oldest);
    if (forgotten !== 'erased') forgotten.fill(0);
  }

  /**
   * A key in a buffer of its own: one unwrapped into a slice of Node's shared 8 KiB pool would
   * keep the whole block alive for as long as it is cached.
   */
  function unpooled(key: Buffer): Buffer {
    const copy = Buffer.alloc(key.length);
    key.copy(copy);
    key.fill(0);
    return copy;
  }

  function forgetCache(): void {
    for (const known of cache.values()) if (known !== 'erased') known.fill(0);
    cache.clear();
  }

  /**
   * Another process (the server, a rebuild) may have erased someone since: then nothing cached is
   * trusted. `data_version` changes only on other connections' commits, so our own writes keep the cache.
   */
  function refreshCache(): void {
    const version = dataVersion.get();
    if (version !== seenVersion) {
      seenVersion = version;
      forgetCache();
    }
  }

  function known(subjectId: string): Known | undefined {
    refreshCache();
    const cached = cache.get(subjectId);
    if (cached) {
      remember(subjectId, cached);
      return cached;
    }
    if (selectErased.get(subjectId)) {
      remember(subjectId, 'erased');
      return 'erased';
    }
    const row = selectKey.get(subjectId);
    if (!row) return undefined;
    const key = unpooled(protection.unwrap(subjectId, row.key));
    remember(subjectId, key);
    return key;
  }

  /** INSERT OR IGNORE, then read back: if another process created the key first, both use that one. */
  const createKey = db.transaction((subjectId: string): Known => {
    if (selectErased.get(subjectId)) return 'erased';
    const fresh = randomBytes(KEY_BYTES);
    insertKey.run(subjectId, protection.wrap(subjectId, fresh), new Date().toISOString());
    fresh.fill(0);
    return unpooled(protection.unwrap(subjectId, selectKey.get(subjectId)!.key));
  });

  const createKeys = db.transaction((subjectIds: readonly string[]) => {
    const at = new Date().toISOString();
    for (const subjectId of subjectIds) {
      if (selectErased.get(subjectId) || selectKey.get(subjectId)) continue;
      const fresh = randomBytes(KEY_BYTES);
      insertKey.run(subjectId, protection.wrap(subjectId, fresh), at);
      fresh.fill(0);
    }
  });

  const eraseKey = db.transaction((subjectId: string) => {
    deleteKey.run(subjectId);
    insertErased.run(subjectId, new Date().toISOString());
  });

  return {
    prepareKeys(subjectIds) {
      subjectIds.forEach(checkSubjectId);
      if (subjectIds.length > 0) createKeys.immediate(subjectIds);
    },

    seal(subjectId, personal) {
      checkSubjectId(subjectId);
      if (!isPlainRecord(personal)) throw new Error('personal data must be an object');
      let key = known(subjectId);
      if (key === undefined) {
        key = createKey.immediate(subjectId);
        remember(subjectId, key);
      }
      if (key === 'erased') throw conflict(`subject ${subjectId} has been erased; no personal data can be stored for them`);
      return { v: 1, ciphertext: sealBox(key, subjectAad(subjectId), paddedJson(personal)).toString('base64') };
    },

    open(subjectId, sealed) {
      checkSubjectId(subjectId);
      const parsed = SealedPersonal.safeParse(sealed);
      if (!parsed.success) throw new Error(`the personal data of subject ${subjectId} is not a sealed value`);
      const key = known(subjectId);
      if (key === 'erased') return null;
      // No key and no erasure means keys.db lost it (replaced, restored from an old backup): say so, never pretend the person was erased.
      if (key === undefined) throw new Error(`${file} holds no key for subject ${subjectId}; was keys.db replaced or restored from an older backup?`);
      return openPersonal(key, subjectId, parsed.data.ciphertext);
    },

    erase(subjectId) {
      checkSubjectId(subjectId);
      eraseKey.immediate(subjectId);
      const cached = cache.get(subjectId);
      if (cached && cached !== 'erased') cached.fill(0);
      remember(subjectId, 'erased');
      // The deleted key's page still sits in the WAL until a checkpoint; copy it back and empty the WAL now.
      // (If another connection is reading at this moment, the checkpoint is partial and a later one finishes it.)
      db.pragma('wal_checkpoint(TRUNCATE)');
    },

    isErased(subjectId) {
      checkSubjectId(subjectId);
      return known(subjectId) === 'erased';
    },

    close() {
      if (!db.open) return;
      forgetCache();
      protection.forget();
      db.close();
    },
  };
}
