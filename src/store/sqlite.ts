import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  wrongExpectedRevision,
  duplicateCommand,
  type AppendOptions,
  type AppendResult,
  type CommandRecord,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from './port.js';
import { openWalDurability, type SyncWal } from './wal-sync.js';

/** Marks a file as this ledger's event log, so a foreign SQLite file is refused, not altered. */
export const EVENT_LOG_APPLICATION_ID = 0x43_4c_45_56; // "CLEV"

/**
 * FULL (default): an append is acknowledged once it is on disk, so it survives a power cut; it is
 * implemented as a commit without fsync plus an asynchronous sync of the WAL (see below).
 * NORMAL: acknowledged at commit; a power cut may take the last writes back (not a kill).
 */
export type Synchronous = 'FULL' | 'NORMAL';

export interface SqliteEventStoreOptions {
  readonly file: string;
  readonly synchronous?: Synchronous;
  /**
   * For a connection that reads what another connection appends (the views' thread): the position
   * up to which that connection has made the log durable. Reads never go beyond it.
   */
  readonly durablePosition?: () => bigint;
  /** How the WAL's file descriptor is synced (default: fs.fdatasync, on libuv's thread pool). Tests hold it back. */
  readonly syncWal?: SyncWal;
  /** How often to look for events appended by another process (ms). */
  readonly pollIntervalMs?: number;
  /**
   * Tells subscribers that another connection to this file has appended, so that they read at
   * once rather than at the next poll (the views' thread is told by the thread that appends).
   * Given a listener, returns a function that removes it.
   */
  readonly appendedElsewhere?: (listener: () => void) => () => void;
  /**
   * Concurrent appends share one transaction and one fsync (default true). false commits each
   * append on its own, at once: for comparisons in the benchmarks.
   */
  readonly groupCommit?: boolean;
}

interface EventRow {
  position: number;
  id: string;
  stream_id: string;
  revision: number;
  type: string;
  data: string;
  metadata: string;
}

const toRecorded = (row: EventRow): RecordedEvent => ({
  id: row.id,
  streamId: row.stream_id,
  revision: BigInt(row.revision),
  position: BigInt(row.position),
  type: row.type,
  data: JSON.parse(row.data),
  metadata: JSON.parse(row.metadata),
});

/** Opens a SQLite file that is ours or new; anything else is refused with a message and left untouched. */
export function openLedgerDatabase(file: string, applicationId: number, what: string, readonly = false): Database.Database {
  const existed = existsSync(file);
  if (!existed) mkdirSync(dirname(file), { recursive: true });
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: readonly && existed, fileMustExist: readonly });
    const foundId = db.pragma('application_id', { simple: true }) as number;
    const tables = db.prepare(`SELECT count(*) AS n FROM sqlite_schema`).get() as { n: number };
    if (foundId !== applicationId && (foundId !== 0 || tables.n > 0)) {
      db.close();
      throw new Error(`${file} is not a centre-ledger ${what}; it was left untouched`);
    }
  } catch (error) {
    if (error instanceof Error && error.message.includes('left untouched')) throw error;
    throw new Error(`${file} cannot be opened as a centre-ledger ${what} (${(error as Error).message}); it was left untouched`, {
      cause: error,
    });
  }
  return db;
}

/** The log's table, constraints included (the storage benchmark's raw baseline writes the same one). */
export const EVENTS_TABLE = `CREATE TABLE IF NOT EXISTS events (
      position  INTEGER PRIMARY KEY AUTOINCREMENT,
      id        TEXT    NOT NULL UNIQUE,
      stream_id TEXT    NOT NULL,
      revision  INTEGER NOT NULL,
      type      TEXT    NOT NULL,
      data      TEXT    NOT NULL,
      metadata  TEXT    NOT NULL,
      UNIQUE (stream_id, revision)
    )`;

export function createSqliteEventStore(options: SqliteEventStoreOptions): EventStore {
  const db = openLedgerDatabase(options.file, EVENT_LOG_APPLICATION_ID, 'event log');
  db.pragma('journal_mode = WAL');
  // FULL's fsync is ours (durability below), after a commit with NORMAL's: none at commit, and a
  // checkpoint syncs the WAL before and the database after copying, so a WAL reset loses nothing.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    ${EVENTS_TABLE};
    CREATE TABLE IF NOT EXISTS commands (
      command_id  TEXT PRIMARY KEY,
      fingerprint TEXT NOT NULL,
      result      TEXT NOT NULL,
      position    INTEGER NOT NULL
    );
  `);
  db.pragma(`application_id = ${EVENT_LOG_APPLICATION_ID}`);

  const lastRevision = db.prepare<[string], { revision: number; position: number }>(
    `SELECT revision, position FROM events WHERE stream_id = ? ORDER BY revision DESC LIMIT 1`,
  );
  const insertEvent = db.prepare(
    `INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)`,
  );
  const insertCommand = db.prepare(`INSERT INTO commands (command_id, fingerprint, result, position) VALUES (?, ?, ?, ?)`);
  const eventById = db.prepare<[string], { stream_id: string; revision: number; position: number }>(
    `SELECT stream_id, revision, position FROM events WHERE id = ?`,
  );
  const streamEvents = db.prepare<[string], EventRow>(`SELECT * FROM events WHERE stream_id = ? ORDER BY revision`);
  // Many streams in one statement: the reads as a JSON array of [streamId, after] pairs, each
  // answered by a seek on UNIQUE (stream_id, revision).
  const manyStreamEvents = db.prepare<[string], EventRow & { read: number }>(
    `SELECT r.key AS read, e.* FROM json_each(?) AS r CROSS JOIN events AS e
      ON e.stream_id = r.value ->> 0 AND e.revision > r.value ->> 1
      ORDER BY r.key, e.revision`,
  );
  const eventsAfter = db.prepare<[number, number, number], EventRow>(
    `SELECT * FROM events WHERE position > ? AND position <= ? ORDER BY position LIMIT ?`,
  );
  const commandById = db.prepare<[string], { command_id: string; fingerprint: string; result: string; position: number }>(
    `SELECT * FROM commands WHERE command_id = ?`,
  );
  const head = db.prepare<[], { position: number | null }>(`SELECT max(position) AS position FROM events`);
  const dataVersion = db.prepare<[], number>(`PRAGMA data_version`).pluck();

  /**
   * The last revision of streams as this connection last appended or read them, so that a read of
   * a stream after the revision the reader has already folded, when nothing was appended since,
   * answers without a query (a command reads its stream and the 20 children it names, most of them
   * unchanged). Forgotten as a whole when another connection commits (PRAGMA data_version moves).
   */
  const latestRevisions = new Map<string, number>();
  let seenDataVersion = dataVersion.get();
  function knownRevisions() {
    const version = dataVersion.get();
    if (version !== seenDataVersion || latestRevisions.size > 200_000) {
      seenDataVersion = version;
      latestRevisions.clear();
    }
    return latestRevisions;
  }
  /** Streams appended to in the transaction being written, known once it commits. */
  let written: [string, number][] = [];
  function committed() {
    const known = knownRevisions();
    for (const [streamId, revision] of written) known.set(streamId, revision);
    written = [];
  }

  /** An append whose event ids are all stored already, in this stream and order, is a retry. */
  function replayedAppend(streamId: string, events: readonly NewEvent[]): AppendResult | undefined {
    const first = events[0] && eventById.get(events[0].id);
    if (!first) return undefined;
    const stored = events.map((event) => eventById.get(event.id));
    const same = stored.every(
      (row, index) => row && row.stream_id === streamId && row.revision === first.revision + index,
    );
    if (!same) throw new Error(`event ids ${events.map((e) => e.id).join(', ')} are already stored elsewhere`);
    const last = stored[stored.length - 1]!;
    return { nextRevision: BigInt(last.revision), position: BigInt(last.position) };
  }

  const appendTransaction = db.transaction(
    (streamId: string, events: readonly NewEvent[], expected: ExpectedRevision, appendOptions?: AppendOptions): AppendResult => {
      const replayed = replayedAppend(streamId, events);
      if (replayed) return replayed;
      const current = lastRevision.get(streamId);
      const actual = current ? BigInt(current.revision) : 'no_stream';
      if (expected !== 'any' && expected !== actual) throw wrongExpectedRevision(streamId, expected, actual);
      let revision = current ? current.revision : -1;
      let position = current ? current.position : 0;
      for (const event of events) {
        revision += 1;
        const info = insertEvent.run(
          event.id,
          streamId,
          revision,
          event.type,
          JSON.stringify(event.data),
          JSON.stringify(event.metadata),
        );
        position = Number(info.lastInsertRowid);
      }
      if (appendOptions?.command) {
        const { commandId, fingerprint, result } = appendOptions.command;
        try {
          insertCommand.run(commandId, fingerprint, JSON.stringify(result ?? null), position);
        } catch (error) {
          // SQLite's words for two requests with one command id racing, in the port's.
          if (error instanceof Error && /UNIQUE constraint failed: commands\.command_id/.test(error.message)) throw duplicateCommand(commandId, error);
          throw error;
        }
      }
      if (events.length > 0) written.push([streamId, revision]);
      return { nextRevision: BigInt(revision), position: BigInt(position) };
    },
  );

  const listeners = new Set<() => void>();
  const notify = () => listeners.forEach((listener) => listener());
  let closed = false;
  const headNow = () => BigInt(head.get()?.position ?? 0);

  // FULL: acknowledged once the WAL is synced, off the event loop (./wal-sync.ts). Should the WAL
  // be missing (it never is once the tables above exist), SQLite syncs at each commit instead.
  const durability = (options.synchronous ?? 'FULL') === 'FULL' ? openWalDurability({ file: options.file, head: headNow(), ...(options.syncWal ? { syncWal: options.syncWal } : {}) }) : undefined;
  if ((options.synchronous ?? 'FULL') === 'FULL' && !durability) db.pragma('synchronous = FULL');
  // Readers (subscribers, the views) see the log only as far as it is on disk.
  durability?.onDurable(notify);
  const announceCommit = () => {
    if (!durability) notify();
  };

  /** Answers an append once its position is on disk. */
  function acknowledge(result: AppendResult, resolve: (result: AppendResult) => void, reject: (error: unknown) => void) {
    if (!durability) return resolve(result);
    durability.reach(result.position).then(() => resolve(result), reject);
  }

  /*
   * Group commit. better-sqlite3 is synchronous, so an append that commits at once blocks the
   * event loop and every concurrent append pays its own commit. Instead an append is queued, and
   * the queue is written at the end of the current turn of the event loop (setImmediate: after
   * the I/O callbacks and promise jobs already due), in ONE transaction: each queued append runs
   * in its own savepoint with its own expected-revision check, so one that fails (a conflict, a
   * duplicate command id) rolls back alone and the others commit. Appends that arrive while a
   * commit runs wait for the next one. Every caller is answered only once its position is on
   * disk (acknowledge): with FULL, after the WAL sync that followed its commit.
   */
  interface Pending {
    readonly streamId: string;
    readonly events: readonly NewEvent[];
    readonly expected: ExpectedRevision;
    readonly options: AppendOptions | undefined;
    readonly resolve: (result: AppendResult) => void;
    readonly reject: (error: unknown) => void;
  }
  let queue: Pending[] = [];
  let flushScheduled = false;

  const commitGroup = db.transaction((group: readonly Pending[]) => {
    const outcomes: ({ ok: true; result: AppendResult } | { ok: false; error: unknown })[] = [];
    for (const pending of group) {
      try {
        // A transaction function called inside a transaction runs as a savepoint.
        outcomes.push({ ok: true, result: appendTransaction(pending.streamId, pending.events, pending.expected, pending.options) });
      } catch (error) {
        // An error that ended the whole transaction (I/O, disk full) fails the group: nothing of it is stored.
        if (!db.inTransaction) throw error;
        outcomes.push({ ok: false, error });
      }
    }
    return outcomes;
  });

  function flush() {
    flushScheduled = false;
    const group = queue;
    queue = [];
    if (group.length === 0) return;
    let outcomes;
    written = [];
    try {
      outcomes = group.length === 1 ? undefined : commitGroup.immediate(group);
      if (outcomes) committed();
    } catch (error) {
      // BEGIN or COMMIT failed (busy, disk full, I/O error): nothing of the group is stored.
      for (const pending of group) pending.reject(error);
      return;
    }
    if (!outcomes) {
      // Alone in its group: a plain transaction, as an append without group commit.
      const pending = group[0]!;
      try {
        const result = appendTransaction.immediate(pending.streamId, pending.events, pending.expected, pending.options);
        committed();
        if (pending.events.length > 0) announceCommit();
        acknowledge(result, pending.resolve, pending.reject);
      } catch (error) {
        pending.reject(error);
      }
      return;
    }
    if (group.some((pending) => pending.events.length > 0)) announceCommit();
    outcomes.forEach((outcome, index) => (outcome.ok ? acknowledge(outcome.result, group[index]!.resolve, group[index]!.reject) : group[index]!.reject(outcome.error)));
  }

  /**
   * The log's last position that readers may see: the durable one. A connection that does not
   * append (another thread's, a tool's) is told it (durablePosition) or syncs the WAL itself.
   */
  async function readableHead(): Promise<bigint> {
    const last = headNow();
    if (!durability || last <= durability.position()) return last;
    if (options.durablePosition) {
      const told = options.durablePosition();
      const durable = told > durability.position() ? told : durability.position();
      return durable < last ? durable : last;
    }
    await durability.reach(last);
    return last;
  }

  async function readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const upTo = await readableHead();
    if (upTo <= after) return [];
    return eventsAfter.all(Number(after), Number(upTo), limit).map(toRecorded);
  }

  return {
    name: `sqlite:${options.file}`,
    appendsOnlyFromLedger: true,
    ...(durability
      ? {
          durablePosition: () => durability.position(),
          onDurable: (listener: (position: bigint) => void) => durability.onDurable(listener),
        }
      : {}),

    append(streamId, events, expected, appendOptions) {
      if (closed) return Promise.reject(new Error(`the event store ${options.file} is closed`));
      const failure = durability?.failure();
      if (failure) return Promise.reject(failure);
      if (options.groupCommit === false) {
        return new Promise<AppendResult>((resolve, reject) => {
          written = [];
          const result = appendTransaction.immediate(streamId, events, expected, appendOptions);
          committed();
          if (events.length > 0) announceCommit();
          acknowledge(result, resolve, reject);
        });
      }
      return new Promise<AppendResult>((resolve, reject) => {
        queue.push({ streamId, events, expected, options: appendOptions, resolve, reject });
        if (!flushScheduled) {
          flushScheduled = true;
          setImmediate(flush);
        }
      });
    },

    // The command path reads the log as committed: a decision over events not yet on disk is
    // acknowledged with them (its own append's sync covers every frame before it), and an answer
    // that stores nothing waits for `settled` (src/commands/ledger.ts).
    async readStream(streamId) {
      return streamEvents.all(streamId).map(toRecorded);
    },

    async readStreams(reads) {
      const answers: RecordedEvent[][] = reads.map(() => []);
      const known = knownRevisions();
      // Only the streams that may have events after `after`.
      const unknown = reads.flatMap((read, index) => (read.after !== undefined && known.get(read.streamId) === (read.after < 0n ? -1 : Number(read.after)) ? [] : [index]));
      if (unknown.length === 0) return answers;
      const pairs = unknown.map((index) => {
        const { streamId, after } = reads[index]!;
        return [streamId, after === undefined || after < 0n ? -1 : Number(after)] as const;
      });
      for (const row of manyStreamEvents.all(JSON.stringify(pairs))) answers[unknown[row.read]!]!.push(toRecorded(row));
      unknown.forEach((index, i) => {
        const events = answers[index]!;
        known.set(pairs[i]![0], events.length > 0 ? Number(events[events.length - 1]!.revision) : pairs[i]![1]);
      });
      return answers;
    },

    readAll,

    async *subscribe(after, signal) {
      let position = after;
      const pollIntervalMs = options.pollIntervalMs ?? 250;
      while (!signal.aborted && !closed) {
        const batch = await readAll(position, 1000);
        if (batch.length > 0) {
          position = batch[batch.length - 1]!.position;
          yield batch;
          continue;
        }
        // Wake on a local append made durable, on another connection's (when told), on the poll
        // (another process may write the file), or on abort.
        await new Promise<void>((resolve) => {
          let stopListening: (() => void) | undefined;
          const wake = () => {
            clearTimeout(timer);
            listeners.delete(wake);
            stopListening?.();
            signal.removeEventListener('abort', wake);
            resolve();
          };
          const timer = setTimeout(wake, pollIntervalMs);
          listeners.add(wake);
          stopListening = options.appendedElsewhere?.(wake);
          signal.addEventListener('abort', wake, { once: true });
        });
      }
    },

    async findCommand(commandId): Promise<CommandRecord | undefined> {
      const row = commandById.get(commandId);
      if (!row) return undefined;
      // A retried command is answered only once what it stored is on disk.
      await durability?.reach(BigInt(row.position));
      return { commandId: row.command_id, fingerprint: row.fingerprint, result: JSON.parse(row.result), position: BigInt(row.position) };
    },

    headPosition: readableHead,

    async settled() {
      await durability?.reach(headNow());
    },

    async close() {
      if (closed) return;
      // Appends already accepted are written, and synced, before the file is closed.
      flush();
      closed = true;
      await durability?.drain();
      notify();
      db.close();
      durability?.close();
    },
  };
}
