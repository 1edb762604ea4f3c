/**
 * Rebuilds every view under DATA_DIR (or `--data-dir DIR`) from the event log. Run it with the
 * server stopped: `npm run rebuild [-- --data-dir DIR]`.
 *
 * The views are built in a new file beside the old one (views.db.rebuilding), then put in its
 * place: until the swap the old views stay as they were, and an interrupted rebuild leaves only a
 * file that the next rebuild deletes. While replaying, the new file has no rollback journal and
 * no fsyncs and the views' secondary indexes are built once at the end; then the file is switched
 * to WAL, synced, and renamed over views.db.
 *
 * `npm run rebuild` gives V8 a 64 MiB young generation (--max-semi-space-size): a replay makes
 * short-lived objects fast (parsed events, evolved documents), and with the default young
 * generation many of them live long enough to be copied and promoted before they die.
 */
import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { openConfiguredViews, openEventStore } from '../stores.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { createProgress } from './progress.js';

/**
 * Events per transaction (REBUILD_BATCH_EVENTS): large enough to amortise commits and to apply
 * many events to each document once. A document is written once per batch that changes it, so a
 * larger batch writes fewer rows (the last line says how many per event), for memory that follows
 * the batch, not the log.
 */
const BATCH = Number(process.env.REBUILD_BATCH_EVENTS ?? 50_000);

let dataDir: string | undefined;
try {
  dataDir = parseArgs({ options: { 'data-dir': { type: 'string' } }, strict: true }).values['data-dir'];
} catch (error) {
  // A mistyped option must not rebuild some other folder's views.
  process.stderr.write(`${(error as Error).message}\nusage: npm run rebuild [-- --data-dir DIR] (or DATA_DIR=DIR npm run rebuild)\n`);
  process.exit(2);
}
const config = parseConfig(dataDir ? { ...process.env, DATA_DIR: dataDir } : process.env);
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const target = config.viewsFile;
const building = `${target}.rebuilding`;
const removeDatabase = (file: string) => {
  for (const suffix of ['', '-wal', '-shm', '-journal']) rmSync(`${file}${suffix}`, { force: true });
};
const fsyncPath = (path: string) => {
  const fd = openSync(path, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
};

removeDatabase(building);
const store = await openEventStore(config, logger);
// A larger document cache than the server's: the documents a replay revisits across batches
// (participants, months) are parsed once. Bounded, so memory does not grow with the log; documents
// never written yet are known absent without a read (the views' filter of written documents).
const views = openConfiguredViews({ ...config, viewsFile: building }, logger, { cachedDocuments: Number(process.env.REBUILD_CACHED_DOCUMENTS ?? 50_000) });
const head = await store.headPosition();
const started = process.hrtime.bigint();
let swapped = false;
try {
  views.beginBulk({ disposableFile: true });
  const trusted = store.appendsOnlyFromLedger === true;
  const progress = createProgress('rebuilding', Number(head));
  let position = 0n;
  let events = 0;
  for (;;) {
    const batch = await store.readAll(position, BATCH);
    if (batch.length === 0) break;
    views.applyBatch(batch, { trusted });
    events += batch.length;
    position = batch[batch.length - 1]!.position;
    progress.update(Number(position));
  }
  const replayed = Number(process.hrtime.bigint() - started) / 1e9;
  views.endBulk();
  // After endBulk: it writes the documents the replay still held in memory.
  const rowsWritten = views.rowsWritten();
  views.close();
  fsyncPath(building);

  // The old views: folded back into views.db first (a crash may have left a WAL that belongs to
  // it, and must never be applied to the new file), then replaced.
  if (existsSync(target)) {
    try {
      const old = new Database(target);
      old.pragma('wal_checkpoint(TRUNCATE)');
      old.close();
    } catch {
      // Not readable as a database: it is replaced all the same.
    }
  }
  rmSync(`${target}-wal`, { force: true });
  rmSync(`${target}-shm`, { force: true });
  renameSync(building, target);
  fsyncPath(dirname(target));
  swapped = true;

  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  progress.finish(Number(position));
  console.log(
    `rebuilt every view from ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / Math.max(seconds, 1e-9))} events/s; ` +
      `replay ${replayed.toFixed(2)} s, indexes and sync ${(seconds - replayed).toFixed(2)} s; ` +
      `${rowsWritten} view rows written, ${(rowsWritten / Math.max(events, 1)).toFixed(2)} per event; ` +
      `peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MiB)`,
  );
} finally {
  if (!swapped) {
    try {
      views.close();
    } catch {
      // already closed
    }
    removeDatabase(building);
  }
  await store.close();
}
