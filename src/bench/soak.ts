/**
 * Soak: mixed load at a fixed concurrency for N minutes against the real server in a child
 * process, on a DATA_DIR of its own (see --base below): the write mix of src/bench/workload.ts (attendance, workshops,
 * corrections, registrations, hours, consultations, cultural events), with a share of the requests
 * (--reads, one in five by default) dashboard reads of the last year. Reports p50/p99 latency (in
 * all and by request kind) and the server's memory in the first and the last minute: latency or
 * memory that climbs over the run is what a soak is for. Memory is the RSS and, from the server
 * itself (src/bench/memory-probe.ts), V8's heap: its size, and what is in use just after a full
 * collection (what the server retains), and the bytes of Buffers, which live outside that heap.
 * RSS that grows with the heap's size but not with what it retains is garbage V8 has room for.
 *
 * The server starts on a copy of a generated programme (--base events, 1M by default: the
 * generated log the benchmarks use, cached in .bench-data/), as a regional deployment holds years
 * of history: the load then names its centres, the children who attended in the last year and that
 * year's workshops, besides what it creates. On an empty log (--base 0) the first minute measures a
 * database small enough to sit in every cache, and every later one a database many times larger.
 *
 *   npm run soak [-- --minutes 10] [--concurrency 8] [--reads 0.2] [--base 1000000] [--write]
 *
 * --write puts the result in docs/benchmarks.md under the "Soak" heading (replacing an older one).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { dayNumber } from '../../projections/attendance.js';
import type { MemorySample } from './memory-probe.js';
import { commitOf, postGraphql, repoRoot, runningChildren, startLedgerServer, tokenFor } from './spawn.js';
import { copyWithViews, cachedLog } from './logs.js';
import { nextMutation, PairPool, percentile, seeded, send, setUpFixtures, type Fixtures } from './workload.js';

const { values: args } = parseArgs({
  options: {
    minutes: { type: 'string', default: '10' },
    concurrency: { type: 'string', default: '8' },
    write: { type: 'boolean', default: false },
    seed: { type: 'string', default: '5' },
    /** The share of requests that are dashboard reads. */
    reads: { type: 'string', default: '0.2' },
    /** Events of the generated programme the server starts with (0: an empty log). */
    base: { type: 'string', default: '1000000' },
  },
});
const minutes = Number(args.minutes);
const concurrency = Number(args.concurrency);
const readShare = Number(args.reads);
const baseEvents = Number(args.base);
if (!(minutes > 0) || !Number.isInteger(concurrency) || concurrency < 1) throw new Error('--minutes must be more than 0 and --concurrency a whole number');
if (!Number.isInteger(baseEvents) || baseEvents < 0) throw new Error('--base must be a whole number of events (0 for an empty log)');

const summaryFields = `workshopsHeld attendances uniqueParticipants volunteerHours legalConsultations culturalEvents`;
const rssOf = (pid: number) => {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? NaN) * 1024;
  } catch {
    return NaN;
  }
};

/** The largest of some samples, in MiB ("n/a" for none). */
const maxMiB = (values: readonly (number | null)[]) => {
  const known = values.filter((v): v is number => v !== null && Number.isFinite(v));
  return known.length === 0 ? 'n/a' : (Math.max(...known) / 2 ** 20).toFixed(0);
};

interface Window {
  readonly fromS: number;
  readonly latencies: number[];
  /** Latencies by request kind (the mutation's name, or "dashboard read"). */
  readonly byKind: Map<string, number[]>;
  readonly rss: number[];
  /** The server's own samples (heap size and heap in use after a full collection). */
  readonly memory: MemorySample[];
  ok: number;
  refused: number;
  failed: number;
}

/** Latencies since the last progress line. */
let recent: number[] = [];

function record(window: Window, kind: string, ms: number) {
  recent.push(ms);
  const list = window.byKind.get(kind);
  if (list) list.push(ms);
  else window.byKind.set(kind, [ms]);
}

/**
 * What the load may name in the generated programme: its centres and volunteers, the children who
 * attended in the last four quarters, and the workshops of the last year that were not cancelled.
 */
function programmeFixtures(viewsFile: string, yearAgo: string): Fixtures {
  const views = new Database(viewsFile, { readonly: true, fileMustExist: true });
  try {
    const ids = (sql: string, ...params: unknown[]) => views.prepare(sql).pluck().all(...params) as string[];
    // The first day of yearAgo's quarter, as the child-quarter documents this replaced counted it.
    const firstQuarterStart = `${yearAgo.slice(0, 4)}-${String(Math.floor((Number(yearAgo.slice(5, 7)) - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    return {
      centres: ids(`SELECT id FROM view_centres`),
      volunteers: ids(`SELECT id FROM view_volunteers`),
      participants: ids(
        `SELECT DISTINCT p.id FROM view_attendance a
           JOIN view_participants p ON p.ordinal = a.participant
          WHERE a.local_date >= ? AND a.removed_at IS NULL AND p.erased = 0`,
        dayNumber(firstQuarterStart),
      ),
      workshops: ids(`SELECT id FROM view_workshops WHERE local_date >= ? AND status <> 'CANCELLED'`, yearAgo),
      attending: new PairPool(),
    };
  } finally {
    views.close();
  }
}

const today = new Date().toISOString().slice(0, 10);
const yearAgo = new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);
const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-soak-'));
if (baseEvents > 0) {
  const source = await cachedLog(baseEvents);
  process.stderr.write(`soak: copying the generated programme of ${baseEvents.toLocaleString('en-US')} events from ${source}\n`);
  await copyWithViews(source, dataDir);
}
const token = await tokenFor(dataDir);
const memoryFile = join(dataDir, 'bench-memory.json');
const server = await startLedgerServer({ dataDir, memoryFile });
const memoryOf = (): MemorySample | undefined => {
  try {
    return JSON.parse(readFileSync(memoryFile, 'utf8')) as MemorySample;
  } catch {
    return undefined;
  }
};
const windows: Window[] = [];
/** The first and last minute (a quarter of the run if it is shorter than 4 minutes). */
const windowMs = Math.min(60_000, (minutes * 60_000) / 4);
const failures: string[] = [];
try {
  const rng = seeded(Number(args.seed));
  const fixtures =
    baseEvents > 0 ? programmeFixtures(join(dataDir, 'views.db'), yearAgo) : await setUpFixtures(server.url, token, rng, { centres: 3, participants: 200, workshops: 40, volunteers: 8 });
  process.stderr.write(
    `soak: naming ${fixtures.centres.length} centres, ${fixtures.participants.length} children, ${fixtures.workshops.length} workshops and ${fixtures.volunteers.length} volunteers, and what the load creates\n`,
  );
  const started = performance.now();
  const until = started + minutes * 60_000;
  const windowAt = (t: number) => {
    const index = Math.floor((t - started) / windowMs);
    while (windows.length <= index) windows.push({ fromS: (windows.length * windowMs) / 1000, latencies: [], byKind: new Map(), rss: [], memory: [], ok: 0, refused: 0, failed: 0 });
    return windows[index]!;
  };
  const sampler = setInterval(() => {
    const window = windowAt(performance.now());
    window.rss.push(rssOf(server.pid));
    const memory = memoryOf();
    if (memory) window.memory.push(memory);
  }, 1_000);
  let lastReport = started;

  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const t = performance.now();
        if (rng.chance(readShare)) {
          const answer = await postGraphql(
            server.url,
            token,
            `query ($from: Date, $to: Date, $id: ID!) { summary(from: $from, to: $to) { ${summaryFields} } centre(id: $id) { summary(from: $from, to: $to) { ${summaryFields} } } }`,
            { from: yearAgo, to: today, id: rng.pick(fixtures.centres) },
          ).catch((error: Error) => ({ status: 0, body: undefined, text: error.message }));
          const window = windowAt(performance.now());
          window.latencies.push(performance.now() - t);
          record(window, 'dashboard read', performance.now() - t);
          if (answer.status === 200 && !answer.body?.errors) window.ok += 1;
          else {
            window.failed += 1;
            failures.push(`query: ${answer.status} ${JSON.stringify(answer.body?.errors ?? ('text' in answer ? answer.text : ''))}`.slice(0, 300));
          }
        } else {
          const mutation = nextMutation(fixtures, rng);
          const outcome = await send(server.url, token, mutation);
          const window = windowAt(performance.now());
          window.latencies.push(outcome.ms);
          record(window, mutation.name, outcome.ms);
          if (outcome.kind === 'ok') window.ok += 1;
          else if (outcome.kind === 'refused') window.refused += 1;
          else {
            window.failed += 1;
            failures.push(`${mutation.name}: ${JSON.stringify(outcome)}`.slice(0, 300));
          }
        }
        if (performance.now() - lastReport > 30_000) {
          lastReport = performance.now();
          const memory = memoryOf();
          process.stderr.write(
            `soak: ${((lastReport - started) / 60_000).toFixed(1)}/${minutes} min, last 30 s: ${recent.length} requests, p99 ${percentile(recent, 99).toFixed(1)} ms, RSS ${(rssOf(server.pid) / 2 ** 20).toFixed(0)} MiB, heap ${maxMiB([memory?.heapTotal ?? null])} MiB (${maxMiB([memory?.heapAfterFullGc ?? null])} after full GC), external ${maxMiB([memory?.external ?? null])} MiB\n`,
          );
          recent = [];
        }
      }
    }),
  );
  clearInterval(sampler);
} finally {
  const exited = server.child.exitCode !== null || server.child.signalCode !== null;
  if (exited || failures.length > 0) {
    process.stderr.write(`soak: the server ${exited ? `exited (code ${server.child.exitCode}, signal ${server.child.signalCode})` : 'is still running'}; its last output:\n${server.output().slice(-4_000)}\n`);
  }
  await server.stop();
  for (const child of runningChildren()) child.kill('SIGKILL');
  rmSync(dataDir, { recursive: true, force: true });
}

// Whole windows only: the requests that finish after the end form no window of their own.
const complete = windows.filter((w) => w.latencies.length > 0 && w.fromS * 1000 + windowMs <= minutes * 60_000 + 1);
const first = complete[0]!;
const last = complete[complete.length - 1]!;
const row = (label: string, w: Window) =>
  `| ${label} (from ${w.fromS.toFixed(0)} s) | ${w.latencies.length} | ${percentile(w.latencies, 50).toFixed(1)} | ${percentile(w.latencies, 99).toFixed(1)} | ${maxMiB(w.rss)} | ${maxMiB(w.memory.map((m) => m.heapTotal))} | ${maxMiB(w.memory.map((m) => m.heapAfterFullGc))} | ${maxMiB(w.memory.map((m) => m.external))} | ${w.ok} / ${w.refused} / ${w.failed} |`;
const table = `| window | requests | p50 ms | p99 ms | RSS MiB (max) | heap MiB (max) | heap after full GC MiB (max) | external MiB (max) | ok / refused / failed |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${row('start', first)}
${row('end', last)}`;
const kinds = [...new Set([...first.byKind.keys(), ...last.byKind.keys()])].sort();
const kindTable = `| request kind | start p50 ms | start p99 ms | end p50 ms | end p99 ms | end p99 / start p99 |
| --- | ---: | ---: | ---: | ---: | ---: |
${kinds
  .map((kind) => {
    const a = first.byKind.get(kind) ?? [];
    const b = last.byKind.get(kind) ?? [];
    return `| ${kind} | ${percentile(a, 50).toFixed(1)} | ${percentile(a, 99).toFixed(1)} | ${percentile(b, 50).toFixed(1)} | ${percentile(b, 99).toFixed(1)} | ${(percentile(b, 99) / percentile(a, 99)).toFixed(1)}× |`;
  })
  .join('\n')}`;
const cpu = cpus()[0]?.model ?? 'unknown CPU';
const section = `
## Soak

Written by \`npm run soak -- --minutes ${minutes} --concurrency ${concurrency} --reads ${readShare} --base ${baseEvents} --write\` (src/bench/soak.ts) on ${new Date().toISOString()}, commit ${commitOf()}
(${cpu}, ${cpus().length} cores, ${(totalmem() / 2 ** 30).toFixed(1)} GiB RAM, Node ${process.version}): the real server on ${
  baseEvents > 0 ? `a copy of the generated programme of ${baseEvents.toLocaleString('en-US')} events (the benchmarks' log, with its views)` : 'an empty DATA_DIR'
},
${concurrency} clients sending the mixed write workload with ${Math.round(readShare * 100)}% of requests a dashboard read
(programme and one centre over the last year), for ${minutes} minutes. "heap" is the size of V8's heap
and "heap after full GC" what is in use in it just after a full collection: what the server retains;
"external" is memory V8 tracks outside its heap (Buffers' bytes), which a full collection also frees.
The heap figures are the request thread's; RSS is the whole process, with the views' thread.

${table}

By request kind:

${kindTable}
`;
console.log(table);
console.log(kindTable);
console.log(`failed requests: ${failures.length}${failures.length ? `; first: ${failures[0]}` : ''}`);
if (args.write) {
  const file = join(repoRoot, 'docs', 'benchmarks.md');
  const previous = existsSync(file) ? readFileSync(file, 'utf8') : '# Benchmarks\n';
  const kept = previous.replace(/\n## Soak\n[\s\S]*$/, '').replace(/\s*$/, '\n');
  writeFileSync(file, `${kept}${section}`);
  console.log(`wrote the Soak section of ${file}`);
}
process.exit(failures.length === 0 ? 0 : 1);
