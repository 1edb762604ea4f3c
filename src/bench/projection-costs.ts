/**
 * Where a rebuild's projection time goes, view by view: the first events of a generated log folded
 * through every projection in the runner's order, with the documents kept in memory and no storage,
 * timing each view's evolve and, for a document that changed, its JSON and columns (the runner
 * writes nothing for a document returned unchanged).
 *
 *   npx tsx src/bench/projection-costs.ts --data-dir .bench-data/log-1000000-seed-1 [--events 200000] [--bulk]
 *
 * With --bulk, as `npm run rebuild` replays: documents changed in place where a projection can
 * (Projection.evolveInPlace), and each document's JSON and columns made once, at the end (the
 * replay writes a document when its cache forgets it; at 1M events almost every document once).
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { allProjections } from '../../projections/index.js';
import { isRowView, type Lookup } from '../../projections/projection.js';
import { createSqliteEventStore } from '../store/sqlite.js';
import { TZ } from './logs.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, events: { type: 'string', default: '200000' }, bulk: { type: 'boolean', default: false } } });
const bulk = values.bulk;
if (!values['data-dir']) throw new Error('--data-dir DIR: a generated log (npm run generate)');
const limit = Number(values.events);

const store = createSqliteEventStore({ file: join(values['data-dir'], 'events.db'), groupCommit: false });
const projections = allProjections({ timeZone: TZ });
const byType = new Map<string, (typeof projections)[number][]>();
for (const p of projections) for (const t of p.handles) byType.set(t, [...(byType.get(t) ?? []), p]);
const docs = new Map(projections.map((p) => [p.name, new Map<string, unknown>()]));
const lookup: Lookup = <D>(view: string, id: string) => docs.get(view)?.get(id) as D | undefined;

interface Cost {
  evolveMs: number;
  writeMs: number;
  written: number;
  bytes: number;
}
/** With --bulk: the documents changed, written once at the end. */
const dirty = new Map(projections.map((p) => [p.name, new Set<string>()]));
const costs = new Map(projections.map((p): [string, Cost] => [p.name, { evolveMs: 0, writeMs: 0, written: 0, bytes: 0 }]));

let position = 0n;
let events = 0;
try {
  while (events < limit) {
    const batch = await store.readAll(position, 10_000);
    if (batch.length === 0) break;
    for (const recorded of batch.slice(0, limit - events)) {
      const event = { type: recorded.type, data: recorded.data, metadata: recorded.metadata, position: recorded.position, streamId: recorded.streamId };
      for (const projection of byType.get(recorded.type) ?? []) {
        const cost = costs.get(projection.name)!;
        const started = performance.now();
        if (isRowView(projection)) {
          cost.written += projection.changes(event as never, lookup).length;
          cost.evolveMs += performance.now() - started;
          continue;
        }
        const map = docs.get(projection.name)!;
        const changed: unknown[] = [];
        const evolve = (bulk && projection.evolveInPlace) || projection.evolve;
        const ids = projection.documentIds(event as never, lookup);
        for (const id of ids) {
          const before = map.get(id);
          const doc = evolve(before, event as never, id, lookup);
          map.set(id, doc);
          if (doc !== undefined && doc !== before) changed.push(doc);
        }
        const evolved = performance.now();
        cost.evolveMs += evolved - started;
        if (bulk) {
          // Written once, at the end.
          for (const id of ids) dirty.get(projection.name)!.add(id);
          continue;
        }
        for (const doc of changed) {
          cost.bytes += JSON.stringify(doc).length;
          for (const column of Object.values(projection.columns)) column.value(doc as never);
        }
        cost.written += changed.length;
        cost.writeMs += performance.now() - evolved;
      }
    }
    events += Math.min(batch.length, limit - events);
    position = batch[batch.length - 1]!.position;
  }
  for (const projection of projections) {
    if (isRowView(projection)) continue;
    const cost = costs.get(projection.name)!;
    const started = performance.now();
    for (const id of dirty.get(projection.name)!) {
      const doc = docs.get(projection.name)!.get(id);
      if (doc === undefined) continue;
      cost.bytes += JSON.stringify(doc).length;
      for (const column of Object.values(projection.columns)) column.value(doc as never);
      cost.written += 1;
    }
    cost.writeMs += performance.now() - started;
  }
} finally {
  await store.close();
}

const total = [...costs.values()].reduce((sum, c) => sum + c.evolveMs + c.writeMs, 0);
console.log(`${bulk ? 'bulk (in place, written once): ' : ''}${events.toLocaleString('en-US')} events, every view: ${total.toFixed(0)} ms, ${((events / total) * 1000).toFixed(0)} events/s with no storage`);
console.log(`${'view'.padEnd(24)} ${'evolve ms'.padStart(10)} ${'JSON+columns ms'.padStart(16)} ${'share'.padStart(6)} ${'rows/event'.padStart(11)} ${'bytes/event'.padStart(12)}`);
for (const [name, c] of [...costs].sort((a, b) => b[1].evolveMs + b[1].writeMs - (a[1].evolveMs + a[1].writeMs))) {
  if (c.evolveMs + c.writeMs < 1) continue;
  const share = ((c.evolveMs + c.writeMs) / total) * 100;
  console.log(
    `${name.padEnd(24)} ${c.evolveMs.toFixed(0).padStart(10)} ${c.writeMs.toFixed(0).padStart(16)} ${`${share.toFixed(0)}%`.padStart(6)} ${(c.written / events).toFixed(2).padStart(11)} ${(c.bytes / events).toFixed(0).padStart(12)}`,
  );
}
