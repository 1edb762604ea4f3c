import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isDuplicateCommand, isWrongExpectedRevision, type AppendResult, type NewEvent } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';
import { describeEventStoreContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeEventStoreContract('sqlite', async () => createSqliteEventStore({ file: join(dir, `events-${n++}.db`), pollIntervalMs: 20 }));

describe('sqlite event log file', () => {
  it('given a file that is not an event log, when the store opens it, then it refuses with a message and leaves it untouched', () => {
    const file = join(dir, 'foreign.db');
    writeFileSync(file, 'this is not a database at all, just some text that someone put here');
    expect(() => createSqliteEventStore({ file })).toThrow(/not a centre-ledger event log|cannot be opened/);
    expect(() => createSqliteEventStore({ file })).toThrow(/left untouched/);
  });
});

describe('sqlite group commit', () => {
  const event = (type: string, id: string = randomUUID()): NewEvent => ({
    id,
    type,
    data: {},
    metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
  });

  it('given appends issued together, when one of them conflicts or repeats a command id, then only it fails and the others are stored in call order', async () => {
    const store = createSqliteEventStore({ file: join(dir, `group-${n++}.db`), pollIntervalMs: 20 });
    try {
      await store.append('s-existing', [event('First')], 'no_stream', { command: { commandId: 'cmd-taken', fingerprint: 'f', result: null } });
      const results = await Promise.allSettled([
        store.append('s-1', [event('A')], 'no_stream'),
        store.append('s-existing', [event('Stale')], 'no_stream'),
        store.append('s-2', [event('B'), event('C')], 'no_stream'),
        store.append('s-3', [event('D')], 'no_stream', { command: { commandId: 'cmd-taken', fingerprint: 'f', result: null } }),
        store.append('s-1', [event('E')], 0n),
        store.append('s-1', [event('F')], 0n),
      ]);
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled', 'rejected', 'fulfilled', 'rejected']);
      expect(isWrongExpectedRevision((results[1] as PromiseRejectedResult).reason)).toBe(true);
      expect(isDuplicateCommand((results[3] as PromiseRejectedResult).reason)).toBe(true);
      expect(isWrongExpectedRevision((results[5] as PromiseRejectedResult).reason)).toBe(true);
      const all = await store.readAll(0n, 100);
      expect(all.map((e) => e.type)).toEqual(['First', 'A', 'B', 'C', 'E']);
      expect((results[4] as PromiseFulfilledResult<AppendResult>).value).toEqual({ nextRevision: 1n, position: all[4]!.position });
      expect(await store.readStream('s-3')).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it('given appends still queued, when the store is closed, then they are written before it closes', async () => {
    const file = join(dir, `group-${n++}.db`);
    const store = createSqliteEventStore({ file });
    const pending = [store.append('s-a', [event('A')], 'no_stream'), store.append('s-b', [event('B')], 'no_stream')];
    await store.close();
    await Promise.all(pending);
    const again = createSqliteEventStore({ file });
    try {
      expect((await again.readAll(0n, 10)).map((e) => e.type)).toEqual(['A', 'B']);
    } finally {
      await again.close();
    }
  });
});

describe('sqlite subscriptions told of appends on another connection', () => {
  it('given a subscriber that polls rarely, when another connection appends and says so, then the subscriber reads it at once', async () => {
    const file = join(dir, `elsewhere-${n++}.db`);
    const told = new Set<() => void>();
    const reader = createSqliteEventStore({
      file,
      pollIntervalMs: 60_000,
      appendedElsewhere: (listener) => {
        told.add(listener);
        return () => void told.delete(listener);
      },
    });
    const writer = createSqliteEventStore({ file });
    const controller = new AbortController();
    try {
      const subscription = reader.subscribe(0n, controller.signal)[Symbol.asyncIterator]();
      const first = subscription.next();
      // The subscriber is waiting (nothing in the log yet) with the listener registered.
      await new Promise((resolve) => setTimeout(resolve, 50));
      expect(told.size).toBe(1);
      await writer.append('s-a', [{ id: randomUUID(), type: 'A', data: {}, metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() } }], 'no_stream');
      const started = Date.now();
      for (const listener of [...told]) listener();
      const batch = await first;
      expect(batch.value?.map((e: { type: string }) => e.type)).toEqual(['A']);
      expect(Date.now() - started).toBeLessThan(5_000);
      // Woken, it stopped listening: listeners do not pile up while it follows the log.
      expect(told.size).toBe(0);
    } finally {
      controller.abort();
      await reader.close();
      await writer.close();
    }
  });
});

describe('sqlite reads of streams already folded', () => {
  const event = (type: string): NewEvent => ({
    id: randomUUID(),
    type,
    data: {},
    metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
  });

  it('given a reader that has folded a stream to its last revision, when another connection to the same file appends to it, then the next read after that revision returns the new event', async () => {
    const file = join(dir, `folded-${n++}.db`);
    const store = createSqliteEventStore({ file, synchronous: 'NORMAL' });
    const other = createSqliteEventStore({ file, synchronous: 'NORMAL' });
    try {
      await store.append('s-1', [event('A')], 'no_stream');
      expect((await store.readStreams([{ streamId: 's-1', after: 0n }]))[0]).toEqual([]);
      await other.append('s-1', [event('B')], 0n);
      expect((await store.readStreams([{ streamId: 's-1', after: 0n }, { streamId: 's-2' }]))[0]!.map((e) => e.type)).toEqual(['B']);
      // And this connection's own appends, after a read that found nothing.
      expect((await store.readStreams([{ streamId: 's-1', after: 1n }]))[0]).toEqual([]);
      await store.append('s-1', [event('C')], 1n);
      expect((await store.readStreams([{ streamId: 's-1', after: 1n }]))[0]!.map((e) => e.type)).toEqual(['C']);
    } finally {
      await other.close();
      await store.close();
    }
  });
});
