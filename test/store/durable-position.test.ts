/**
 * FULL durability with the WAL synced off the request thread (src/store/wal-sync.ts): the log's
 * connection commits first and syncs after, so between the two an event is in the file but not on
 * disk. These tests hold the sync back and check that nothing outside the command path acts on
 * such an event: the append is not acknowledged, readers and the views do not see it, a retried
 * command is not answered, and a reader on another connection stops at the durable position it
 * is told.
 */
import { randomUUID } from 'node:crypto';
import { fdatasync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { systemActor } from '../../src/auth/actor.js';
import { createCommands } from '../../src/commands/index.js';
import { createLedger } from '../../src/commands/ledger.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { createProjectionRunner } from '../../src/projection/runner.js';
import { openViews } from '../../src/projection/views.js';
import type { AppendResult, EventStore, NewEvent } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-durable-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
});

/** A WAL sync that waits until the test lets it run (the real fdatasync then), or runs at once while not holding. */
function heldSync() {
  const held: (() => void)[] = [];
  let holding = true;
  return {
    syncWal: (fd: number, done: (error: Error | null) => void) => (holding ? void held.push(() => fdatasync(fd, done)) : fdatasync(fd, done)),
    hold(value: boolean) {
      holding = value;
    },
    /** Lets every sync started so far run. */
    release() {
      for (const run of held.splice(0)) run();
    },
    get waiting() {
      return held.length;
    },
  };
}

/** Whether the promise is settled after the I/O and timers already due have run. */
async function settledSoon(promise: Promise<unknown>): Promise<boolean> {
  let settled = false;
  promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  return settled;
}

const eventually = async (check: () => boolean) => {
  for (let i = 0; i < 200 && !check(); i++) await new Promise((resolve) => setTimeout(resolve, 10));
  return check();
};

async function withStore(test: (store: EventStore, sync: ReturnType<typeof heldSync>, file: string) => Promise<void>) {
  const file = join(dir, `events-${n++}.db`);
  const sync = heldSync();
  const store = createSqliteEventStore({ file, syncWal: sync.syncWal, pollIntervalMs: 20 });
  try {
    await test(store, sync, file);
  } finally {
    sync.release();
    const closing = store.close();
    // Syncs the close waits for.
    for (let i = 0; i < 10 && (await settledSoon(closing)) === false; i++) sync.release();
    await closing;
  }
}

describe('the durable position of the event log', () => {
  it('given the WAL sync held back, when an append commits, then it is not acknowledged, and readers do not see it until the sync completes', async () => {
    await withStore(async (store, sync) => {
      const first = store.append('s-1', [event('First')], 'no_stream');
      // Committed: the command path sees it.
      expect(await eventually(() => sync.waiting === 1)).toBe(true);
      expect((await store.readStream('s-1')).map((e) => e.type)).toEqual(['First']);
      // Not yet on disk: not acknowledged, not in the log as readers see it.
      expect(await settledSoon(first)).toBe(false);
      expect(store.durablePosition!()).toBe(0n);
      expect(await settledSoon(store.readAll(0n, 10))).toBe(false);

      sync.release();
      const result = await first;
      expect(result.position).toBe(1n);
      expect(store.durablePosition!()).toBe(1n);
      expect((await store.readAll(0n, 10)).map((e) => e.type)).toEqual(['First']);
      expect(await store.headPosition()).toBe(1n);
    });
  });

  it('given appends committed while a sync is in flight, when that sync completes, then they wait for the next one, which covers them all', async () => {
    await withStore(async (store, sync) => {
      const first = store.append('s-1', [event('A')], 'no_stream');
      expect(await eventually(() => sync.waiting === 1)).toBe(true);
      const later = [store.append('s-2', [event('B')], 'no_stream'), store.append('s-3', [event('C')], 'no_stream')];
      await new Promise((resolve) => setTimeout(resolve, 20));
      sync.release();
      expect((await first).position).toBe(1n);
      expect(await settledSoon(Promise.all(later))).toBe(false);
      expect(store.durablePosition!()).toBe(1n);

      // One sync for both.
      expect(await eventually(() => sync.waiting === 1)).toBe(true);
      sync.release();
      const results: AppendResult[] = await Promise.all(later);
      expect(results.map((r) => r.position)).toEqual([2n, 3n]);
      expect(store.durablePosition!()).toBe(3n);
    });
  });

  it('given a command committed but not yet on disk, when it is retried (findCommand), then the retry is answered only once it is on disk', async () => {
    await withStore(async (store, sync) => {
      const command = { commandId: 'cmd-1', fingerprint: 'f', result: { id: 'x' } };
      const first = store.append('s-1', [event('Recorded')], 'no_stream', { command });
      expect(await eventually(() => sync.waiting === 1)).toBe(true);

      const retried = store.findCommand('cmd-1');
      expect(await settledSoon(retried)).toBe(false);

      sync.release();
      expect((await retried)?.position).toBe((await first).position);
    });
  });

  it('given views following the log, when events are committed but not yet on disk, then the views do not apply them until they are', async () => {
    await withStore(async (store, sync) => {
      const views = openViews({ file: join(dir, `views-${n++}.db`), projections: [], settings: { timeZone: 'Europe/Belgrade' }, synchronous: 'NORMAL' });
      const runner = createProjectionRunner({ store, views, logger: pino({ level: 'silent' }) });
      runner.start();
      try {
        const appended = store.append('s-1', [event('First'), event('Second')], 'no_stream');
        expect(await eventually(() => sync.waiting === 1)).toBe(true);
        expect(await runner.waitFor(2n, 100)).toBe(false);
        expect(views.checkpoint()).toBe(0n);

        sync.release();
        await appended;
        expect(await runner.waitFor(2n, 2_000)).toBe(true);
        expect(views.checkpoint()).toBe(2n);
      } finally {
        await runner.stop();
        views.close();
      }
    });
  });

  it("given a reader on another connection (the views' thread) told the durable position, when the writer has committed beyond it, then the reader reads only up to that position", async () => {
    await withStore(async (store, sync, file) => {
      await Promise.all([store.append('s-1', [event('A')], 'no_stream'), eventually(() => sync.waiting === 1).then(() => sync.release())]);
      let told = store.durablePosition!();
      const reader = createSqliteEventStore({ file, durablePosition: () => told });
      try {
        const pending = store.append('s-2', [event('B')], 'no_stream');
        expect(await eventually(() => sync.waiting === 1)).toBe(true);
        expect((await reader.readAll(0n, 10)).map((e) => e.type)).toEqual(['A']);
        expect(await reader.headPosition()).toBe(1n);

        sync.release();
        await pending;
        told = store.durablePosition!();
        expect((await reader.readAll(0n, 10)).map((e) => e.type)).toEqual(['A', 'B']);
      } finally {
        await reader.close();
      }
    });
  });

  it('given a WAL sync that fails, when appends wait for it, then they fail, and the log acknowledges nothing more until a restart', async () => {
    const file = join(dir, `events-${n++}.db`);
    const store = createSqliteEventStore({ file, syncWal: (_fd, done) => setImmediate(() => done(Object.assign(new Error('EIO: i/o error'), { code: 'EIO' }))) });
    try {
      await expect(store.append('s-1', [event('A')], 'no_stream')).rejects.toThrow(/could not be synced to disk/);
      await expect(store.append('s-2', [event('B')], 'no_stream')).rejects.toThrow(/could not be synced to disk/);
      expect(store.durablePosition!()).toBe(0n);
    } finally {
      await store.close();
    }
  });

  it('given an erasure committed but not yet on disk, when attendance of the erased child is refused because of it, then the refusal is answered only once the erasure is on disk', async () => {
    await withStore(async (store, sync) => {
      const ledger = createLedger({ store, timeZone: 'Europe/Belgrade', fingerprintKey: 'a-fingerprint-key-for-tests-only!!' });
      const commands = createCommands(ledger, { isCodeTaken: () => false, hoursEntry: () => undefined, shredPersonalData: () => undefined } as never);
      const context = () => ({ actor: systemActor, correlationId: randomUUID() });
      sync.hold(false);
      const { result: centre } = await commands.openCentre(context(), { name: 'Centre', municipality: 'Tutin', district: 'Raška' });
      const { result: child } = await commands.registerParticipant(context(), { centreId: centre.centreId, givenName: 'Amina', familyName: 'Hodžić', sex: 'FEMALE', birthYear: 2015, group: 'LOCAL' });
      const { result: workshop } = await commands.scheduleWorkshop(context(), { centreId: centre.centreId, kind: 'INCLUSIVE', title: 'Crafts', startsAt: '2026-01-10T10:00:00Z', durationMinutes: 60 });

      sync.hold(true);
      const erased = commands.eraseParticipant(context(), { participantId: child.participantId, reason: 'the family asked for it' });
      expect(await eventually(() => sync.waiting === 1)).toBe(true);
      const refused = commands.recordAttendance(context(), { workshopId: workshop.workshopId, participantIds: [child.participantId] }).catch((error: unknown) => error);
      expect(await settledSoon(refused)).toBe(false);

      sync.release();
      await erased;
      const error = await refused;
      expect(isDomainError(error) && error.field).toBe('participantIds');
    });
  });
});
