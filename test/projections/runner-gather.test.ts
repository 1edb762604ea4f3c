/**
 * The runner's gathering (src/projection/runner.ts, gatherMs): after a batch it lets writes gather
 * before reading the next, so that under load a batch holds several writes, and a reader who
 * waits for the views never waits for the gathering.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { afterAll, describe, expect, it } from 'vitest';
import { createProjectionRunner } from '../../src/projection/runner.js';
import { openViews } from '../../src/projection/views.js';
import type { NewEvent } from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-gather-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const event = (type: string): NewEvent => ({
  id: randomUUID(),
  type,
  data: {},
  metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
});

/** A runner that gathers for a minute after each batch, over a fresh log; the sizes of the batches it applied. */
async function gatheringRunner(name: string) {
  const store = createSqliteEventStore({ file: join(dir, `${name}-events.db`) });
  const views = openViews({ file: join(dir, `${name}-views.db`), projections: [], settings: { timeZone: 'Europe/Belgrade' }, synchronous: 'NORMAL' });
  const batches: number[] = [];
  const applyBatch = views.applyBatch.bind(views);
  views.applyBatch = (events, options) => {
    batches.push(events.length);
    applyBatch(events, options);
  };
  const runner = createProjectionRunner({ store, views, logger: pino({ level: 'silent' }), gatherMs: 60_000 });
  runner.start();
  const close = async () => {
    await runner.stop();
    views.close();
    await store.close();
  };
  return { store, views, runner, batches, close };
}

describe('gathering writes between batches', () => {
  it('given a batch just applied, when two more writes come and a reader waits for the second, then the wait ends at once and both are applied in one batch', async () => {
    const { store, views, runner, batches, close } = await gatheringRunner('gather');
    try {
      await store.append('s-1', [event('First')], 'no_stream');
      expect(await runner.waitFor(1n, 5_000)).toBe(true);

      await store.append('s-2', [event('Second')], 'no_stream');
      await store.append('s-3', [event('Third')], 'no_stream');
      // Gathering: not applied yet, though nothing holds the log back.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(views.checkpoint()).toBe(1n);

      const started = Date.now();
      expect(await runner.waitFor(3n, 5_000)).toBe(true);
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(batches).toEqual([1, 2]);
    } finally {
      await close();
    }
  });

  it('given a runner gathering, when it is stopped, then it stops without waiting for the gathering to end', async () => {
    const { store, runner, close } = await gatheringRunner('stop');
    await store.append('s-1', [event('First')], 'no_stream');
    expect(await runner.waitFor(1n, 5_000)).toBe(true);

    const started = Date.now();
    await close();

    expect(Date.now() - started).toBeLessThan(5_000);
  });
});
