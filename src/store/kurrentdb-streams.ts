/**
 * Streams of KurrentDB that are not the ledger's log: people's keys (src/privacy/shared-vault.ts)
 * and the web app's accounts (src/accounts/kurrentdb-accounts.ts), which several API servers
 * share. Their names never start with a ledger category, so the views never see them.
 *
 * Small and direct: read a stream, append with an expected revision, tombstone, and follow every
 * stream of one prefix through `$all` (filtered on the server), resubscribing after a failure.
 */
import { BACKWARDS, END, FORWARDS, KurrentDBClient, NO_STREAM, START, jsonEvent, streamNameFilter, type AllStreamResolvedEvent } from '@kurrent/kurrentdb-client';
import { backoffDelay, describeFailure, passwordOf, redactConnectionString, sleep, toReadPosition, toStoreError, toStreamState } from './kurrentdb-mapping.js';
import type { ExpectedRevision } from './port.js';

/** One event of a side stream, as read back. */
export interface SideEvent {
  readonly streamId: string;
  readonly type: string;
  readonly data: unknown;
  readonly revision: bigint;
  readonly position: bigint;
}

/** KurrentDB's marker of a tombstoned stream, in the stream and in `$all`. */
export const STREAM_DELETED = '$streamDeleted';

/** The stream was tombstoned: it can be neither read nor written again. */
export type StreamTombstoned = Error & { readonly streamTombstoned: true; readonly streamId: string };

export const isStreamTombstoned = (error: unknown): error is StreamTombstoned =>
  error instanceof Error && (error as Partial<StreamTombstoned>).streamTombstoned === true;

const tombstoned = (streamId: string): StreamTombstoned =>
  Object.assign(new Error(`the stream ${streamId} was deleted for good`), { streamTombstoned: true as const, streamId });

const errorType = (error: unknown) => (error && typeof error === 'object' ? (error as { type?: unknown }).type : undefined);

export interface SideStreams {
  /** The stream's events in order (newest first and at most `maxCount` when `backwards`); empty when it does not exist. Throws StreamTombstoned. */
  read(streamId: string, options?: { backwards?: boolean; maxCount?: number; fromRevision?: bigint }): Promise<SideEvent[]>;
  /** Appends JSON events; throws WrongExpectedRevision or StreamTombstoned. Answers the stream's new last revision. */
  append(streamId: string, events: readonly { id?: string; type: string; data: unknown }[], expected: ExpectedRevision): Promise<bigint>;
  /** Deletes the stream for good (a hard delete): it cannot be written again. True when this call deleted it, false when it already was. */
  tombstone(streamId: string): Promise<boolean>;
  /** Every event of streams starting with `prefix`, in `$all` order after `after` (0n: from the start), tombstones included. */
  readPrefix(prefix: string, after: bigint): Promise<SideEvent[]>;
  /** Calls `onEvent` for each new event of streams starting with `prefix` after `after`, until the signal aborts; resubscribes after a failure. */
  follow(prefix: string, after: bigint, onEvent: (event: SideEvent) => void, signal: AbortSignal, onRetry?: (error: unknown) => void): Promise<void>;
  /** Sets the stream's `$maxCount`/`$maxAge` (seconds), so a scavenge drops older events. */
  limit(streamId: string, limits: { maxCount?: number; maxAgeSeconds?: number }): Promise<void>;
  close(): Promise<void>;
}

const PAGE = 1_000;

export function openSideStreams(connectionString: string): SideStreams {
  const server = redactConnectionString(connectionString);
  let client: KurrentDBClient;
  try {
    client = KurrentDBClient.connectionString(connectionString);
  } catch (error) {
    const password = passwordOf(connectionString);
    const reason = describeFailure(error);
    throw new Error(`KURRENTDB_CONNECTION_STRING ${server} is not a KurrentDB connection string: ${password ? reason.split(password).join('***') : reason}`);
  }
  const fail = (error: unknown, streamId?: string, expected?: ExpectedRevision) => {
    if (errorType(error) === 'stream-deleted' && streamId) return tombstoned(streamId);
    return toStoreError(error, { server, ...(streamId === undefined ? {} : { streamId }), ...(expected === undefined ? {} : { expected }) });
  };
  const sideEvent = (resolved: AllStreamResolvedEvent | { event?: AllStreamResolvedEvent['event'] }): SideEvent | undefined => {
    const event = resolved.event;
    if (!event) return undefined;
    return { streamId: event.streamId, type: event.type, data: event.data, revision: event.revision, position: event.position?.commit ?? 0n };
  };

  return {
    async read(streamId, options = {}) {
      const found: SideEvent[] = [];
      try {
        const reading = client.readStream(streamId, {
          direction: options.backwards ? BACKWARDS : FORWARDS,
          fromRevision: options.fromRevision ?? (options.backwards ? END : START),
          ...(options.maxCount === undefined ? {} : { maxCount: options.maxCount }),
        });
        for await (const resolved of reading) {
          const event = sideEvent(resolved as AllStreamResolvedEvent);
          if (event) found.push(event);
        }
      } catch (error) {
        if (errorType(error) === 'stream-not-found') return [];
        throw fail(error, streamId);
      }
      return found;
    },

    async append(streamId, events, expected) {
      try {
        const result = await client.appendToStream(
          streamId,
          events.map((event) => jsonEvent({ ...(event.id ? { id: event.id } : {}), type: event.type, data: event.data as never })),
          { streamState: toStreamState(expected) },
        );
        return result.nextExpectedRevision;
      } catch (error) {
        throw fail(error, streamId, expected);
      }
    },

    async tombstone(streamId) {
      try {
        await client.tombstoneStream(streamId);
        return true;
      } catch (error) {
        if (errorType(error) === 'stream-deleted') return false;
        throw fail(error, streamId);
      }
    },

    async readPrefix(prefix, after) {
      const found: SideEvent[] = [];
      let from = after;
      for (;;) {
        const page: SideEvent[] = [];
        try {
          const reading = client.readAll({ direction: FORWARDS, fromPosition: from === 0n ? START : toReadPosition(from), maxCount: PAGE, filter: streamNameFilter({ prefixes: [prefix] }) });
          for await (const resolved of reading) {
            const event = sideEvent(resolved);
            if (event && event.position > from && event.streamId.startsWith(prefix)) page.push(event);
          }
        } catch (error) {
          throw fail(error);
        }
        found.push(...page);
        if (page.length === 0) return found;
        from = page[page.length - 1]!.position;
      }
    },

    async follow(prefix, after, onEvent, signal, onRetry) {
      let from = after;
      for (let failures = 0; !signal.aborted; ) {
        const subscription = client.subscribeToAll({
          fromPosition: from === 0n ? START : toReadPosition(from),
          filter: streamNameFilter({ prefixes: [prefix] }),
        });
        const stop = () => void subscription.unsubscribe().catch(() => {});
        signal.addEventListener('abort', stop, { once: true });
        try {
          for await (const resolved of subscription) {
            const event = sideEvent(resolved);
            if (!event || event.position <= from || !event.streamId.startsWith(prefix)) continue;
            from = event.position;
            failures = 0;
            onEvent(event);
          }
          if (signal.aborted) return;
        } catch (error) {
          if (signal.aborted) return;
          onRetry?.(error);
        } finally {
          signal.removeEventListener('abort', stop);
        }
        failures += 1;
        await sleep(backoffDelay(failures, { initialMs: 250, maxMs: 30_000 }), signal);
      }
    },

    async limit(streamId, limits) {
      try {
        await client.setStreamMetadata(streamId, { ...(limits.maxCount ? { maxCount: limits.maxCount } : {}), ...(limits.maxAgeSeconds ? { maxAge: limits.maxAgeSeconds } : {}) });
      } catch (error) {
        throw fail(error, streamId);
      }
    },

    async close() {
      await client.dispose().catch(() => {});
    },
  };
}

export { NO_STREAM };
