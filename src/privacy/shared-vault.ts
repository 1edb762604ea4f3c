import { randomBytes } from 'node:crypto';
import { conflict } from '../domain/shared/errors.js';
import type { EventStore } from '../store/port.js';
import { wrongExpectedRevision, isWrongExpectedRevision } from '../store/port.js';
import { STREAM_DELETED, isStreamTombstoned, type SideEvent, type SideStreams } from '../store/kurrentdb-streams.js';
import {
  CHECK_AAD,
  CHECK_PLAINTEXT,
  KEY_BYTES,
  SCRYPT,
  SealedPersonal,
  checkSubjectId,
  deriveMasterKey,
  isPlainRecord,
  openBox,
  openPersonal,
  paddedJson,
  rawKeys,
  sealBox,
  subjectAad,
  wrappedKeys,
  type KeyProtection,
  type ScryptSettings,
  type Vault,
} from './vault.js';

/**
 * People's keys in KurrentDB, for several API servers on one log (src/privacy/vault.ts keeps them
 * in `keys.db` for a single server). Each person's key is the one event of the stream
 * `person-key-<subjectId>`, wrapped by DATA_KEY exactly as keys.db wraps it (or raw without it,
 * as keys.db does: the protection is chosen once, by the first server, in `ledger-key-protection`,
 * and every server must start with the same DATA_KEY).
 *
 * Every server holds every key it has seen in memory (as the name index holds every name), read
 * at start from `$all` filtered on `person-key-` and then followed live. So opening a name never
 * waits for the network, and a key written by another server arrives within the subscription's
 * latency; a key not arrived yet is fetched in the background and that one field answers
 * PERSONAL_DATA_UNAVAILABLE until it is there.
 *
 * A new key is sealed with at once but stored (appended with `no_stream`) before the events sealed
 * with it: `keysBeforeEvents` wraps the store's append. Should another server have stored a key
 * for the same person first, the append is refused as a conflict, the stored key is taken and the
 * command is decided and sealed again with it.
 *
 * Erasure tombstones the key stream (a hard delete: it cannot be written again, so no server can
 * give the person a new key). Every server follows the tombstones (KurrentDB's `$streamDeleted`
 * event in that stream): each drops the key from memory when it arrives, so a server that had the
 * key cached answers the name as erased within the subscription's latency. The key's event stays
 * on KurrentDB's disk until a scavenge: the operator runs one after erasures (README).
 */

export const PERSON_KEY_PREFIX = 'person-key-';
export const KEY_PROTECTION_STREAM = 'ledger-key-protection';
export const KEY_CREATED = 'PersonKeyCreated';
export const PROTECTION_CHOSEN = 'KeyProtectionChosen';
/** Keys stored at once when many wait (an import). */
const STORE_CONCURRENCY = 32;

export const personKeyStream = (subjectId: string) => `${PERSON_KEY_PREFIX}${subjectId}`;

export interface SharedVault extends Vault {
  /** Stores the keys created since the last call, before any event sealed with them is appended. */
  storePendingKeys(): Promise<void>;
  /** Resolves when the erasures asked so far have reached KurrentDB (or failed and were logged). */
  settled(): Promise<void>;
}

export interface SharedVaultOptions {
  readonly streams: SideStreams;
  readonly dataKey?: string;
  readonly logger?: { warn(details: object, message: string): void };
}

type ProtectionChoice = { protection: 'none' } | { protection: 'scrypt'; kdf: ScryptSettings; check: string };

/** The key protection every server shares: the first server's choice, checked against this one's DATA_KEY. */
async function sharedProtection(streams: SideStreams, dataKey: string | undefined): Promise<KeyProtection> {
  const where = `KurrentDB's ${KEY_PROTECTION_STREAM}`;
  let [chosen] = await streams.read(KEY_PROTECTION_STREAM, { maxCount: 1 });
  if (!chosen) {
    let choice: ProtectionChoice = { protection: 'none' };
    if (dataKey !== undefined) {
      const kdf: ScryptSettings = { ...SCRYPT, salt: randomBytes(16).toString('base64') };
      const master = deriveMasterKey(dataKey, kdf);
      choice = { protection: 'scrypt', kdf, check: sealBox(master, CHECK_AAD, CHECK_PLAINTEXT).toString('base64') };
      master.fill(0);
    }
    try {
      await streams.append(KEY_PROTECTION_STREAM, [{ type: PROTECTION_CHOSEN, data: choice }], 'no_stream');
    } catch (error) {
      if (!isWrongExpectedRevision(error)) throw error; // another server chose first: take its choice
    }
    [chosen] = await streams.read(KEY_PROTECTION_STREAM, { maxCount: 1 });
  }
  const choice = chosen!.data as ProtectionChoice;
  if (choice.protection === 'none') {
    if (dataKey === undefined) return rawKeys;
    throw new Error(`${where} says the keys are stored without DATA_KEY; start every server without DATA_KEY (wrapping existing keys is not supported)`);
  }
  if (choice.protection !== 'scrypt') throw new Error(`${where} names a key protection this version does not know`);
  if (dataKey === undefined) throw new Error(`${where} says the keys are protected by DATA_KEY, but DATA_KEY is not set`);
  const master = deriveMasterKey(dataKey, choice.kdf);
  try {
    if (!openBox(master, CHECK_AAD, Buffer.from(choice.check, 'base64')).equals(CHECK_PLAINTEXT)) throw new Error('check value differs');
  } catch {
    master.fill(0);
    throw new Error(`DATA_KEY is not the key the other servers use (${where}); no key was read or changed`);
  }
  return wrappedKeys(master);
}

const subjectOf = (streamId: string) => streamId.slice(PERSON_KEY_PREFIX.length);

export async function openSharedVault(options: SharedVaultOptions): Promise<SharedVault> {
  if (options.dataKey === '') throw new Error('DATA_KEY is set but empty; unset it or give it a value');
  const { streams } = options;
  const protection = await sharedProtection(streams, options.dataKey);

  /** Every key known here, unwrapped, each in a buffer of its own. */
  const keys = new Map<string, Buffer>();
  const erased = new Set<string>();
  /** Keys sealed with here but not stored yet, and the stores under way. */
  const pending = new Map<string, Buffer>();
  const storing = new Map<string, Promise<void>>();
  const fetching = new Map<string, Promise<void>>();
  const erasing = new Set<Promise<void>>();
  const closing = new AbortController();

  const forgetKey = (subjectId: string) => {
    keys.get(subjectId)?.fill(0);
    keys.delete(subjectId);
  };
  const unwrap = (subjectId: string, data: unknown): Buffer => {
    const stored = Buffer.from(String((data as { key?: unknown } | null)?.key ?? ''), 'base64');
    const key = protection.unwrap(subjectId, stored);
    const copy = Buffer.alloc(key.length);
    key.copy(copy);
    key.fill(0);
    return copy;
  };

  /** One event of a key stream, from the start-up read, the subscription or a fetch. */
  function apply(event: SideEvent): void {
    const subjectId = subjectOf(event.streamId);
    if (event.type === STREAM_DELETED) {
      erased.add(subjectId);
      forgetKey(subjectId);
      return;
    }
    // A key being stored here is settled by its own append, whatever arrives meanwhile.
    if (event.type !== KEY_CREATED || erased.has(subjectId) || pending.has(subjectId) || keys.has(subjectId)) return;
    try {
      keys.set(subjectId, unwrap(subjectId, event.data));
    } catch (error) {
      options.logger?.warn({ subjectId, reason: (error as Error).message }, 'a stored person key cannot be unwrapped');
    }
  }

  /** Reads one person's key stream now: the key, or their erasure. */
  function fetch(subjectId: string): Promise<void> {
    let underway = fetching.get(subjectId);
    if (!underway) {
      underway = streams
        .read(personKeyStream(subjectId), { maxCount: 1 })
        .then((events) => events.forEach(apply))
        .catch((error) => {
          if (isStreamTombstoned(error)) return apply({ streamId: personKeyStream(subjectId), type: STREAM_DELETED, data: null, revision: 0n, position: 0n });
          options.logger?.warn({ subjectId, reason: (error as Error).message }, 'a person key could not be read from KurrentDB');
        })
        .finally(() => fetching.delete(subjectId));
      fetching.set(subjectId, underway);
    }
    return underway;
  }

  async function store(subjectId: string, key: Buffer): Promise<void> {
    try {
      await streams.append(personKeyStream(subjectId), [{ type: KEY_CREATED, data: { key: protection.wrap(subjectId, key).toString('base64') } }], 'no_stream');
      if (pending.get(subjectId) === key) pending.delete(subjectId);
    } catch (error) {
      if (!isWrongExpectedRevision(error) && !isStreamTombstoned(error)) throw error;
      // Another server stored a key first, or erased the person: take what is stored, and have the
      // command decide and seal again (the ledger retries on a wrong expected revision).
      pending.delete(subjectId);
      forgetKey(subjectId);
      await fetch(subjectId);
      throw wrongExpectedRevision(personKeyStream(subjectId), 'no_stream', 0n);
    }
  }

  let position = 0n;
  for (const event of await streams.readPrefix(PERSON_KEY_PREFIX, 0n)) {
    apply(event);
    position = event.position;
  }
  void streams.follow(PERSON_KEY_PREFIX, position, apply, closing.signal, (error) =>
    options.logger?.warn({ reason: (error as Error).message }, 'the subscription to person keys dropped; resubscribing'),
  );

  function known(subjectId: string): Buffer | 'erased' | undefined {
    if (erased.has(subjectId)) return 'erased';
    return keys.get(subjectId);
  }

  function create(subjectId: string): Buffer {
    const key = randomBytes(KEY_BYTES);
    const own = Buffer.alloc(KEY_BYTES);
    key.copy(own);
    key.fill(0);
    keys.set(subjectId, own);
    pending.set(subjectId, own);
    return own;
  }

  function tombstone(subjectId: string): void {
    const work = (async () => {
      for (let attempt = 1; ; attempt++) {
        try {
          await streams.tombstone(personKeyStream(subjectId));
          return;
        } catch (error) {
          if (attempt >= 3 || closing.signal.aborted) {
            // The erasure list and the erased participants are erased again at the next start.
            options.logger?.warn({ subjectId, reason: (error as Error).message }, 'a person key stream could not be deleted yet; the next start retries');
            return;
          }
          await new Promise((resolve) => setTimeout(resolve, 200 * attempt));
        }
      }
    })();
    erasing.add(work);
    void work.finally(() => erasing.delete(work));
  }

  return {
    prepareKeys(subjectIds) {
      subjectIds.forEach(checkSubjectId);
      for (const subjectId of subjectIds) if (known(subjectId) === undefined) create(subjectId);
    },

    seal(subjectId, personal) {
      checkSubjectId(subjectId);
      if (!isPlainRecord(personal)) throw new Error('personal data must be an object');
      const key = known(subjectId) ?? create(subjectId);
      if (key === 'erased') throw conflict(`subject ${subjectId} has been erased; no personal data can be stored for them`);
      return { v: 1, ciphertext: sealBox(key, subjectAad(subjectId), paddedJson(personal)).toString('base64') };
    },

    open(subjectId, sealed) {
      checkSubjectId(subjectId);
      const parsed = SealedPersonal.safeParse(sealed);
      if (!parsed.success) throw new Error(`the personal data of subject ${subjectId} is not a sealed value`);
      const key = known(subjectId);
      if (key === 'erased') return null;
      if (key === undefined) {
        void fetch(subjectId);
        throw new Error(`this server has not received the key of subject ${subjectId} from KurrentDB yet`);
      }
      return openPersonal(key, subjectId, parsed.data.ciphertext);
    },

    erase(subjectId) {
      checkSubjectId(subjectId);
      if (erased.has(subjectId)) return; // known tombstoned: nothing to delete again
      erased.add(subjectId);
      pending.delete(subjectId);
      forgetKey(subjectId);
      tombstone(subjectId);
    },

    isErased(subjectId) {
      checkSubjectId(subjectId);
      return erased.has(subjectId);
    },

    async storePendingKeys() {
      const results: PromiseSettledResult<void>[] = [];
      // A few dozen at a time: an import prepares the keys of thousands of people at once.
      const waiting = [...pending];
      for (let start = 0; start < waiting.length; start += STORE_CONCURRENCY) {
        const work = waiting.slice(start, start + STORE_CONCURRENCY).map(([subjectId, key]) => {
          let underway = storing.get(subjectId);
          if (!underway) {
            underway = store(subjectId, key).finally(() => storing.delete(subjectId));
            storing.set(subjectId, underway);
          }
          return underway;
        });
        // Every store settles before the first failure is reported, so none is left half-known.
        results.push(...(await Promise.allSettled(work)));
      }
      const failed = results.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
    },

    async settled() {
      while (erasing.size > 0) await Promise.allSettled([...erasing]);
    },

    close() {
      closing.abort();
      for (const key of keys.values()) key.fill(0);
      keys.clear();
      pending.clear();
      protection.forget();
    },
  };
}

/** The store the ledger writes through: a person's new key reaches KurrentDB before any event sealed with it. */
export function keysBeforeEvents<S extends EventStore>(store: S, vault: SharedVault): S {
  return Object.assign(Object.create(store) as S, {
    async append(...args: Parameters<EventStore['append']>) {
      await vault.storePendingKeys();
      return store.append(...args);
    },
  });
}
