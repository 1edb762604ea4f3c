import { createDecipheriv, scryptSync } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { createVault, KEY_STORE_FILE, SealedPersonal, type Sealed, type Vault } from '../../src/privacy/vault.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';

const amra = { givenName: 'Amra', familyName: 'Hodžić' };
const dataKey = 'correct horse battery staple';

const dirs: string[] = [];
const vaults: Vault[] = [];
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-vault-'));
  dirs.push(dir);
  return dir;
}
function openVault(dataDir: string, key?: string): Vault {
  const vault = createVault({ dataDir, ...(key !== undefined ? { dataKey: key } : {}) });
  vaults.push(vault);
  return vault;
}
afterEach(() => {
  for (const vault of vaults.splice(0)) vault.close();
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** Every byte of every file under the data directory: keys.db, its -wal and -shm, anything else. */
function filesUnder(dir: string): { name: string; bytes: Buffer }[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => ({ name: join(entry.parentPath, entry.name), bytes: readFileSync(join(entry.parentPath, entry.name)) }));
}
const filesContaining = (dir: string, needle: Buffer) => filesUnder(dir).filter(({ bytes }) => bytes.includes(needle)).map(({ name }) => name);

/** Reads keys.db the way an attacker with a copy of the data directory would. */
function storedRow(dir: string, subjectId: string): Buffer | undefined {
  const db = new Database(join(dir, KEY_STORE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT key FROM keys WHERE subject_id = ?').get(subjectId) as { key: Buffer } | undefined)?.key;
  } finally {
    db.close();
  }
}
function storedSetting(dir: string, name: string): string {
  const db = new Database(join(dir, KEY_STORE_FILE), { readonly: true });
  try {
    return (db.prepare('SELECT value FROM settings WHERE name = ?').get(name) as { value: string }).value;
  } finally {
    db.close();
  }
}

/** AES-256-GCM of the vault's format (IV 12 ‖ tag 16 ‖ ciphertext), done by hand to check what is on disk. */
function openByHand(key: Buffer, aad: string, box: Buffer): Buffer {
  const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, 12));
  decipher.setAAD(Buffer.from(aad));
  decipher.setAuthTag(box.subarray(12, 28));
  return Buffer.concat([decipher.update(box.subarray(28)), decipher.final()]);
}

function thrown(action: () => unknown): Error {
  try {
    action();
  } catch (error) {
    return error as Error;
  }
  throw new Error('expected an error');
}

describe('sealing and opening', () => {
  it('given a participant, when their names are sealed and opened, then the same names come back', () => {
    const vault = openVault(temporaryDir());
    const sealed = vault.seal('p1', amra);
    expect(SealedPersonal.parse(sealed)).toEqual(sealed);
    expect(vault.open('p1', sealed)).toEqual(amra);
  });

  it('given a sealed value in an event, when it is stored as JSON and read back, then it still opens', () => {
    const vault = openVault(temporaryDir());
    const stored: unknown = JSON.parse(JSON.stringify({ personal: vault.seal('p1', amra) }));
    expect(vault.open('p1', SealedPersonal.parse((stored as { personal: unknown }).personal))).toEqual(amra);
  });

  it('given the same names sealed twice, when the ciphertexts are compared, then they differ (a fresh IV each time)', () => {
    const vault = openVault(temporaryDir());
    const first = vault.seal('p1', amra);
    const second = vault.seal('p1', amra);
    expect(first.ciphertext).not.toBe(second.ciphertext);
    expect(Buffer.from(first.ciphertext, 'base64').subarray(0, 12)).not.toEqual(Buffer.from(second.ciphertext, 'base64').subarray(0, 12));
    expect(vault.open('p1', second)).toEqual(amra);
  });

  it('given a short and a long name, when sealed, then the ciphertexts have the same length (names are padded)', () => {
    const vault = openVault(temporaryDir());
    const short = vault.seal('p1', { givenName: 'Ana', familyName: 'Ilić' });
    const long = vault.seal('p2', { givenName: 'Aleksandra-Milica', familyName: 'Stefanović-Radovanović' });
    expect(short.ciphertext.length).toBe(long.ciphertext.length);
  });

  it('given names sealed for several people, when every file of the data directory and every sealed JSON is searched, then no name appears', () => {
    const dir = temporaryDir();
    const vault = openVault(dir);
    const people = [amra, { givenName: 'Đorđe', familyName: 'Šćepanović' }, { givenName: 'Zlatija', familyName: 'Berisha' }];
    const sealed = people.map((person, index) => vault.seal(`p${index}`, person));
    // The vault is still open: keys.db-wal holds the latest writes.
    expect(readdirSync(dir)).toContain(`${KEY_STORE_FILE}-wal`);
    const sealedJson = Buffer.from(JSON.stringify(sealed));
    for (const name of people.flatMap((person) => [person.givenName, person.familyName])) {
      expect(filesContaining(dir, Buffer.from(name)), name).toEqual([]);
      expect(sealedJson.includes(Buffer.from(name)), name).toBe(false);
    }
  });

  it('given more people than the key cache holds, when the first ones are opened again and one is erased, then their names still open and the erasure holds', () => {
    const dir = temporaryDir();
    const vault = createVault({ dataDir: dir, cachedSubjects: 3 });
    vaults.push(vault);
    const sealed = Array.from({ length: 8 }, (_, index) => vault.seal(`p${index}`, { givenName: `Child ${index}` }));
    vault.erase('p6');

    expect(sealed.map((value, index) => vault.open(`p${index}`, value))).toEqual(
      sealed.map((_, index) => (index === 6 ? null : { givenName: `Child ${index}` })),
    );
    for (let index = 0; index < 8; index++) vault.open('p7', sealed[7]!);
    expect(vault.isErased('p6')).toBe(true);
    expect(() => vault.seal('p6', amra)).toThrow(/erased/);
  });

  it('given a new key store, when it is created, then keys.db and its WAL are readable by the owner only', () => {
    const dir = temporaryDir();
    openVault(dir).seal('p1', amra);
    expect(statSync(join(dir, KEY_STORE_FILE)).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, `${KEY_STORE_FILE}-wal`)).mode & 0o777).toBe(0o600);
  });

  it('given a value sealed for one person, when it is opened as another person, then it throws rather than returning anything', () => {
    const vault = openVault(temporaryDir());
    const sealed = vault.seal('p1', amra);
    vault.seal('p2', { givenName: 'Other', familyName: 'Person' });
    expect(thrown(() => vault.open('p2', sealed)).message).toMatch(/cannot be opened/);
  });

  it('given a sealed value with one byte changed, anywhere, when opened, then it throws', () => {
    const vault = openVault(temporaryDir());
    const sealed = vault.seal('p1', amra);
    const bytes = Buffer.from(sealed.ciphertext, 'base64');
    for (const position of [0, 12, 27, 28, bytes.length - 1]) {
      const tampered = Buffer.from(bytes);
      tampered[position]! ^= 0x01;
      const forged: Sealed = { v: 1, ciphertext: tampered.toString('base64') };
      expect(thrown(() => vault.open('p1', forged)).message, `byte ${position}`).toMatch(/cannot be opened/);
    }
    expect(thrown(() => vault.open('p1', { v: 1, ciphertext: bytes.subarray(0, 20).toString('base64') })).message).toMatch(/cannot be opened/);
  });

  it('given something that is not a sealed value, when opened, then it throws', () => {
    const vault = openVault(temporaryDir());
    vault.seal('p1', amra);
    expect(() => vault.open('p1', amra as unknown as Sealed)).toThrow(/not a sealed value/);
    expect(() => vault.open('p1', { v: 2, ciphertext: 'AAAA' } as unknown as Sealed)).toThrow(/not a sealed value/);
  });

  it('given a person with no key and no erasure (keys.db lost), when their sealed value is opened, then it throws instead of looking erased', () => {
    const sealed = openVault(temporaryDir()).seal('p1', amra);
    const elsewhere = openVault(temporaryDir());
    expect(() => elsewhere.open('p1', sealed)).toThrow(/holds no key for subject p1/);
  });

  it('given an event log at the path of keys.db, when the vault opens, then the file is refused and left untouched', async () => {
    const dir = temporaryDir();
    const events = createSqliteEventStore({ file: join(dir, KEY_STORE_FILE) });
    await events.close();
    const before = readFileSync(join(dir, KEY_STORE_FILE));
    expect(() => openVault(dir)).toThrow(/not a centre-ledger key store/);
    expect(readFileSync(join(dir, KEY_STORE_FILE)).equals(before)).toBe(true);
  });
});

describe('erasure', () => {
  it('given a sealed person, when they are erased, then open gives null, isErased is true, the key row is gone and the key bytes are nowhere on disk', () => {
    const dir = temporaryDir();
    const vault = openVault(dir);
    const sealed = vault.seal('p1', amra);
    const other = vault.seal('p2', { givenName: 'Stays', familyName: 'Here' });
    const rawKey = storedRow(dir, 'p1')!;
    expect(filesContaining(dir, rawKey)).not.toEqual([]);

    vault.erase('p1');

    expect(vault.open('p1', sealed)).toBeNull();
    expect(vault.isErased('p1')).toBe(true);
    expect(vault.isErased('p2')).toBe(false);
    expect(storedRow(dir, 'p1')).toBeUndefined();
    expect(filesContaining(dir, rawKey)).toEqual([]);
    expect(vault.open('p2', other)).toEqual({ givenName: 'Stays', familyName: 'Here' });
  });

  it('given an erased person, when the vault is reopened, then their old ciphertext still does not open', () => {
    const dir = temporaryDir();
    const vault = openVault(dir);
    const sealed = vault.seal('p1', amra);
    vault.erase('p1');
    vault.close();
    const reopened = openVault(dir);
    expect(reopened.isErased('p1')).toBe(true);
    expect(reopened.open('p1', sealed)).toBeNull();
  });

  it('given an erased person, when names are sealed for them again, then it is a CONFLICT and no key is made', () => {
    const dir = temporaryDir();
    const vault = openVault(dir);
    vault.seal('p1', amra);
    vault.erase('p1');
    const error = thrown(() => vault.seal('p1', amra));
    expect(isDomainError(error) && error.code).toBe('CONFLICT');
    expect(storedRow(dir, 'p1')).toBeUndefined();
  });

  it('given a person erased twice, or before anything was sealed, when erased, then it is accepted and they stay erased', () => {
    const vault = openVault(temporaryDir());
    vault.erase('never-sealed');
    vault.erase('never-sealed');
    expect(vault.isErased('never-sealed')).toBe(true);
    expect(() => vault.seal('never-sealed', amra)).toThrow(/erased/);
  });

  it('given a key cached by one process, when another process erases the person, then the first no longer opens their names', () => {
    const dir = temporaryDir();
    const server = openVault(dir);
    const sealed = server.seal('p1', amra);
    expect(server.open('p1', sealed)).toEqual(amra);
    openVault(dir).erase('p1');
    expect(server.open('p1', sealed)).toBeNull();
    expect(() => server.seal('p1', amra)).toThrow(/erased/);
  });
});

describe('keys at rest', () => {
  it('given no DATA_KEY, when a key is stored, then it is the raw 32-byte key (the documented trade-off)', () => {
    const dir = temporaryDir();
    const sealed = openVault(dir).seal('p1', amra);
    const stored = storedRow(dir, 'p1')!;
    expect(stored).toHaveLength(32);
    expect(JSON.parse(openByHand(stored, 'p1', Buffer.from(sealed.ciphertext, 'base64')).toString())).toEqual(amra);
  });

  it('given DATA_KEY, when a key is stored, then the stored bytes are wrapped and the raw key appears in no file', () => {
    const dir = temporaryDir();
    const vault = openVault(dir, dataKey);
    const sealed = vault.seal('p1', amra);
    const stored = storedRow(dir, 'p1')!;
    expect(stored.length).not.toBe(32);
    expect(() => openByHand(stored.subarray(0, 32), 'p1', Buffer.from(sealed.ciphertext, 'base64'))).toThrow();

    // Unwrap by hand with the master key derived from DATA_KEY: that is the raw key, and it opens the names...
    const kdf = JSON.parse(storedSetting(dir, 'kdf')) as { N: number; r: number; p: number; salt: string };
    const master = scryptSync(dataKey, Buffer.from(kdf.salt, 'base64'), 32, { N: kdf.N, r: kdf.r, p: kdf.p, maxmem: 256 * kdf.N * kdf.r });
    const rawKey = openByHand(master, 'key:p1', stored);
    expect(rawKey).toHaveLength(32);
    expect(rawKey.equals(stored)).toBe(false);
    expect(JSON.parse(openByHand(rawKey, 'p1', Buffer.from(sealed.ciphertext, 'base64')).toString())).toEqual(amra);
    // ...but neither it nor the master key is written anywhere under the data directory.
    expect(filesContaining(dir, rawKey)).toEqual([]);
    expect(filesContaining(dir, master)).toEqual([]);
  });

  it('given a store made with DATA_KEY, when reopened with the same DATA_KEY, then old names still open', () => {
    const dir = temporaryDir();
    const first = openVault(dir, dataKey);
    const sealed = first.seal('p1', amra);
    first.close();
    expect(openVault(dir, dataKey).open('p1', sealed)).toEqual(amra);
  });

  it('given a store made with DATA_KEY, when reopened with a wrong DATA_KEY, then start fails with a clear message and the store still works with the right one', () => {
    const dir = temporaryDir();
    const first = openVault(dir, dataKey);
    const sealed = first.seal('p1', amra);
    first.close();
    expect(() => openVault(dir, 'wrong horse battery staple')).toThrow(/DATA_KEY is not the key .*keys\.db was created with/);
    expect(() => openVault(dir)).toThrow(/protected by DATA_KEY, but DATA_KEY is not set/);
    expect(openVault(dir, dataKey).open('p1', sealed)).toEqual(amra);
  });

  it('given a store made without DATA_KEY, when reopened with one, then start fails instead of mixing raw and wrapped keys', () => {
    const dir = temporaryDir();
    openVault(dir).seal('p1', amra);
    vaults.pop()!.close();
    expect(() => openVault(dir, dataKey)).toThrow(/created without DATA_KEY/);
  });

  it('given an empty DATA_KEY, when the vault opens, then it is refused rather than silently storing raw keys', () => {
    expect(() => openVault(temporaryDir(), '')).toThrow(/DATA_KEY is set but empty/);
  });
});
