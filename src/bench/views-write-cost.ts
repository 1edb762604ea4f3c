/**
 * What the views' thread writes per event, and what it spends: the live runner's path
 * (Views.applyBatch, one transaction per batch) over a slice of a log after a warm-up, with the
 * WAL left unchecked so that every page the batches wrote stays in it. Answers the CPU per event
 * and the WAL pages per batch, by the table or index each page belongs to.
 *
 *   npx tsx src/bench/views-write-cost.ts --data-dir .bench-data/log-1000000-seed-1 [--from 100000] [--events 8000] [--batch 8]
 *
 * The API benchmark's log (BENCH_KEEP_API_DATA=1 npm run bench … keeps it and prints where) is
 * the shape of its load: two centres, 5,000 children, 20 at each attendance, so a month's sets
 * hold thousands; a generated log spreads them over many centres.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allProjections } from '../../projections/index.js';
import { openViews } from '../projection/views.js';
import { createSqliteEventStore } from '../store/sqlite.js';
import { TZ } from './logs.js';

const { values } = parseArgs({
  options: { 'data-dir': { type: 'string' }, from: { type: 'string', default: '100000' }, events: { type: 'string', default: '8000' }, batch: { type: 'string', default: '8' } },
});
if (!values['data-dir']) throw new Error('--data-dir DIR: a log (npm run generate, or a server data directory)');
const from = BigInt(values.from);
const batch = Number(values.batch);
const store = createSqliteEventStore({ file: join(values['data-dir'], 'events.db'), groupCommit: false });
const dir = mkdtempSync(join(tmpdir(), 'views-write-cost-'));
const file = join(dir, 'views.db');
const views = openViews({ file, projections: allProjections({ timeZone: TZ }), settings: { timeZone: TZ }, synchronous: 'NORMAL', source: 'sqlite' });
try {
  for (let at = 0n; at < from; ) {
    const events = (await store.readAll(at, 5_000)).filter((event) => event.position <= from);
    if (events.length === 0) break;
    views.applyBatch(events, { trusted: true });
    at = events[events.length - 1]!.position;
  }
  const events = await store.readAll(views.checkpoint(), Number(values.events));
  // Every page the batches write stays in the WAL: none is copied back to the file meanwhile.
  views.db.pragma('wal_checkpoint(TRUNCATE)');
  views.db.pragma('wal_autocheckpoint = 0');
  const cpu = process.cpuUsage();
  for (let i = 0; i < events.length; i += batch) views.applyBatch(events.slice(i, i + batch), { trusted: true });
  const used = process.cpuUsage(cpu);
  const batches = Math.ceil(events.length / batch);

  // The WAL: a 32-byte header, then frames of a 24-byte header (the page number first) and a page.
  const wal = readFileSync(`${file}-wal`);
  const pageSize = wal.readUInt32BE(8);
  const owner = new Map((views.db.prepare(`SELECT pageno, name FROM dbstat`).all() as { pageno: number; name: string }[]).map((row) => [row.pageno, row.name]));
  const byTable = new Map<string, number>();
  let frames = 0;
  for (let at = 32; at + 24 + pageSize <= wal.length; at += 24 + pageSize) {
    const name = owner.get(wal.readUInt32BE(at)) ?? '(free)';
    byTable.set(name, (byTable.get(name) ?? 0) + 1);
    frames += 1;
  }
  console.log(`${events.length} events from position ${from} in batches of ${batch}: ${((used.user + used.system) / events.length).toFixed(0)} µs of CPU per event, ${(frames / batches).toFixed(1)} WAL pages per batch`);
  for (const [name, count] of [...byTable].sort((a, b) => b[1] - a[1]).slice(0, 20)) console.log(`${(count / batches).toFixed(1).padStart(7)}  ${name}`);
} finally {
  views.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
}
