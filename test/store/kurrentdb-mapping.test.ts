import {
  ANY,
  AccessDeniedError,
  DeadlineExceededError,
  NO_STREAM,
  START,
  UnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent as KurrentRecordedEvent,
} from '@kurrent/kurrentdb-client';
import { describe, expect, it } from 'vitest';
import { streamCategories } from '../../src/domain/catalogue.js';
import {
  backoffDelay,
  batchDeliveries,
  commandHandledData,
  commandStreamOf,
  describeFailure,
  findReplay,
  followLog,
  fromStreamState,
  isLedgerEvent,
  ledgerFilter,
  passwordOf,
  positionOf,
  redactConnectionString,
  streamPrefixesOf,
  toCommandRecord,
  toEventData,
  toReadPosition,
  toRecordedEvent,
  toStoreError,
  toStreamState,
  type Delivery,
} from '../../src/store/kurrentdb-mapping.js';
import {
  isStoreUnavailable,
  isWrongExpectedRevision,
  storeUnavailable,
  type EventMetadata,
  type NewEvent,
  type RecordedEvent,
} from '../../src/store/port.js';

const metadata: EventMetadata = { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: '2025-03-01T10:00:00.000Z' };
const server = 'kurrentdb://admin:***@db:2113';

/** A recorded event of the port at `position`; its id names the position so duplicates are visible. */
const at = (position: bigint, streamId = 'centre-1'): RecordedEvent => ({
  id: `event-${position}`,
  streamId,
  revision: position,
  position,
  type: 'CentreOpened',
  data: { n: Number(position) },
  metadata,
});
const delivered = (position: bigint): Delivery => ({ kind: 'event', event: at(position) });
const positions = (batches: readonly RecordedEvent[][]) => batches.map((batch) => batch.map((event) => event.position));

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const all: T[] = [];
  for await (const item of iterable) all.push(item);
  return all;
}

/** A source the test feeds by hand, to control when deliveries arrive and when it fails. */
function manualSource() {
  const queue: Array<{ delivery?: Delivery; error?: unknown; end?: boolean }> = [];
  let wake: (() => void) | undefined;
  const push = (item: (typeof queue)[number]) => {
    queue.push(item);
    wake?.();
  };
  async function* source(): AsyncGenerator<Delivery> {
    for (;;) {
      while (queue.length === 0) await new Promise<void>((resolve) => (wake = resolve));
      const item = queue.shift()!;
      if (item.error) throw item.error;
      if (item.end) return;
      yield item.delivery!;
    }
  }
  return {
    source: source(),
    deliver: (...items: Delivery[]) => items.forEach((delivery) => push({ delivery })),
    fail: (error: unknown) => push({ error }),
    end: () => push({ end: true }),
  };
}

describe('expected revisions', () => {
  it('given the port words, when mapped to a stream state, then no_stream, any and revisions keep their meaning', () => {
    expect(toStreamState('no_stream')).toBe(NO_STREAM);
    expect(toStreamState('any')).toBe(ANY);
    expect(toStreamState(0n)).toBe(0n);
    expect(toStreamState(41n)).toBe(41n);
  });

  it('given a negative revision, when mapped, then it is refused rather than sent', () => {
    expect(() => toStreamState(-1n)).toThrow(/not a revision/);
  });

  it('given stream states from a server error, when read back, then stream_exists reads as any', () => {
    expect(fromStreamState(NO_STREAM)).toBe('no_stream');
    expect(fromStreamState(ANY)).toBe('any');
    expect(fromStreamState('stream_exists')).toBe('any');
    expect(fromStreamState(7n)).toBe(7n);
  });
});

describe('positions', () => {
  it('given the start of the log, when a read position is made, then it is START', () => {
    expect(toReadPosition(0n)).toBe(START);
  });

  it('given a position, when a read position is made, then commit and prepare both carry it', () => {
    expect(toReadPosition(123_456_789_012n)).toEqual({ commit: 123_456_789_012n, prepare: 123_456_789_012n });
  });

  it('given a position beyond 2^53, when converted both ways, then no precision is lost', () => {
    const big = 2n ** 62n + 7n;
    const read = toReadPosition(big);
    expect(read).not.toBe(START);
    expect(positionOf(read as { commit: bigint; prepare: bigint }, 'x')).toBe(big);
  });

  it('given a negative position, when a read position is made, then it is refused', () => {
    expect(() => toReadPosition(-5n)).toThrow(/negative/);
  });

  it('given an event without a position (a server older than 22.6), when mapped, then the error names the version needed', () => {
    expect(() => positionOf(undefined, 'event e1')).toThrow(/22\.10/);
  });
});

describe('events', () => {
  const raw = (overrides: Partial<Record<string, unknown>> = {}) =>
    ({
      streamId: 'participant-9',
      id: '5a0c3e1e-2f4d-4b8a-9c6e-7d8f9a0b1c2d',
      isJson: true,
      revision: 3n,
      type: 'ParticipantRegistered',
      created: new Date(),
      data: { participantId: '9' },
      metadata,
      position: { commit: 9_000n, prepare: 9_000n },
      ...overrides,
    }) as unknown as KurrentRecordedEvent;

  it('given a recorded KurrentDB event, when mapped, then stream, revision, commit position, type, data and metadata carry over', () => {
    expect(toRecordedEvent(raw())).toEqual({
      id: '5a0c3e1e-2f4d-4b8a-9c6e-7d8f9a0b1c2d',
      streamId: 'participant-9',
      revision: 3n,
      position: 9_000n,
      type: 'ParticipantRegistered',
      data: { participantId: '9' },
      metadata,
    });
  });

  it('given an event that is not JSON or has no JSON metadata, when mapped, then it is refused as not ours', () => {
    expect(() => toRecordedEvent(raw({ isJson: false, data: new Uint8Array([1]) }))).toThrow(/not JSON/);
    expect(() => toRecordedEvent(raw({ metadata: new Uint8Array([1]) }))).toThrow(/metadata/);
    expect(() => toRecordedEvent(raw({ metadata: undefined }))).toThrow(/metadata/);
  });

  it('given a new event, when turned into event data, then its id is kept and data and metadata go as JSON', () => {
    const event: NewEvent = { id: '1f2e3d4c-5b6a-4978-8a9b-0c1d2e3f4a5b', type: 'CentreOpened', data: { centreId: 'c' }, metadata };
    expect(toEventData(event)).toEqual({
      id: event.id,
      contentType: 'application/json',
      type: 'CentreOpened',
      data: { centreId: 'c' },
      metadata,
    });
  });
});

describe('which streams are the ledger', () => {
  const prefixes = streamPrefixesOf(streamCategories);

  it('given the catalogue categories, when prefixes are made, then each category ends with a dash', () => {
    expect(prefixes).toEqual(streamCategories.map((category) => `${category}-`));
    expect(streamPrefixesOf(['centre'], ['contract'])).toEqual(['centre-', 'contract']);
  });

  it('given a category that would also match command records, when prefixes are made, then it is refused', () => {
    expect(() => streamPrefixesOf(['command'])).toThrow(/command records/);
    expect(() => streamPrefixesOf([], ['c'])).toThrow(/command records/);
    expect(() => streamPrefixesOf([], ['$ce'])).toThrow(/cannot be a stream prefix/);
    expect(() => streamPrefixesOf([])).toThrow(/at least one/);
  });

  it('given events of all kinds, when filtered, then only ledger events of ledger streams pass', () => {
    expect(isLedgerEvent('centre-1', 'CentreOpened', prefixes)).toBe(true);
    expect(isLedgerEvent('culturalEvent-7', 'CulturalEventRecorded', prefixes)).toBe(true);
    expect(isLedgerEvent('centreabc-1', 'CentreOpened', prefixes)).toBe(false);
    expect(isLedgerEvent('$$centre-1', '$metadata', prefixes)).toBe(false);
    expect(isLedgerEvent('$ce-centre', '$>', prefixes)).toBe(false);
    expect(isLedgerEvent('centre-1', '$streamDeleted', prefixes)).toBe(false);
    expect(isLedgerEvent(commandStreamOf('cmd-1'), 'CommandHandled', prefixes)).toBe(false);
    expect(isLedgerEvent('orders-1', 'OrderPlaced', prefixes)).toBe(false);
  });

  it('given the prefixes, when the server-side filter is made, then it filters on stream names with exactly those prefixes', () => {
    const filter = ledgerFilter(prefixes);
    expect(filter.filterOn).toBe('streamName');
    expect('prefixes' in filter && filter.prefixes).toEqual([...prefixes]);
  });
});

describe('errors', () => {
  it('given a wrong expected version from the server, when mapped, then the port sees WrongExpectedRevision with the actual revision', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'centre-1', expected: 3n, current: 5n });

    const mapped = toStoreError(error, { server, streamId: 'centre-1', expected: 3n });

    expect(isWrongExpectedRevision(mapped)).toBe(true);
    expect(mapped).toMatchObject({ streamId: 'centre-1', expected: 3n, actual: 5n });
  });

  it('given a wrong expected version on a missing stream without context, when mapped, then actual is no_stream and expected comes from the error', () => {
    const error = new WrongExpectedVersionError(undefined, { streamName: 'centre-2', expected: 0n, current: 'no_stream' });

    expect(toStoreError(error, { server })).toMatchObject({ wrongExpectedRevision: true, streamId: 'centre-2', expected: 0n, actual: 'no_stream' });
  });

  it('given an unavailable server, a deadline or a raw gRPC UNAVAILABLE, when mapped, then each is a retryable StoreUnavailable naming the server', () => {
    const failures = [
      new UnavailableError(undefined, 'UnavailableError'),
      new DeadlineExceededError(undefined, 'deadline passed'),
      Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }),
    ];
    for (const failure of failures) {
      const mapped = toStoreError(failure, { server });
      expect(isStoreUnavailable(mapped)).toBe(true);
      expect(mapped.message).toContain('kurrentdb://admin:***@db:2113');
      expect(mapped.message).toMatch(/retry/);
      expect(mapped.cause).toBe(failure);
    }
  });

  it('given errors that only carry their class name, when described, then the reason says what happened', () => {
    expect(describeFailure(new UnavailableError(undefined, 'UnavailableError'))).toBe('no connection could be established');
    expect(describeFailure(new DeadlineExceededError(undefined, 'DeadlineExceededError'))).toBe('it did not answer in time');
    expect(describeFailure(Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 }))).toBe('14 UNAVAILABLE: No connection established');
  });

  it('given access denied, when mapped, then it is not made retryable', () => {
    const denied = new AccessDeniedError(undefined, 'access denied');
    const mapped = toStoreError(denied, { server });
    expect(mapped).toBe(denied);
    expect(isStoreUnavailable(mapped)).toBe(false);
  });

  it('given an error already in the port words, when mapped again, then it passes through unchanged', () => {
    const unavailable = storeUnavailable('down');
    expect(toStoreError(unavailable, { server })).toBe(unavailable);
  });
});

describe('connection strings in messages', () => {
  it('given a password, when redacted, then only the password is hidden', () => {
    expect(redactConnectionString('kurrentdb://admin:s3cr%3At@db1:2113,db2:2113?tls=true')).toBe('kurrentdb://admin:***@db1:2113,db2:2113?tls=true');
    expect(redactConnectionString('esdb+discover://ops:changeit@cluster.local:2113')).toBe('esdb+discover://ops:***@cluster.local:2113');
  });

  it('given no password, when redacted, then the string is unchanged', () => {
    expect(redactConnectionString('kurrentdb://localhost:2113?tls=false')).toBe('kurrentdb://localhost:2113?tls=false');
    expect(redactConnectionString('kurrentdb://admin@localhost:2113')).toBe('kurrentdb://admin@localhost:2113');
  });

  it('given a connection string, when its password is asked for, then it is found only where there is one', () => {
    expect(passwordOf('kurrentdb://admin:secret@127.0.0.1:1?tls=false')).toBe('secret');
    expect(passwordOf('kurrentdb://127.0.0.1:1?tls=false')).toBeUndefined();
  });
});

describe('command records and replayed commands', () => {
  it('given a command record, when stored as event data and read back, then it is the same record with its bigint position', () => {
    const record = { commandId: 'cmd-1', fingerprint: 'f1', result: { id: 'x' }, position: 2n ** 60n };
    const data = JSON.parse(JSON.stringify(commandHandledData(record)));
    expect(toCommandRecord('CommandHandled', data)).toEqual(record);
    expect(toCommandRecord('SomethingElse', data)).toBeUndefined();
  });

  const newEvent = (id: string): NewEvent => ({ id, type: 'T', data: {}, metadata });
  const stored = (id: string, revision: bigint): RecordedEvent => ({ ...newEvent(id), streamId: 'centre-1', revision, position: 100n + revision });

  it('given events whose ids end the stream, when checked for a replay, then the last stored one answers', () => {
    const tail = [stored('a', 0n), stored('b', 1n), stored('c', 2n)];
    expect(findReplay(tail, [newEvent('b'), newEvent('c')])).toEqual(stored('c', 2n));
  });

  it('given the replayed events followed by newer ones, when checked, then the replay is still found', () => {
    const tail = [stored('a', 0n), stored('b', 1n), stored('z', 2n)];
    expect(findReplay(tail, [newEvent('a'), newEvent('b')])?.revision).toBe(1n);
  });

  it('given new event ids, when checked, then there is no replay', () => {
    expect(findReplay([stored('a', 0n)], [newEvent('n')])).toBeUndefined();
    expect(findReplay([stored('a', 0n)], [])).toBeUndefined();
  });

  it('given the same ids stored in another order, when checked, then it is refused', () => {
    const tail = [stored('a', 0n), stored('c', 1n), stored('b', 2n)];
    expect(() => findReplay(tail, [newEvent('a'), newEvent('b')])).toThrow(/another order/);
  });
});

describe('batching a subscription', () => {
  const options = { after: 0n, maxBatch: 500, quietMs: 5 };

  it('given a source that repeats events and goes back to earlier ones, when batched, then every event comes once, in order', async () => {
    const source = (async function* () {
      yield* [delivered(10n), delivered(20n), delivered(20n), delivered(10n), delivered(30n), delivered(25n), delivered(40n)];
    })();

    const batches = await collect(batchDeliveries(source, options));

    expect(positions(batches).flat()).toEqual([10n, 20n, 30n, 40n]);
  });

  it('given a starting position, when the source delivers events at or before it, then those are dropped', async () => {
    const source = (async function* () {
      yield* [delivered(3n), delivered(5n), delivered(6n)];
    })();

    const batches = await collect(batchDeliveries(source, { ...options, after: 5n }));

    expect(positions(batches).flat()).toEqual([6n]);
  });

  it('given more events at once than a batch holds, when batched, then batches are cut at the maximum', async () => {
    const source = (async function* () {
      for (let p = 1n; p <= 5n; p++) yield delivered(p);
    })();

    const batches = await collect(batchDeliveries(source, { ...options, maxBatch: 2 }));

    expect(positions(batches)).toEqual([[1n, 2n], [3n, 4n], [5n]]);
  });

  it('given a source that goes quiet, when batched, then the events so far go out without waiting for more', async () => {
    const feed = manualSource();
    const batches = batchDeliveries(feed.source, { ...options, quietMs: 10 });
    feed.deliver(delivered(1n), delivered(2n));

    const first = await batches.next();

    expect(positions([first.value as RecordedEvent[]])).toEqual([[1n, 2n]]);
    feed.deliver(delivered(3n));
    feed.end();
    expect(positions(await collect(batches))).toEqual([[3n]]);
  });

  it('given a checkpoint after some events, when batched, then the events go out at the checkpoint', async () => {
    const feed = manualSource();
    const batches = batchDeliveries(feed.source, { ...options, quietMs: 60_000 });
    feed.deliver(delivered(1n), { kind: 'checkpoint', position: 50n }, delivered(60n), { kind: 'caughtUp' });

    expect(positions([(await batches.next()).value as RecordedEvent[]])).toEqual([[1n]]);
    expect(positions([(await batches.next()).value as RecordedEvent[]])).toEqual([[60n]]);
    feed.end();
    expect(await collect(batches)).toEqual([]);
  });

  it('given a source that fails after some events, when batched, then those events go out before the error', async () => {
    const feed = manualSource();
    const batches = batchDeliveries(feed.source, { ...options, quietMs: 60_000 });
    const lost = storeUnavailable('connection lost');
    feed.deliver(delivered(1n), delivered(2n));
    feed.fail(lost);

    expect(positions([(await batches.next()).value as RecordedEvent[]])).toEqual([[1n, 2n]]);
    await expect(batches.next()).rejects.toBe(lost);
  });

  it('given a source that never delivers, when the signal aborts, then batching ends', async () => {
    const feed = manualSource();
    const controller = new AbortController();
    const batches = collect(batchDeliveries(feed.source, { ...options, signal: controller.signal }));

    setTimeout(() => controller.abort(), 10);

    expect(await batches).toEqual([]);
  });
});

describe('following the log across reconnections', () => {
  const follow = (signal: AbortSignal) => ({
    after: 0n,
    signal,
    maxBatch: 500,
    quietMs: 5,
    retry: { initialMs: 1, maxMs: 1 },
    isRetryable: isStoreUnavailable,
  });

  it('given a connection that drops and a resubscription that re-delivers events already seen, when followed, then each event is yielded once and the resubscription starts after the last delivered position', async () => {
    const controller = new AbortController();
    const opened: bigint[] = [];
    const open = (after: bigint) => {
      opened.push(after);
      return (async function* (): AsyncGenerator<Delivery> {
        if (opened.length === 1) {
          yield* [delivered(10n), delivered(20n), delivered(30n)];
          throw storeUnavailable('connection lost');
        }
        // The server resumes a little early: 20 and 30 again, then the new 40; then it is live and idle.
        yield* [delivered(20n), delivered(30n), delivered(40n)];
        await new Promise(() => {});
      })();
    };

    const batches: RecordedEvent[][] = [];
    for await (const batch of followLog(open, follow(controller.signal))) {
      batches.push(batch);
      if (batch.some((event) => event.position === 40n)) controller.abort();
    }

    expect(positions(batches).flat()).toEqual([10n, 20n, 30n, 40n]);
    expect(opened).toEqual([0n, 30n]);
  });

  it('given a source that ends on its own, when followed, then it is reopened after the last position', async () => {
    const controller = new AbortController();
    const opened: bigint[] = [];
    const open = (after: bigint) => {
      opened.push(after);
      return (async function* (): AsyncGenerator<Delivery> {
        if (opened.length === 1) yield delivered(7n);
        else controller.abort();
      })();
    };

    const batches = await collect(followLog(open, follow(controller.signal)));

    expect(positions(batches)).toEqual([[7n]]);
    expect(opened).toEqual([0n, 7n]);
  });

  it('given a failure that is not a lost connection, when followed, then the consumer sees it', async () => {
    const controller = new AbortController();
    const broken = new Error('event is not JSON');
    const open = () =>
      (async function* (): AsyncGenerator<Delivery> {
        throw broken;
      })();

    await expect(collect(followLog(open, follow(controller.signal)))).rejects.toBe(broken);
  });

  it('given repeated failures, when the back-off is computed, then it doubles up to the cap', () => {
    const retry = { initialMs: 250, maxMs: 30_000 };
    expect([1, 2, 3, 4, 8, 20].map((failures) => backoffDelay(failures, retry))).toEqual([250, 500, 1_000, 2_000, 30_000, 30_000]);
  });
});
