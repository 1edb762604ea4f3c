/**
 * The event store port on KurrentDB (formerly EventStoreDB), for several API servers that share
 * one log. Each server keeps its own views from a filtered catch-up subscription to `$all`.
 *
 * What maps to what (details and reasons in kurrentdb-mapping.ts):
 * - stream and revision: the same; ExpectedRevision becomes the append's streamState.
 * - position: the event's commit position in `$all` (unique and ordered for gRPC appends).
 * - command records: one `CommandHandled` event in the stream `command-<commandId>`, written
 *   after the command's events (see `append` for the window between the two writes).
 * - the log (readAll, subscribe, headPosition): `$all` filtered on the server to this ledger's
 *   stream prefixes, and again on our side (no `$` streams or types, no command records).
 */
import { v5 as uuidv5 } from 'uuid';
import {
  BACKWARDS,
  END,
  FORWARDS,
  KurrentDBClient,
  NO_STREAM,
  START,
  jsonEvent,
  type AllStreamResolvedEvent,
  type ResolvedEvent,
} from '@kurrent/kurrentdb-client';
import {
  storeUnavailable,
  isStoreUnavailable,
  wrongExpectedRevision,
  type AppendResult,
  type CommandRecord,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from './port.js';
import {
  COMMAND_HANDLED,
  COMMAND_STREAM_PREFIX,
  commandHandledData,
  commandStreamOf,
  describeFailure,
  findReplay,
  followLog,
  isLedgerEvent,
  ledgerFilter,
  passwordOf,
  redactConnectionString,
  sleep,
  streamPrefixesOf,
  toCommandRecord,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStoreError,
  toStreamState,
  type Delivery,
} from './kurrentdb-mapping.js';

export { redactConnectionString } from './kurrentdb-mapping.js';

/** What the adapter logs: reconnections. pino's logger fits. */
export interface StoreLogger {
  warn(details: object, message: string): void;
}

export interface KurrentDbEventStoreOptions {
  /** e.g. kurrentdb://admin:changeit@localhost:2113?tls=false, or a cluster's list of nodes. */
  readonly connectionString: string;
  /** The ledger's stream categories (streamCategories); streams are named `<category>-<id>`. */
  readonly categories: readonly string[];
  /** Raw stream name prefixes to follow as well (the contract tests' `contract<run>-…` streams). */
  readonly extraStreamPrefixes?: readonly string[];
  readonly logger?: StoreLogger;
  /** Told each time the subscription to the log is opened again after a failure (metrics). */
  readonly onReconnect?: () => void;
  /** How long one read may take before the store counts as unavailable (ms, default 10 000). */
  readonly operationTimeoutMs?: number;
  /** Attempts for an operation that met an unreachable server (default 3). */
  readonly attempts?: number;
  readonly subscription?: {
    /** Events per batch at most (default 500). */
    readonly maxBatch?: number;
    /** A batch goes out when no event came for this long (ms, default 20). */
    readonly quietMs?: number;
    /** Back-off before resubscribing after a dropped connection (ms, default 250 doubling to 30 000). */
    readonly retryInitialMs?: number;
    readonly retryMaxMs?: number;
  };
}

export interface KurrentDbEventStore extends EventStore {
  /** Rejects within `timeoutMs` with a message naming the server (without its password) when it cannot be reached. */
  checkConnection(timeoutMs?: number): Promise<void>;
  /** Stores a command record as it is (the migration copies records whose position it has mapped). */
  recordCommand(record: CommandRecord): Promise<void>;
}

/** Ids of command records derive from the command id, so a repeated record write is a no-op. */
const COMMAND_RECORD_NAMESPACE = 'c4a7e2f1-5b0d-4e8a-9f3c-6d2b1a0e7c58';
const commandRecordId = (commandId: string) => uuidv5(`command-record/${commandId}`, COMMAND_RECORD_NAMESPACE);

/** How far back from a stream's end to look for a replayed command's events. */
const REPLAY_WINDOW = 64;
/** Events per page when reading `$all`. */
const PAGE = 500;

function withTimeout<T>(work: Promise<T>, ms: number, onTimeout: () => Error): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  work.catch(() => {}); // the loser of the race must not surface as an unhandled rejection
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

function openClient(connectionString: string): KurrentDBClient {
  try {
    return KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    // The parser may quote the string back; never let the password out with it.
    const password = passwordOf(connectionString);
    const reason = (error as Error).message;
    const safe = password ? reason.split(password).join('***') : reason;
    throw new Error(`KURRENTDB_CONNECTION_STRING ${redactConnectionString(connectionString)} is not a KurrentDB connection string: ${safe}`);
  }
}

/**
 * Fails fast when the server cannot be reached: the composition root calls it at start so a
 * wrong address stops the start with a clear message instead of failing every request later.
 */
export async function checkConnection(connectionString: string, timeoutMs = 5_000): Promise<void> {
  const server = redactConnectionString(connectionString);
  const client = openClient(connectionString);
  try {
    await withTimeout(
      (async () => {
        for await (const _ of client.readAll({ direction: BACKWARDS, fromPosition: END, maxCount: 1 })) break;
      })(),
      timeoutMs,
      () => new Error(`no answer within ${timeoutMs} ms`),
    );
  } catch (error) {
    const password = passwordOf(connectionString);
    const raw = describeFailure(error);
    const reason = password ? raw.split(password).join('***') : raw;
    throw storeUnavailable(
      `KurrentDB at ${server} cannot be reached (${reason}); check KURRENTDB_CONNECTION_STRING and that the server is running`,
      error,
    );
  } finally {
    await client.dispose().catch(() => {});
  }
}

export function createKurrentDbEventStore(options: KurrentDbEventStoreOptions): KurrentDbEventStore {
  const prefixes = streamPrefixesOf(options.categories, options.extraStreamPrefixes);
  const server = redactConnectionString(options.connectionString);
  const client = openClient(options.connectionString);
  const operationTimeoutMs = options.operationTimeoutMs ?? 10_000;
  const attempts = Math.max(1, options.attempts ?? 3);
  const follow = {
    maxBatch: options.subscription?.maxBatch ?? 500,
    quietMs: options.subscription?.quietMs ?? 20,
    retry: { initialMs: options.subscription?.retryInitialMs ?? 250, maxMs: options.subscription?.retryMaxMs ?? 30_000 },
  };
  const closing = new AbortController();

  const fail = (error: unknown, streamId?: string, expected?: ExpectedRevision) =>
    toStoreError(error, { server, ...(streamId === undefined ? {} : { streamId }), ...(expected === undefined ? {} : { expected }) });

  /**
   * Runs one operation, retrying a few times when the server is unreachable (a leader change
   * takes a moment). Appends are safe to repeat: the event ids and expected revision are the
   * same, and KurrentDB answers a repeated append as the first one.
   */
  async function attempt<T>(work: () => Promise<T>, streamId?: string, expected?: ExpectedRevision): Promise<T> {
    for (let n = 1; ; n++) {
      try {
        return await withTimeout(work(), operationTimeoutMs, () =>
          storeUnavailable(`KurrentDB at ${server} did not answer within ${operationTimeoutMs} ms; retry the request with the same commandId`),
        );
      } catch (error) {
        const mapped = fail(error, streamId, expected);
        if (!isStoreUnavailable(mapped) || n >= attempts || closing.signal.aborted) throw mapped;
        await sleep(100 * 3 ** (n - 1), closing.signal);
      }
    }
  }

  /** A stream's events, newest first when `backwards`; empty when the stream does not exist. */
  async function readEvents(streamId: string, read: { backwards?: boolean; maxCount?: number; fromRevision?: bigint } = {}) {
    const events: ResolvedEvent[] = [];
    try {
      const reading = client.readStream(streamId, {
        direction: read.backwards ? BACKWARDS : FORWARDS,
        fromRevision: read.fromRevision ?? (read.backwards ? END : START),
        ...(read.maxCount === undefined ? {} : { maxCount: read.maxCount }),
      });
      for await (const resolved of reading) events.push(resolved);
    } catch (error) {
      if ((error as { type?: unknown }).type === 'stream-not-found') return [];
      throw error;
    }
    return events.flatMap((resolved) => (resolved.event ? [resolved.event] : []));
  }

  /** The port's view of a stream: its events, without any system event (`$` type) KurrentDB keeps there. */
  const readStreamEvents = (streamId: string, read?: Parameters<typeof readEvents>[1]) =>
    attempt(async () => (await readEvents(streamId, read)).filter((event) => !event.type.startsWith('$')).map(toRecordedEvent), streamId);

  /** The stream's last event, to answer an append that stores nothing. */
  async function streamEnd(streamId: string, expected: ExpectedRevision): Promise<AppendResult> {
    const [last] = await readStreamEvents(streamId, { backwards: true, maxCount: 1 });
    const actual = last ? last.revision : 'no_stream';
    if (expected !== 'any' && expected !== actual) throw wrongExpectedRevision(streamId, expected, actual);
    return { nextRevision: last ? last.revision : -1n, position: last ? last.position : 0n };
  }

  async function appendEvents(streamId: string, events: readonly NewEvent[], expected: ExpectedRevision): Promise<AppendResult> {
    const appended = await attempt(
      () => client.appendToStream(streamId, events.map(toEventData), { streamState: toStreamState(expected) }),
      streamId,
      expected,
    );
    // The append's own answer names the transaction, not always its last event (and nothing for a
    // repeated append on some versions), so the last event is read back for its exact position.
    const [last] = await readStreamEvents(streamId, { fromRevision: appended.nextExpectedRevision, maxCount: 1 });
    if (!last) throw new Error(`KurrentDB acknowledged an append to ${streamId} but its revision ${appended.nextExpectedRevision} cannot be read`);
    return { nextRevision: appended.nextExpectedRevision, position: last.position };
  }

  /**
   * A command retried after its events were stored but its record was not: its derived event ids
   * are already at the stream's end. Answer as the first append did instead of storing them again.
   */
  async function replayed(streamId: string, events: readonly NewEvent[]): Promise<AppendResult | undefined> {
    const tail = (await readStreamEvents(streamId, { backwards: true, maxCount: events.length + REPLAY_WINDOW })).reverse();
    const last = findReplay(tail, events);
    return last && { nextRevision: last.revision, position: last.position };
  }

  /**
   * The record goes in its own stream with NO_STREAM and an id derived from the command id, so
   * writing it again (a retry, or two servers racing with one commandId) is a no-op.
   */
  async function recordCommand(record: CommandRecord): Promise<void> {
    const stream = commandStreamOf(record.commandId);
    const event = jsonEvent({ id: commandRecordId(record.commandId), type: COMMAND_HANDLED, data: { ...commandHandledData(record) } });
    await attempt(() => client.appendToStream(stream, event, { streamState: NO_STREAM }), stream, 'no_stream');
  }

  async function readLogPage(after: bigint, want: number, direction: 'forwards' | 'backwards') {
    return attempt(async () => {
      const page: AllStreamResolvedEvent[] = [];
      const reading = client.readAll({
        direction: direction === 'forwards' ? FORWARDS : BACKWARDS,
        fromPosition: direction === 'forwards' ? toReadPosition(after) : after === 0n ? END : toReadPosition(after),
        maxCount: want,
        filter: ledgerFilter(prefixes),
      });
      for await (const resolved of reading) page.push(resolved);
      return page;
    });
  }

  /** The ledger's events after `after`, paging past anything the filters drop, up to `limit`. */
  async function readAll(after: bigint, limit: number): Promise<RecordedEvent[]> {
    const found: RecordedEvent[] = [];
    let from = after;
    while (found.length < limit) {
      // One more than needed: a forward read from a position includes the event at that position.
      const want = Math.min(PAGE, limit - found.length) + 1;
      const page = await readLogPage(from, want, 'forwards');
      const start = from;
      for (const { event } of page) {
        if (!event || event.position.commit <= from) continue;
        from = event.position.commit;
        if (isLedgerEvent(event.streamId, event.type, prefixes)) found.push(toRecordedEvent(event));
        if (found.length === limit) break;
      }
      // Only a page with nothing new marks the end: a short page alone may just be the server's search window.
      if (from === start) break;
    }
    return found;
  }

  /** The position of the ledger's newest event, skipping any system event the filter let through. */
  async function headPosition(): Promise<bigint> {
    let before = 0n; // 0n here means "from the end"
    for (;;) {
      const page = await readLogPage(before, PAGE, 'backwards');
      for (const { event } of page) {
        if (event && isLedgerEvent(event.streamId, event.type, prefixes)) return event.position.commit;
      }
      const oldest = page[page.length - 1]?.event;
      if (page.length < PAGE || !oldest) return 0n;
      before = oldest.position.commit;
    }
  }

  /**
   * One catch-up subscription to `$all` after `after`, filtered on the server. Checkpoints and
   * "caught up" are passed on as flush hints only: a checkpoint position is where the server's
   * search stopped, not an event, and resuming from it could skip the event stored right there.
   */
  async function* deliveriesAfter(after: bigint, signal: AbortSignal): AsyncGenerator<Delivery> {
    // Only the latest hint matters (it only flushes), so a long filtered catch-up cannot pile them up.
    let hint: Delivery | undefined;
    const subscription = client.subscribeToAll({
      fromPosition: toReadPosition(after),
      filter: {
        ...ledgerFilter(prefixes),
        checkpointReached: (_subscription, position) => {
          hint = { kind: 'checkpoint', position: position.commit };
        },
      },
    });
    subscription.on('caughtUp', () => {
      hint = { kind: 'caughtUp' };
    });
    const stop = () => {
      void subscription
        .unsubscribe()
        .catch(() => {})
        .finally(() => subscription.destroy());
    };
    signal.addEventListener('abort', stop, { once: true });
    try {
      for await (const resolved of subscription) {
        if (hint) {
          const flush = hint;
          hint = undefined;
          yield flush;
        }
        const event = resolved.event;
        if (event && isLedgerEvent(event.streamId, event.type, prefixes)) yield { kind: 'event', event: toRecordedEvent(event) };
      }
    } catch (error) {
      if (signal.aborted) return;
      throw fail(error);
    } finally {
      signal.removeEventListener('abort', stop);
      stop();
    }
  }

  return {
    name: `kurrentdb:${server}`,

    /**
     * Events first, then the command record. KurrentDB (before 25.1's multi-stream append) cannot
     * write both atomically, so a crash or lost connection can fall between the two writes: the
     * events are stored, the record is not. The client then retries with the same commandId;
     * `findCommand` finds nothing, the command runs again and derives the same event ids. If it
     * appends at the same expected revision, KurrentDB answers it as the first append (its own
     * idempotency); if it re-read the stream and appends at the new end, `replayed` finds the ids
     * there and answers likewise. Either way the events are stored once and the record is written
     * then. What remains: a decider that refuses the repeated command (e.g. "already registered")
     * answers the retry with that refusal although the first attempt succeeded.
     */
    async append(streamId, events, expected, appendOptions) {
      if (streamId.startsWith(COMMAND_STREAM_PREFIX)) throw new Error(`${streamId} is reserved for command records`);
      const command = appendOptions?.command;
      let stored: AppendResult;
      if (events.length === 0) stored = await streamEnd(streamId, expected);
      else if (command && expected !== 'no_stream') stored = (await replayed(streamId, events)) ?? (await appendEvents(streamId, events, expected));
      else stored = await appendEvents(streamId, events, expected);
      if (command) await recordCommand({ ...command, position: stored.position });
      return stored;
    },

    async readStream(streamId) {
      return readStreamEvents(streamId);
    },

    // One read per stream (KurrentDB has no multi-stream read), all in flight at once.
    readStreams(reads) {
      return Promise.all(reads.map(({ streamId, after }) => readStreamEvents(streamId, after === undefined || after < 0n ? {} : { fromRevision: after + 1n })));
    },

    readAll,

    async *subscribe(after, signal) {
      const stopped = new AbortController();
      const following = AbortSignal.any([signal, closing.signal, stopped.signal]);
      try {
        yield* followLog((from) => deliveriesAfter(from, following), {
          after,
          signal: following,
          ...follow,
          isRetryable: (error) => isStoreUnavailable(fail(error)),
          onRetry: (error, delayMs, failures) => {
            options.onReconnect?.();
            options.logger?.warn({ err: error, retryInMs: delayMs, failures, server }, 'KurrentDB subscription dropped; resubscribing from the last delivered position');
          },
        });
      } finally {
        stopped.abort();
      }
    },

    async findCommand(commandId) {
      const events = await attempt(() => readEvents(commandStreamOf(commandId), { maxCount: 1 }));
      const first = events[0];
      return first ? toCommandRecord(first.type, first.data) : undefined;
    },

    headPosition,

    recordCommand,

    checkConnection: (timeoutMs) => checkConnection(options.connectionString, timeoutMs),

    async close() {
      if (closing.signal.aborted) return;
      closing.abort();
      await client.dispose();
    },
  };
}
