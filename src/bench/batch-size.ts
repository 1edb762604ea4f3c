/**
 * What the views' thread spends per event by how many events each batch holds: the live runner's
 * path (Views.applyBatch, one transaction per batch) over consecutive slices of a generated log,
 * after a warm-up, each slice in batches of one size. Sizes are taken in turn, twice, so that a
 * drift of the machine or of the documents' sizes shows.
 *
 *   npx tsx src/bench/batch-size.ts --data-dir .bench-data/log-1000000-seed-1 [--from 200000] [--slice 10000] [--sizes 1,4,16]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allProjections } from '../../projections/index.js';
import { openViews } from '../projection/views.js';
import { createSqliteEventStore } from '../store/sqlite.js';
import { TZ } from './logs.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, from: { type: 'string', default: '200000' }, slice: { type: 'string', default: '10000' }, sizes: { type: 'string', default: '1,4,16' } },
});
if (!values['data-dir']) throw new Error('--data-dir DIR: a generated log (npm run generate)');
const sizes = values.sizes.split(',').map(Number);
const slice = Number(values.slice);
const store = createSqliteEventStore({ file: join(values['data-dir'], 'events.db'), groupCommit: false });
const dir = mkdtempSync(join(tmpdir(), 'batch-size-'));
const views = openViews({ file: join(dir, 'views.db'), projections: allProjections({ timeZone: TZ }), settings: { timeZone: TZ }, synchronous: 'NORMAL', source: 'sqlite' });
try {
  // The warm-up, in large batches: views of a centre some months in, as a server would hold them.
  for (let at = 0n; at < BigInt(values.from); ) {
    const batch = await store.readAll(at, 5_000);
    if (batch.length === 0) break;
    views.applyBatch(batch, { trusted: true });
    at = batch[batch.length - 1]!.position;
  }
  console.log(`warmed up to position ${views.checkpoint()}`);
  for (const round of [1, 2]) {
    for (const size of sizes) {
      const events = await store.readAll(views.checkpoint(), slice);
      const cpu = process.cpuUsage();
      const started = performance.now();
      for (let i = 0; i < events.length; i += size) views.applyBatch(events.slice(i, i + size), { trusted: true });
      const used = process.cpuUsage(cpu);
      const ms = performance.now() - started;
      console.log(
        `round ${round}, batches of ${String(size).padStart(3)}: ${((1000 * ms) / events.length).toFixed(0).padStart(5)} µs per event (CPU ${((used.user + used.system) / events.length).toFixed(0)} µs, of it system ${(used.system / events.length).toFixed(0)} µs)`,
      );
    }
  }
} finally {
  views.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
