/**
 * The pure parts of the KurrentDB adapter: how the port's words map onto KurrentDB's, and how a
 * catch-up subscription becomes the port's batches. Nothing here talks to a server, so all of it
 * is unit-tested without one (test/store/kurrentdb-mapping.test.ts).
 *
 * Positions. The port orders the log with one bigint; KurrentDB gives every event of `$all` a pair
 * {commit, prepare}. Every append made through the gRPC API is an implicit transaction whose
 * records are written with the IsCommitted flag, and the server reports such an event with
 * commit = prepare = the event's own log position (KurrentDB's AllReader, the "commit-alike prepare"
 * case). So the commit position is unique per event and ordered exactly as `$all` is, which makes
 * it a safe order key, and {commit: p, prepare: p} names the same event again when we read or
 * subscribe from p. The only records that break this are explicit transactions of the legacy TCP
 * API (their events share the commit record's position); that API is gone from KurrentDB 24.10 on,
 * and centre-ledger never writes through it.
 */
import {
  ANY,
  NO_STREAM,
  START,
  jsonEvent,
  streamNameFilter,
  type AppendStreamState,
  type EventData,
  type Filter,
  type JSONType,
  type Position,
  type ReadPosition,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import {
  isStoreUnavailable,
  isWrongExpectedRevision,
  storeUnavailable,
  wrongExpectedRevision,
  type CommandRecord,
  type EventMetadata,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from './port.js';

// ---------------------------------------------------------------------------------------------
// Streams and the filter

/** Command records live in `command-<commandId>` streams, outside every ledger category. */
export const COMMAND_STREAM_PREFIX = 'command-';
export const COMMAND_HANDLED = 'CommandHandled';

export const commandStreamOf = (commandId: string) => `${COMMAND_STREAM_PREFIX}${commandId}`;

/**
 * The stream name prefixes this ledger owns: `<category>-` for every category, plus any extra raw
 * prefixes (tests whose stream names do not follow the categories). A prefix that would also match
 * the command-record streams is refused: those records must never reach the views.
 */
export function streamPrefixesOf(categories: readonly string[], extra: readonly string[] = []): readonly string[] {
  const prefixes = [...categories.map((category) => `${category}-`), ...extra];
  if (prefixes.length === 0) throw new Error('the KurrentDB store needs at least one stream category to follow');
  for (const prefix of prefixes) {
    if (prefix === '' || prefix.startsWith('$')) throw new Error(`"${prefix}" cannot be a stream prefix of the ledger`);
    if (COMMAND_STREAM_PREFIX.startsWith(prefix) || prefix.startsWith(COMMAND_STREAM_PREFIX)) {
      throw new Error(`the stream prefix "${prefix}" would also match the command records (${COMMAND_STREAM_PREFIX}…)`);
    }
  }
  return prefixes;
}

/** A server-side filter on `$all`: only this ledger's streams travel over the wire. */
export function ledgerFilter(prefixes: readonly string[]): Filter {
  return streamNameFilter({ prefixes: [...prefixes] });
}

/**
 * Whether a recorded event belongs in the ledger's log: a stream of ours, and not a system event
 * (a `$` type, such as a tombstone, or a `$` stream). Checked again on our side because readAll
 * and subscriptions must not depend on the filter alone.
 */
export function isLedgerEvent(streamId: string, type: string, prefixes: readonly string[]): boolean {
  return !type.startsWith('$') && isLedgerStream(streamId, prefixes);
}

export function isLedgerStream(streamId: string, prefixes: readonly string[]): boolean {
  if (streamId.startsWith('$') || streamId.startsWith(COMMAND_STREAM_PREFIX)) return false;
  return prefixes.some((prefix) => streamId.startsWith(prefix));
}

// ---------------------------------------------------------------------------------------------
// Revisions and positions

export function toStreamState(expected: ExpectedRevision): AppendStreamState {
  if (expected === 'no_stream') return NO_STREAM;
  if (expected === 'any') return ANY;
  if (expected < 0n) throw new Error(`expected revision ${expected} is not a revision (use 'no_stream')`);
  return expected;
}

/** The other way, for errors the server reports; `stream_exists` has no port word and reads as 'any'. */
export function fromStreamState(state: AppendStreamState): ExpectedRevision {
  if (state === NO_STREAM) return 'no_stream';
  if (state === ANY || state === 'stream_exists') return 'any';
  return state;
}

/** The port's position of an event: its commit position (see the note at the top of this file). */
export function positionOf(position: Position | undefined, what: string): bigint {
  if (!position) {
    // Stream reads carry positions only from server 22.6 on; without them the port cannot work.
    throw new Error(`KurrentDB returned ${what} without a log position; centre-ledger needs KurrentDB/EventStoreDB 22.10 or later`);
  }
  return position.commit;
}

/**
 * Where to start a read or subscription so that it covers everything after `after`. 0n is the
 * port's "start of the log" (no KurrentDB event sits at 0: the log opens with an epoch record).
 * Prepare = commit is exact for gRPC-written events (see the top of this file). Forward reads
 * include the event at the position itself, so callers still drop positions <= after.
 */
export function toReadPosition(after: bigint): ReadPosition {
  if (after < 0n) throw new Error(`log position ${after} is negative`);
  return after === 0n ? START : { commit: after, prepare: after };
}

// ---------------------------------------------------------------------------------------------
// Events

export function toEventData(event: NewEvent): EventData {
  return jsonEvent({
    id: event.id,
    type: event.type,
    // Domain data is JSON by construction; the client's type only names the shapes it accepts.
    data: event.data as JSONType,
    metadata: event.metadata as unknown as JSONType,
  });
}

/** A KurrentDB event of one of our streams, as the port's RecordedEvent. */
export function toRecordedEvent(raw: KurrentRecordedEvent): RecordedEvent {
  if (!raw.isJson) throw new Error(`event ${raw.id} in ${raw.streamId} is not JSON; it was not written by centre-ledger`);
  const metadata = raw.metadata;
  if (metadata === undefined || metadata instanceof Uint8Array || typeof metadata !== 'object') {
    throw new Error(`event ${raw.id} in ${raw.streamId} has no JSON metadata; it was not written by centre-ledger`);
  }
  return {
    id: raw.id,
    streamId: raw.streamId,
    revision: raw.revision,
    position: positionOf(raw.position, `event ${raw.id} of ${raw.streamId}`),
    type: raw.type,
    data: raw.data,
    metadata: metadata as unknown as EventMetadata,
  };
}

/**
 * When a command's events were stored but its record was not (a crash or lost connection between
 * the two appends), the retry re-reads the stream and appends the same derived event ids at the
 * new end, where KurrentDB's own idempotency does not look. `tail` is the end of the stream; the
 * answer is the stored event that ends the replay, or undefined when the events are new.
 */
export function findReplay(tail: readonly RecordedEvent[], events: readonly NewEvent[]): RecordedEvent | undefined {
  const first = events[0];
  if (!first) return undefined;
  const start = tail.findIndex((stored) => stored.id === first.id);
  if (start < 0) return undefined;
  const stored = tail.slice(start, start + events.length);
  const same = stored.length === events.length && stored.every((event, index) => event.id === events[index]!.id);
  if (!same) throw new Error(`event ids ${events.map((e) => e.id).join(', ')} are already stored in another order`);
  return stored[stored.length - 1];
}

// ---------------------------------------------------------------------------------------------
// Command records

interface CommandHandledData {
  readonly commandId: string;
  readonly fingerprint: string;
  readonly result: unknown;
  /** A decimal string: JSON has no bigint. */
  readonly position: string;
}

export function commandHandledData(record: CommandRecord): CommandHandledData {
  return { commandId: record.commandId, fingerprint: record.fingerprint, result: record.result ?? null, position: record.position.toString() };
}

export function toCommandRecord(type: string, data: unknown): CommandRecord | undefined {
  if (type !== COMMAND_HANDLED || !data || typeof data !== 'object') return undefined;
  const { commandId, fingerprint, result, position } = data as Partial<CommandHandledData>;
  if (typeof commandId !== 'string' || typeof fingerprint !== 'string' || typeof position !== 'string') return undefined;
  return { commandId, fingerprint, result, position: BigInt(position) };
}

// ---------------------------------------------------------------------------------------------
// Errors

/** The connection string with its password replaced, fit for logs and error messages. */
export function redactConnectionString(connectionString: string): string {
  return connectionString.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^@/?#]*)@/i, (_match, scheme: string, userInfo: string) => {
    const colon = userInfo.indexOf(':');
    return colon < 0 ? `${scheme}${userInfo}@` : `${scheme}${userInfo.slice(0, colon)}:***@`;
  });
}

/** The password of a connection string, so it can be scrubbed from any text that might echo it. */
export function passwordOf(connectionString: string): string | undefined {
  const userInfo = /^[a-z][a-z0-9+.-]*:\/\/([^@/?#]*)@/i.exec(connectionString)?.[1];
  const colon = userInfo?.indexOf(':') ?? -1;
  return userInfo && colon >= 0 && colon < userInfo.length - 1 ? userInfo.slice(colon + 1) : undefined;
}

/** Error kinds of the client that mean "the server cannot be reached or did not answer in time". */
const UNREACHABLE_TYPES = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'not-leader', 'cancelled']);
/** gRPC status codes with that meaning, for errors the client passes through unconverted. */
const UNREACHABLE_CODES = new Set([1 /* CANCELLED */, 4 /* DEADLINE_EXCEEDED */, 14 /* UNAVAILABLE */]);

interface ClientErrorShape {
  readonly type?: unknown;
  readonly code?: unknown;
  readonly message?: unknown;
  readonly streamName?: unknown;
  readonly expectedState?: AppendStreamState;
  readonly actualState?: unknown;
}

export function isUnreachable(error: unknown): boolean {
  if (!error || typeof error !== 'object') return false;
  const { type, code } = error as ClientErrorShape;
  return (typeof type === 'string' && UNREACHABLE_TYPES.has(type)) || (typeof code === 'number' && UNREACHABLE_CODES.has(code));
}

/** A short reason for a failure, in words a person can act on. */
export function describeFailure(error: unknown): string {
  const shape = (error && typeof error === 'object' ? error : {}) as ClientErrorShape & { name?: unknown };
  const message = typeof shape.message === 'string' ? shape.message.trim() : '';
  // The native reader reports only the error's class name ("UnavailableError"), which says little.
  const className = error && typeof error === 'object' ? error.constructor?.name : undefined;
  if (message !== '' && message !== shape.name && message !== className) return message;
  if (shape.type === 'unavailable' || shape.code === 14) return 'no connection could be established';
  if (shape.type === 'deadline-exceeded' || shape.type === 'timeout' || shape.code === 4) return 'it did not answer in time';
  if (shape.type === 'not-leader') return 'the node is not the leader';
  return message || String(shape.type ?? shape.code ?? error);
}

export interface ErrorContext {
  /** The redacted connection string, to name the server in messages. */
  readonly server: string;
  readonly streamId?: string;
  readonly expected?: ExpectedRevision;
}

/**
 * Client errors in the port's words: a wrong expected version becomes WrongExpectedRevision, an
 * unreachable server becomes StoreUnavailable (retryable with the same commandId). Anything else
 * is a fault the caller should see as it is.
 */
export function toStoreError(error: unknown, context: ErrorContext): Error {
  if (isWrongExpectedRevision(error) || isStoreUnavailable(error)) return error;
  const shape = (error && typeof error === 'object' ? error : {}) as ClientErrorShape;
  if (shape.type === 'wrong-expected-version') {
    const streamId = context.streamId ?? String(shape.streamName);
    const expected = context.expected ?? (shape.expectedState === undefined ? 'any' : fromStreamState(shape.expectedState));
    const actual = typeof shape.actualState === 'bigint' ? shape.actualState : 'no_stream';
    return wrongExpectedRevision(streamId, expected, actual);
  }
  if (isUnreachable(error)) {
    return storeUnavailable(`KurrentDB at ${context.server} is unavailable (${describeFailure(error)}); retry the request with the same commandId`, error);
  }
  return error instanceof Error ? error : new Error(String(error));
}

// ---------------------------------------------------------------------------------------------
// Following the log: batches from a subscription

/** What a subscription source delivers: events, and hints that the server has nothing more right now. */
export type Delivery =
  | { readonly kind: 'event'; readonly event: RecordedEvent }
  /** The server has searched up to here without more events of ours (a filtered checkpoint). */
  | { readonly kind: 'checkpoint'; readonly position: bigint }
  /** The subscription has read the whole log and is now live. */
  | { readonly kind: 'caughtUp' };

export interface BatchOptions {
  /** The position already delivered to the consumer: nothing at or before it is yielded. */
  readonly after: bigint;
  readonly maxBatch: number;
  /** A batch is flushed once the source has delivered nothing for this long. */
  readonly quietMs: number;
  readonly signal?: AbortSignal;
}

const QUIET = Symbol('quiet');
const ABORTED = Symbol('aborted');

function abortedPromise(signal: AbortSignal | undefined): { promise: Promise<typeof ABORTED>; dispose: () => void } {
  if (!signal) return { promise: new Promise(() => {}), dispose: () => {} };
  let onAbort = () => {};
  const promise = new Promise<typeof ABORTED>((resolve) => {
    onAbort = () => resolve(ABORTED);
    if (signal.aborted) resolve(ABORTED);
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, dispose: () => signal.removeEventListener('abort', onAbort) };
}

function quietAfter(ms: number): { promise: Promise<typeof QUIET>; cancel: () => void } {
  let timer: NodeJS.Timeout | undefined;
  const promise = new Promise<typeof QUIET>((resolve) => {
    timer = setTimeout(() => resolve(QUIET), ms);
  });
  return { promise, cancel: () => clearTimeout(timer) };
}

/**
 * Turns a source of deliveries into the port's batches: events accumulate while more arrive at
 * once, and a batch goes out at `maxBatch` events, when the source is quiet for `quietMs`, or on a
 * checkpoint/caught-up hint. Every event at or before the last position accepted is dropped, so a
 * source that repeats itself (as a resubscription does) never makes a view count an event twice.
 * If the source fails, the events already gathered are yielded first, then the error is thrown.
 */
export async function* batchDeliveries(source: AsyncIterable<Delivery>, options: BatchOptions): AsyncGenerator<RecordedEvent[]> {
  const iterator = source[Symbol.asyncIterator]();
  const aborted = abortedPromise(options.signal);
  let accepted = options.after;
  let pending: RecordedEvent[] = [];
  const flush = () => {
    const batch = pending;
    pending = [];
    return batch;
  };
  try {
    let next = iterator.next();
    for (;;) {
      // A pull we stop waiting for (abort) may still fail later; it must not become an unhandled rejection.
      next.catch(() => {});
      const quiet = pending.length > 0 ? quietAfter(options.quietMs) : undefined;
      let outcome: IteratorResult<Delivery> | typeof QUIET | typeof ABORTED;
      try {
        outcome = await Promise.race([next, aborted.promise, ...(quiet ? [quiet.promise] : [])]);
      } catch (error) {
        if (pending.length > 0) yield flush();
        throw error;
      } finally {
        quiet?.cancel();
      }
      if (outcome === ABORTED) return;
      if (outcome === QUIET) {
        yield flush();
        continue; // the same pull is still under way
      }
      if (outcome.done) {
        if (pending.length > 0) yield flush();
        return;
      }
      const delivery = outcome.value;
      if (delivery.kind === 'event') {
        if (delivery.event.position > accepted) {
          accepted = delivery.event.position;
          pending.push(delivery.event);
        }
      } else if (pending.length > 0) {
        yield flush();
      }
      if (pending.length >= options.maxBatch) yield flush();
      next = iterator.next();
    }
  } finally {
    aborted.dispose();
    // Not awaited: a source blocked on the network finishes its return only when it wakes up.
    void Promise.resolve(iterator.return?.()).catch(() => {});
  }
}

export interface FollowOptions {
  readonly after: bigint;
  readonly signal: AbortSignal;
  readonly maxBatch: number;
  readonly quietMs: number;
  readonly retry: { readonly initialMs: number; readonly maxMs: number };
  /** Which failures are worth a resubscription; others are thrown to the consumer. */
  readonly isRetryable: (error: unknown) => boolean;
  readonly onRetry?: (error: unknown, delayMs: number, failures: number) => void;
}

/** Doubling back-off, capped: 1st failure waits initialMs, then 2x, 4x, … up to maxMs. */
export function backoffDelay(failures: number, retry: { readonly initialMs: number; readonly maxMs: number }): number {
  return Math.min(retry.maxMs, retry.initialMs * 2 ** Math.max(0, Math.min(failures - 1, 20)));
}

/** Waits, unless the signal aborts first. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const done = () => {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal?.addEventListener('abort', done, { once: true });
  });
}

/**
 * Follows the log until the signal aborts: opens a source after the last delivered position,
 * batches it, and when the source fails (a dropped connection) or ends, opens a new one from
 * the last position it yielded, after a back-off. Positions only grow across reconnections.
 */
export async function* followLog(
  open: (after: bigint) => AsyncIterable<Delivery>,
  options: FollowOptions,
): AsyncGenerator<RecordedEvent[]> {
  let last = options.after;
  let failures = 0;
  while (!options.signal.aborted) {
    let failure: unknown;
    try {
      const batches = batchDeliveries(open(last), { after: last, maxBatch: options.maxBatch, quietMs: options.quietMs, signal: options.signal });
      for await (const batch of batches) {
        last = batch[batch.length - 1]!.position;
        failures = 0;
        yield batch;
      }
    } catch (error) {
      if (options.signal.aborted) return;
      if (!options.isRetryable(error)) throw error;
      failure = error;
    }
    if (options.signal.aborted) return;
    failures += 1;
    const delay = backoffDelay(failures, options.retry);
    options.onRetry?.(failure ?? new Error('the subscription ended'), delay, failures);
    await sleep(delay, options.signal);
  }
}
