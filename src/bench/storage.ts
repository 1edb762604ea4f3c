/**
 * Storage append figures: single-event appends through the store port against raw better-sqlite3
 * inserts of the same rows with the same pragmas, in one process, on the same disk.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { NewEvent } from '../store/port.js';
import { createSqliteEventStore, EVENTS_TABLE, type Synchronous } from '../store/sqlite.js';

export interface StorageFigures {
  /** Single appends awaited one after the other through the port (appends/s). */
  readonly portSequential: number;
  /** Raw single-row transactions, one after the other (rows/s): the limit of the line above. */
  readonly rawSequential: number;
  /** Appends through the port with `concurrency` in flight, group commit on (appends/s). */
  readonly portConcurrent: number;
  /** The same without group commit: every append its own transaction (appends/s). */
  readonly portConcurrentNoGroup: number;
  /** Raw transactions of `concurrency` rows each (rows/s): the limit of group commit at that concurrency. */
  readonly rawBatched: number;
}

const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
};

/** An event as the ledger stores one: a recorded attendance of 14 children with its metadata. */
function sampleEvent(): NewEvent {
  return {
    id: randomUUID(),
    type: 'AttendanceRecorded',
    data: { workshopId: randomUUID(), participantIds: Array.from({ length: 14 }, () => randomUUID()) },
    metadata: { actor: { userId: 'bench', role: 'admin' }, centreId: randomUUID(), commandId: randomUUID(), correlationId: randomUUID(), recordedAt: new Date().toISOString() },
  };
}

function openRaw(file: string, synchronous: Synchronous) {
  removeDatabase(file);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${synchronous}`);
  db.pragma('busy_timeout = 5000');
  // The store's own table, constraints included.
  db.exec(EVENTS_TABLE);
  return db;
}

/** Raw inserts, `perTransaction` rows in each transaction, for about `seconds`: rows per second. */
function raw(file: string, synchronous: Synchronous, perTransaction: number, seconds: number): number {
  const db = openRaw(file, synchronous);
  const insert = db.prepare(`INSERT INTO events (id, stream_id, revision, type, data, metadata) VALUES (?, ?, ?, ?, ?, ?)`);
  const template = sampleEvent();
  const data = JSON.stringify(template.data);
  const metadata = JSON.stringify(template.metadata);
  let n = 0;
  const write = db.transaction(() => {
    for (let i = 0; i < perTransaction; i++) {
      n += 1;
      insert.run(`e-${n}`, `s-${n}`, 0, template.type, data, metadata);
    }
  });
  const started = performance.now();
  const until = started + seconds * 1000;
  while (performance.now() < until) write.immediate();
  const rate = n / ((performance.now() - started) / 1000);
  db.close();
  removeDatabase(file);
  return rate;
}

/** Single-event appends through the port with `concurrency` callers, each on its own streams, for about `seconds`. */
async function port(file: string, synchronous: Synchronous, concurrency: number, seconds: number, groupCommit: boolean): Promise<number> {
  removeDatabase(file);
  const store = createSqliteEventStore({ file, synchronous, groupCommit });
  const template = sampleEvent();
  let n = 0;
  const started = performance.now();
  const until = started + seconds * 1000;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        n += 1;
        await store.append(`s-${n}`, [{ ...template, id: `e-${n}` }], 'no_stream');
      }
    }),
  );
  const rate = n / ((performance.now() - started) / 1000);
  await store.close();
  removeDatabase(file);
  return rate;
}

export async function measureStorage(options: { dir: string; synchronous?: Synchronous; concurrency?: number; seconds?: number }): Promise<StorageFigures> {
  mkdirSync(options.dir, { recursive: true });
  const file = join(options.dir, 'append-bench.db');
  const synchronous = options.synchronous ?? 'FULL';
  const concurrency = options.concurrency ?? 8;
  const seconds = options.seconds ?? 3;
  // Alternate raw and port runs so that a disk or neighbour slowdown hits both.
  const rawSequential = raw(file, synchronous, 1, seconds);
  const portSequential = await port(file, synchronous, 1, seconds, true);
  const rawBatched = raw(file, synchronous, concurrency, seconds);
  const portConcurrent = await port(file, synchronous, concurrency, seconds, true);
  const portConcurrentNoGroup = await port(file, synchronous, concurrency, seconds, false);
  return { portSequential, rawSequential, portConcurrent, portConcurrentNoGroup, rawBatched };
}
