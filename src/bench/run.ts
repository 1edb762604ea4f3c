/**
 * The benchmarks: `npm run bench [-- --quick] [-- --large] [-- --runs 3] [-- --large-runs 1]`. Writes docs/benchmarks.md
 * (--quick writes .bench-data/benchmarks-quick.md instead) with the machine, the command, and every
 * figure as a ratio to its physical limit measured in the same run (medians of several runs):
 *
 * 1. storage append: single-event appends through the store port vs raw better-sqlite3 inserts with
 *    the same pragmas; at concurrency 8 with group commit vs raw 8-row transactions;
 * 2. API writes: recordAttendance of 20 children over HTTP (autocannon, 10 connections) vs a bare
 *    graphql-yoga mutation on express returning a constant;
 * 3. rebuild into every view vs reading the same log without projecting, at 1M events (10M with --large);
 * 6. a donor's logframe: 25 centres × 15 indicators over a year (src/bench/programmes.ts);
 * 4. dashboard latency (programme summary over a year, a centre over a month, one child's
 *    participation) at 1M events, against the floor of a trivial query through the same server;
 * 5. peak RSS of the server serving those queries, against the same server idle on an empty log;
 * 7. those dashboard queries while the server builds views again in the background (REBUILD_VIEWS,
 *    `--serving-views`, default the workshops and every view that reads them), against the same server idle
 *    (src/bench/serving.ts);
 * 8. the attendance rows built by SQL inside SQLite against the JS projection of the same view on the same log
 *    (src/bench/set-based.ts, a probe).
 *
 * The generated logs are cached under .bench-data/ (generated once with `npm run generate`).
 */
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { allProjections } from '../../projections/index.js';
import { isRowView, type Lookup } from '../../projections/projection.js';
import { createSqliteEventStore } from '../store/sqlite.js';
import { measureApiWrites, type LoadFigures } from './api.js';
import { dashboardQueries } from './dashboard-queries.js';
import { measureProgrammeReport, type ProgrammeReportFigures } from './programmes.js';
import { measureServing, type ServingFigures } from './serving.js';
import { measureSetBased, type SetBasedFigures } from './set-based.js';
import { benchDir, cachedLog, rebuildViews, TZ, viewsCaughtUp } from './logs.js';
import { commitOf, postGraphql, repoRoot, startLedgerServer, tokenFor, useCompiledServer } from './spawn.js';
import { measureStorage, type StorageFigures } from './storage.js';
import { median, percentile } from './workload.js';

const { values: args } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    large: { type: 'boolean', default: false },
    runs: { type: 'string' },
    'large-runs': { type: 'string' },
    skip: { type: 'string', default: '' },
    // Section 7: the views REBUILD_VIEWS names (those that read them are built too).
    'serving-views': { type: 'string', default: 'workshops' },
    // Section 7: time the queries for this many seconds of the build, not until its switch (a build at 1M events takes minutes).
    'serving-seconds': { type: 'string' },
    out: { type: 'string' },
  },
});
const quick = args.quick;
const runs = Number(args.runs ?? (quick ? 1 : 3));
/** Rebuild runs at 10M events, which take minutes each: --large-runs, or as many as --runs. */
const largeRuns = Number(args['large-runs'] ?? runs);
const skip = new Set(args.skip.split(',').filter(Boolean));

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);
const fmt = (n: number, digits = 0) => (Number.isFinite(n) ? n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits }) : 'n/a');
const ratio = (a: number, b: number) => (b > 0 ? a / b : NaN);
const verdict = (value: number, goal: number, higherIsBetter = true) => (Number.isFinite(value) ? ((higherIsBetter ? value >= goal : value < goal) ? 'met' : 'NOT met') : 'n/a');
const medianOf = <T>(items: readonly T[], pick: (item: T) => number) => median(items.map(pick));

// ---------------------------------------------------------------------------------------------
// 3. Rebuild

interface RebuildFigures {
  readonly events: number;
  readonly rebuild: number[];
  readonly read: number[];
  /** Events/s of evolve + JSON for every view, without storage (first events of the log). */
  readonly projectOnly: number;
  /** View rows per event in the built views, and raw SQLite inserts of such rows (rows/s). */
  readonly rowsPerEvent: number;
  readonly rawRowInserts: number;
  /** The view whose rows the raw inserts copy: the one with the most rows. */
  readonly rawTable: string;
  readonly viewsBytes: number;
  /** The rebuild process's peak RSS (median of the runs), bytes. */
  readonly peakRss: number;
}

async function readRate(eventsFile: string): Promise<number> {
  const store = createSqliteEventStore({ file: eventsFile, groupCommit: false });
  try {
    const started = performance.now();
    let position = 0n;
    let events = 0;
    for (;;) {
      const batch = await store.readAll(position, 20_000);
      if (batch.length === 0) break;
      events += batch.length;
      position = batch[batch.length - 1]!.position;
    }
    return events / ((performance.now() - started) / 1000);
  } finally {
    await store.close();
  }
}

async function projectOnlyRate(eventsFile: string, limit: number): Promise<number> {
  const store = createSqliteEventStore({ file: eventsFile, groupCommit: false });
  const projections = allProjections({ timeZone: TZ });
  const byType = new Map<string, typeof projections[number][]>();
  for (const p of projections) for (const t of p.handles) byType.set(t, [...(byType.get(t) ?? []), p]);
  // Documents kept in bounded maps per projection, as a cache would: no storage at all.
  const docs = new Map(projections.map((p) => [p, new Map<string, unknown>()]));
  const byName = new Map(projections.map((p) => [p.name, docs.get(p)!]));
  const lookup: Lookup = <D>(view: string, id: string) => byName.get(view)?.get(id) as D | undefined;
  try {
    let position = 0n;
    let events = 0;
    let elapsed = 0;
    while (events < limit) {
      const batch = await store.readAll(position, 10_000);
      if (batch.length === 0) break;
      const started = performance.now();
      for (const recorded of batch) {
        const event = { type: recorded.type, data: recorded.data, metadata: recorded.metadata, position: recorded.position, streamId: recorded.streamId };
        for (const projection of byType.get(recorded.type) ?? []) {
          if (isRowView(projection)) {
            projection.changes(event as never, lookup);
            continue;
          }
          const map = docs.get(projection)!;
          for (const id of projection.documentIds(event as never, lookup)) {
            const doc = projection.evolve(map.get(id), event as never, id, lookup);
            map.set(id, doc);
            if (doc !== undefined) {
              JSON.stringify(doc);
              for (const column of Object.values(projection.columns)) column.value(doc);
            }
          }
          if (map.size > 50_000) map.clear();
        }
      }
      elapsed += performance.now() - started;
      events += batch.length;
      position = batch[batch.length - 1]!.position;
    }
    return events / (elapsed / 1000);
  } finally {
    await store.close();
  }
}

/** The view with the most rows. */
function largestView(db: Database.Database): string {
  const tables = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'view\\_%' ESCAPE '\\'`).all() as { name: string }[]).map((r) => r.name);
  const count = (name: string) => (db.prepare(`SELECT count(*) AS n FROM ${name}`).get() as { n: number }).n;
  return tables.map((name) => ({ name, rows: count(name) })).sort((a, b) => b.rows - a.rows)[0]!.name;
}

/** Raw inserts of the largest view's rows (in the order they were written) into an empty copy of its table: rows/s. */
function rawRowInsertRate(viewsFile: string, rows: number): { table: string; rate: number } {
  const source = new Database(viewsFile, { readonly: true, fileMustExist: true });
  const table = largestView(source);
  const sql = (source.prepare(`SELECT sql FROM sqlite_schema WHERE name = ?`).get(table) as { sql: string }).sql;
  const indexes = (source.prepare(`SELECT sql FROM sqlite_schema WHERE type = 'index' AND tbl_name = ? AND sql IS NOT NULL`).all(table) as { sql: string }[]).map((r) => r.sql);
  const data = source.prepare(`SELECT * FROM ${table} ORDER BY rowid LIMIT ?`).raw().all(rows) as unknown[][];
  const columns = source.prepare(`SELECT * FROM ${table} LIMIT 1`).columns().map((c) => c.name);
  source.close();
  const file = join(benchDir, 'raw-rows.db');
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('cache_size = -262144');
  db.exec(sql);
  for (const index of indexes) db.exec(index);
  const insert = db.prepare(`INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`);
  const started = performance.now();
  for (let i = 0; i < data.length; i += 50_000) {
    const slice = data.slice(i, i + 50_000);
    db.transaction(() => {
      for (const row of slice) insert.run(row);
    })();
  }
  const rate = data.length / ((performance.now() - started) / 1000);
  db.close();
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true });
  return { table, rate };
}

async function measureRebuild(dir: string, events: number, runs: number): Promise<RebuildFigures> {
  const eventsFile = join(dir, 'events.db');
  const rebuild: number[] = [];
  const read: number[] = [];
  const rowsWritten: number[] = [];
  const peakRss: number[] = [];
  for (let run = 1; run <= runs; run++) {
    read.push(await readRate(eventsFile));
    const line = (await rebuildViews(dir)).split('\n').find((l) => l.startsWith('rebuilt every view')) ?? '';
    const rate = Number(/\((\d+) events\/s/.exec(line)?.[1] ?? NaN);
    rebuild.push(rate);
    rowsWritten.push(Number(/(\d+) view rows written/.exec(line)?.[1] ?? NaN));
    peakRss.push(Number(/peak RSS (\d+) MiB/.exec(line)?.[1] ?? NaN) * 2 ** 20);
    log(`rebuild run ${run}/${runs} at ${fmt(events)} events: ${line.trim()}; reading alone ${fmt(read[read.length - 1]!)} events/s`);
  }
  const viewsFile = join(dir, 'views.db');
  // Rows written while replaying, not rows in the end: a document rewritten in several batches counts each time.
  const rowsPerEvent = median(rowsWritten) / events;
  const projectOnly = await projectOnlyRate(eventsFile, Math.min(events, quick ? 20_000 : 200_000));
  const { table: rawTable, rate: rawRowInserts } = rawRowInsertRate(viewsFile, quick ? 50_000 : 500_000);
  const viewsBytes = statSync(viewsFile).size;
  return { events, rebuild, read, projectOnly, rowsPerEvent, rawTable, rawRowInserts, viewsBytes, peakRss: median(peakRss) };
}

// ---------------------------------------------------------------------------------------------
// 4–5. Dashboard latency and RSS

interface LatencyFigures {
  readonly name: string;
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
}

interface DashboardFigures {
  readonly events: number;
  readonly queries: LatencyFigures[];
  readonly floor: LatencyFigures;
  readonly peakRssBytes: number;
  readonly idlePeakRssBytes: number;
}

function peakRss(pid: number): number {
  try {
    const status = readFileSync(`/proc/${pid}/status`, 'utf8');
    const kib = Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? NaN);
    return kib * 1024;
  } catch {
    return NaN;
  }
}

async function sample(url: string, token: string, name: string, query: string, variables: Record<string, unknown>, maxSamples: number, budgetMs: number): Promise<LatencyFigures> {
  const check = async () => {
    const started = performance.now();
    const answer = await postGraphql(url, token, query, variables, 120_000);
    const ms = performance.now() - started;
    if (answer.status !== 200 || answer.body?.errors) throw new Error(`${name} failed: ${answer.status} ${JSON.stringify(answer.body?.errors ?? answer.text)}`);
    return ms;
  };
  for (let i = 0; i < 3; i++) await check();
  const times: number[] = [];
  const deadline = performance.now() + budgetMs;
  while (times.length < maxSamples && (times.length < 10 || performance.now() < deadline)) times.push(await check());
  return { name, samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99) };
}

async function measureDashboard(dir: string, events: number): Promise<DashboardFigures> {
  const asked = dashboardQueries(dir);
  const token = await tokenFor(dir);
  const server = await startLedgerServer({ dataDir: dir, env: { TZ }, readyTimeoutMs: 600_000 });
  const samples = quick ? 20 : 200;
  const budget = quick ? 5_000 : 45_000;
  try {
    const queries: LatencyFigures[] = [];
    const floor = await sample(server.url, token, 'floor: `{ __typename }` through the same server', `{ __typename }`, {}, samples, budget);
    for (const q of asked) {
      const label = q.period ? `${q.name} (${q.period})` : q.name;
      queries.push(await sample(server.url, token, label, q.query, q.variables, q.heavy ? (quick ? 5 : 30) : samples, budget));
    }
    const peakRssBytes = peakRss(server.pid);
    for (const q of queries) log(`dashboard at ${fmt(events)} events: ${q.name}: p50 ${fmt(q.p50, 1)} ms, p99 ${fmt(q.p99, 1)} ms (${q.samples} samples)`);

    // The floor of memory: the same server on an empty log, after the same trivial query.
    const emptyDir = join(benchDir, `empty-${Date.now()}`);
    const idle = await startLedgerServer({ dataDir: emptyDir, env: { TZ } });
    try {
      const idleToken = await tokenFor(emptyDir);
      for (let i = 0; i < 20; i++) await postGraphql(idle.url, idleToken, '{ __typename }', {});
      const idlePeakRssBytes = peakRss(idle.pid);
      return { events, queries, floor, peakRssBytes, idlePeakRssBytes };
    } finally {
      await idle.stop();
      rmSync(emptyDir, { recursive: true, force: true });
    }
  } finally {
    await server.stop();
  }
}

// ---------------------------------------------------------------------------------------------
// The report

function machine() {
  let cpu = cpus()[0]?.model ?? 'unknown CPU';
  try {
    const info = readFileSync('/proc/cpuinfo', 'utf8');
    const model = /model name\s*:\s*(.+)/.exec(info)?.[1];
    if (model) cpu = model.trim();
  } catch {
    // not Linux
  }
  return { cpu, cores: cpus().length, ramGiB: totalmem() / 2 ** 30, node: process.version, date: new Date().toISOString(), platform: `${process.platform} ${process.arch}` };
}

function storageSection(figures: StorageFigures[]): string {
  const m = (pick: (f: StorageFigures) => number) => medianOf(figures, pick);
  const seq = m((f) => f.portSequential);
  const rawSeq = m((f) => f.rawSequential);
  const conc = m((f) => f.portConcurrent);
  const noGroup = m((f) => f.portConcurrentNoGroup);
  const rawBatch = m((f) => f.rawBatched);
  return `## 1. Storage append (SQLite, WAL, synchronous=FULL)

Single-event appends (an AttendanceRecorded of 14 children, ~0.9 KB) through the store port
(\`src/store/sqlite.ts\`: replay check, expected-revision check, JSON, insert, commit) against raw
better-sqlite3 inserts of the same row into the same table with the same pragmas, one transaction
each. At concurrency 8, group commit writes the appends that arrive together in one transaction
(one fsync); its limit is raw transactions of 8 rows. Median of ${figures.length} runs.

| measure | appends/s | physical limit | limit/s | ratio | goal |
| --- | ---: | --- | ---: | ---: | --- |
| port, one at a time | ${fmt(seq)} | raw single-row transactions | ${fmt(rawSeq)} | **${fmt(ratio(seq, rawSeq), 2)}** | ≥ 0.8: ${verdict(ratio(seq, rawSeq), 0.8)} |
| port, 8 in flight, group commit | ${fmt(conc)} | raw 8-row transactions | ${fmt(rawBatch)} | **${fmt(ratio(conc, rawBatch), 2)}** | — |
| port, 8 in flight, no group commit | ${fmt(noGroup)} | raw single-row transactions | ${fmt(rawSeq)} | ${fmt(ratio(noGroup, rawSeq), 2)} | — |

Group commit at concurrency 8: **${fmt(ratio(conc, noGroup), 1)}×** the appends/s of one commit per append.
`;
}

function loadRow(name: string, figures: LoadFigures[]) {
  return `| ${name} | ${fmt(medianOf(figures, (f) => f.requestsPerSecond))} | ${fmt(medianOf(figures, (f) => f.p50), 1)} | ${fmt(medianOf(figures, (f) => f.p99), 1)} | ${figures.reduce((s, f) => s + f.failures, 0)} |`;
}

function apiSection(api: Awaited<ReturnType<typeof measureApiWrites>>, seconds: number): string {
  const ledger = medianOf(api.ledger, (f) => f.requestsPerSecond);
  const bare = medianOf(api.bare, (f) => f.requestsPerSecond);
  return `## 2. API writes

\`recordAttendance\` of 20 children (a new commandId each; ${api.fixtures.workshops} workshops in turn, children from
${api.fixtures.participants} in turn, so that every request stores new attendance; by the end a session held
${fmt(api.childrenPerSession, 0)} children on average and a child had ${fmt(api.sessionsPerChild, 0)} sessions) over HTTP with autocannon, 10 connections, ${seconds} s per run, against the real server
(compiled, as \`npm start\` runs it: \`node dist/src/main.js\`; default durability; it answers with the workshop as its command's state left it once the
events are stored and the views are within the bounded lag of the writes answered (src/api/consistency.ts); a query sent after it waits until they include it);
the limit is a bare graphql-yoga on express (\`src/bench/bare-yoga.ts\`) answering the same request with
a constant. Both on 127.0.0.1, one at a time, autocannon in the bench process. Median of ${api.ledger.length} runs.

| server | req/s | p50 ms | p99 ms | failed answers |
| --- | ---: | ---: | ---: | ---: |
${loadRow('centre-ledger', api.ledger)}
${loadRow('bare graphql-yoga (limit)', api.bare)}

Ratio: **${fmt(ratio(ledger, bare), 2)}** (goal ≥ 0.5: ${verdict(ratio(ledger, bare), 0.5)}).

Where a request's time goes in the server, from its Server-Timing header (median of the runs' medians):
**${fmt(medianOf(api.ledger, (f) => f.phases?.command ?? NaN), 2)} ms** from its context to its events stored (parsing, decision,
the log's commit)${api.ledger.some((f) => f.phases?.views !== undefined) ? `, then **${fmt(medianOf(api.ledger, (f) => f.phases?.views ?? NaN), 2)} ms** waiting while the views were further behind the writes answered than the bounded lag` : ''}.
The rest of the client's p50 is HTTP, GraphQL and queueing on the request thread.
How far the views were behind the answers: a query sent as each run's load stopped waited
**${fmt(medianOf(api.ledger, (f) => f.catchUpMs ?? NaN), 1)} ms** (median; longest ${fmt(Math.max(...api.ledger.map((f) => f.catchUpMs ?? NaN)), 1)} ms) for them to include every write answered.

CPU per request (from /proc, over each run until the views caught up; src/bench/cpu.ts): the ledger's process
**${fmt(medianOf(api.ledger, (f) => f.cpu?.process ?? NaN), 2)} ms** (request thread ${fmt(medianOf(api.ledger, (f) => f.cpu?.main ?? NaN), 2)} ms,
views' thread ${fmt(medianOf(api.ledger, (f) => f.cpu?.otherThread ?? NaN), 2)} ms); the bare graphql-yoga **${fmt(medianOf(api.bare, (f) => f.cpu?.process ?? NaN), 2)} ms**.
`;
}

function rebuildSection(all: RebuildFigures[]): string {
  const rows = all
    .map((r) => {
      const rebuild = median(r.rebuild);
      const read = median(r.read);
      return `| ${fmt(r.events)} | ${fmt(rebuild)} | ${fmt(read)} | **${fmt(ratio(rebuild, read), 3)}** | ${verdict(rebuild, 50_000)} | ${fmt(r.projectOnly)} | ${fmt(r.rowsPerEvent, 1)} | ${fmt(r.rawRowInserts)} | ${fmt(r.rawRowInserts / r.rowsPerEvent)} | ${fmt(r.viewsBytes / 2 ** 20)} | ${fmt(r.peakRss / 2 ** 20)} |`;
    })
    .join('\n');
  return `## 3. Rebuild

\`npm run rebuild\` (every view, into a new file swapped in at the end) against reading the same log
through the store port without projecting (the physical limit of a replay). Median of ${all.map((r) => `${r.rebuild.length} run${r.rebuild.length === 1 ? '' : 's'} at ${fmt(r.events)} events`).join(', ')}. The last
columns show what bounds it: evolve + JSON of every view with no storage at all (first
${quick ? '20,000' : '200,000'} events), the view rows written (inserted, updated or deleted) per event while replaying, and raw
better-sqlite3 inserts of the rows of the view with the most rows (\`${all[0]?.rawTable ?? ''}\`: its DDL and indexes, 50,000 per
transaction) divided by rows written per event. The rebuild's peak RSS (the goal: at most 2 GiB, and
memory that does not grow with the log) is what the process reports at its end.

| events | rebuild events/s | read-only events/s | ratio | goal ≥ 50,000 events/s | projection only, events/s | view rows written per event | raw row inserts/s | row-write bound, events/s | views.db MiB | rebuild peak RSS MiB |
| ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |
${rows}
`;
}

function programmeSection(all: ProgrammeReportFigures[]): string {
  const row = (way: string, t: { samples: number; p50: number; p99: number }) => `| ${way} | ${t.samples} | ${fmt(t.p50, 1)} | ${fmt(t.p99, 1)} | ${verdict(t.p99, 200, false)} |`;
  return all
    .map(
      (p) => `## 6. A donor's logframe at ${fmt(p.events)} events

\`programme(id).indicators(from, to)\` with every cell, over one year (${p.period[0]} to ${p.period[1]}), for a
programme of ${p.centres} centres and ${p.indicators} indicators (src/bench/programmes.ts: measures, filters with minSessions,
breakdowns), sequential requests over HTTP to the real server; latency in ms, measured by the client. Asked three
ways: the same report again with nothing written between; after a write (a legal consultation recorded before
each report, not timed, and one of three periods in turn), so that each report is computed anew, as on a live
system; and \`asOf\` an instant, one of three periods in turn.

| asked | samples | p50 | p99 | goal p99 < 200 ms |
| --- | ---: | ---: | ---: | --- |
${row('again, nothing written between', p.again)}
${row('after a write, computed anew', p.afterWrite)}
${row('as of an instant', p.asOf)}
`,
    )
    .join('\n');
}

function dashboardSection(all: DashboardFigures[]): string {
  return all
    .map((d) => {
      const rows = d.queries
        .map((q) => `| ${q.name} | ${q.samples} | ${fmt(q.p50, 1)} | ${fmt(q.p99, 1)} | ${fmt(ratio(q.p99, d.floor.p99), 1)}× |`)
        .join('\n');
      const year = d.queries[0];
      return `## 4. Dashboard latency at ${fmt(d.events)} events

Sequential GraphQL requests over HTTP to the real server on the generated log (views built); the
floor is \`{ __typename }\` through the same server (token check, yoga, HTTP). Latency in ms,
measured by the client.

| query | samples | p50 | p99 | p99 / floor p99 |
| --- | ---: | ---: | ---: | ---: |
| ${d.floor.name} | ${d.floor.samples} | ${fmt(d.floor.p50, 1)} | ${fmt(d.floor.p99, 1)} | 1.0× |
${rows}

Goal: p99 < 20 ms for the programme summary over one year: **${fmt(year?.p99 ?? NaN, 1)} ms**, ${verdict(year?.p99 ?? NaN, 20, false)}.

## 5. Peak RSS at ${fmt(d.events)} events

Peak resident memory (VmHWM) of the server after serving the queries above: **${fmt(d.peakRssBytes / 2 ** 20)} MiB**;
the same server idle on an empty log after a few trivial queries: ${fmt(d.idlePeakRssBytes / 2 ** 20)} MiB
(ratio ${fmt(ratio(d.peakRssBytes, d.idlePeakRssBytes), 2)}).
`;
    })
    .join('\n');
}

function servingSection(all: ServingFigures[]): string {
  return all
    .map((s) => {
      const rows = s.queries
        .map((q) => {
          const r = ratio(q.during.p99, q.idle.p99);
          return `| ${q.name} | ${q.idle.samples} | ${fmt(q.idle.p50, 1)} | ${fmt(q.idle.p99, 1)} | ${q.during.samples} | ${fmt(q.during.p50, 1)} | ${fmt(q.during.p99, 1)} | **${fmt(r, 2)}×** | ${verdict(r, 2.0001, false)} |`;
        })
        .join('\n');
      return `## 7. Dashboards during a background rebuild at ${fmt(s.events)} events

The real server on a copy of the log answers the dashboard queries of section 4 (one request at a time, in
turn) idle; then it is started again with \`REBUILD_VIEWS=${s.requested.join(',')}\` (src/projection/rebuild-request.ts),
which builds new versions of ${s.built.map((v) => `\`${v}\``).join(', ')} from the log beside the ones queries read, on the
views' thread, and switches over at the end (README, *Upgrades that change a projection*); the same queries are timed
until \`/readyz\` no longer shows the build (src/bench/serving.ts). Build settings: ${Object.entries(s.settings).map(([k, v]) => `\`${k}\` ${v}`).join(', ')}.
Latency in ms, measured by the client.

| query | idle samples | idle p50 | idle p99 | samples during | p50 during | p99 during | p99 during / idle | goal ≤ 2× |
| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
${rows}

The build: ${s.build.finished ? `**${fmt(s.build.seconds)} s** from the server's start to the switch` : `unfinished when the timing stopped after ${fmt(s.build.seconds)} s (${fmt(s.build.position)} of ${fmt(s.build.of)} events; about ${fmt((s.build.of - s.build.position) / s.build.eventsPerSecond / 60 + s.build.seconds / 60, 0)} min in all at that rate)`},
**${fmt(s.build.eventsPerSecond)} events/s** while watched; the server's CPU meanwhile, as a share of one core: request thread
${fmt(s.cpu.requests * 100)}%, views' thread ${fmt(s.cpu.views * 100)}%; CPU of the request thread per request answered: ${fmt(s.cpu.perRequestIdle, 1)} ms idle,
${fmt(s.cpu.perRequestDuring, 1)} ms during the build; the views' write-ahead log at the end: ${fmt(s.walBytes / 2 ** 20)} MiB. Requests refused during the build: ${
        Object.keys(s.failures).length === 0 ? 'none' : Object.entries(s.failures).map(([what, n]) => `${what} (${n})`).join('; ')
      }.
`;
    })
    .join('\n');
}

function setBasedSection(all: SetBasedFigures[]): string {
  return all
    .map(
      (f) => `## 8. A set-based rebuild inside SQLite, probed on the attendance rows at ${fmt(f.events)} events

The attendance rows (\`view_attendance\`, ${fmt(f.rows)} rows) built from the same log twice (src/bench/set-based.ts): by the JS
projection as \`npm run rebuild\` runs it (bulk mode, with the four views it looks up: participants, workshops and their
numbers), and by \`INSERT … SELECT\` over the log's table inside SQLite (JSON functions on the events' data, window
functions pairing each child's recordings and removals at a workshop; a JS function only for each workshop's local
date), indexes included in both. Then compared row for row, rowids included: **${f.differing === 0 ? 'the same rows' : `${fmt(f.differing)} rows differ`}**.

| built by | seconds | events of the log per second |
| --- | ---: | ---: |
| the JS projection (and the views it reads) | ${fmt(f.projection.seconds, 1)} | ${fmt(f.projection.eventsPerSecond)} |
| the same JS build without the attendance rows | ${fmt(f.withoutAttendance.seconds, 1)} | ${fmt(f.events / f.withoutAttendance.seconds)} |
| SQL inside SQLite | ${fmt(f.sql.seconds, 1)} | ${fmt(f.sql.eventsPerSecond)} |

SQL/JS: **${fmt(ratio(f.sql.eventsPerSecond, f.projection.eventsPerSecond), 1)}×** the whole JS build; the rows alone cost the JS build
${fmt(f.projection.seconds - f.withoutAttendance.seconds, 1)} s (the difference of the two JS builds) against ${fmt(f.sql.seconds, 1)} s in SQL, which also numbers the workshops and
children itself: **${fmt(ratio(f.projection.seconds - f.withoutAttendance.seconds, f.sql.seconds), 2)}×** for the rows alone, which is what replacing this view's JS by SQL in a rebuild would change. What it would give overall is in docs/design.md
(*A set-based rebuild inside SQLite*): views of counts and periods over plain event fields can be written so; those that
read sealed personal data, follow merges, corrections and lookups of other views' state at each event cannot, or only by
re-stating the projection's rules a second time in SQL.
`,
    )
    .join('\n');
}

/** The measures in the document's order, and the headings of their sections. */
const measures = [
  { name: 'storage', headings: ['## 1.'] },
  { name: 'api', headings: ['## 2.'] },
  { name: 'rebuild', headings: ['## 3.'] },
  { name: 'dashboard', headings: ['## 4.', '## 5.'] },
  { name: 'programmes', headings: ['## 6.'] },
  { name: 'serving', headings: ['## 7.'] },
  { name: 'set-based', headings: ['## 8.'] },
] as const;
type Measure = (typeof measures)[number]['name'];

/**
 * The sections of an earlier file by measure, each group starting with the line that says which run
 * measured it (made from that file's header when it has none, as files written before it did).
 */
function earlierSections(previous: string): Map<Measure, string> {
  const blocks = previous.split(/\n(?=## )/).slice(1);
  const command = /^Written by `([^`]+)`/m.exec(previous)?.[1] ?? 'npm run bench';
  const date = /^- Node [^;]+; date (\S+)/m.exec(previous)?.[1]?.slice(0, 10) ?? 'an earlier date';
  const kept = new Map<Measure, string>();
  for (const { name, headings } of measures) {
    const group = blocks.filter((block) => headings.some((heading) => block.startsWith(heading)));
    if (group.length === 0) continue;
    const text = group.join('\n').replace(/\s*$/, '\n');
    kept.set(name, /^## [^\n]*\n\n_Measured by /.test(text) ? text : text.replace(/^(## [^\n]*\n)/, `$1\n_Measured by \`${command}\` on ${date}._\n`));
  }
  return kept;
}

async function main() {
  const started = Date.now();
  const command = `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`;
  const measured = new Map<Measure, string>();
  // The server as `npm start` runs it.
  await useCompiledServer();

  if (!skip.has('storage')) {
    const figures: StorageFigures[] = [];
    for (let run = 1; run <= runs; run++) {
      const f = await measureStorage({ dir: benchDir, seconds: quick ? 1 : 3 });
      figures.push(f);
      log(`storage run ${run}/${runs}: port ${fmt(f.portSequential)}/s vs raw ${fmt(f.rawSequential)}/s; at 8 in flight ${fmt(f.portConcurrent)}/s (no group commit ${fmt(f.portConcurrentNoGroup)}/s) vs raw 8-row ${fmt(f.rawBatched)} rows/s`);
    }
    measured.set('storage', storageSection(figures));
  }

  if (!skip.has('api')) {
    const seconds = quick ? 3 : 15;
    const api = await measureApiWrites({ dir: benchDir, seconds, runs, participants: quick ? 200 : 5_000, workshops: quick ? 500 : 20_000, log });
    measured.set('api', apiSection(api, seconds));
  }

  const sizes = quick ? [20_000] : args.large ? [1_000_000, 10_000_000] : [1_000_000];
  const rebuilds: RebuildFigures[] = [];
  const dashboards: DashboardFigures[] = [];
  const programmes: ProgrammeReportFigures[] = [];
  const servings: ServingFigures[] = [];
  const setBased: SetBasedFigures[] = [];
  for (const events of sizes) {
    // With both skipped the logs are still generated (and cached): a way to prepare them ahead.
    const dir = await cachedLog(events);
    if (skip.has('rebuild') && skip.has('dashboard') && skip.has('programmes') && skip.has('serving') && skip.has('set-based')) continue;
    if (!skip.has('rebuild') || !viewsCaughtUp(dir)) rebuilds.push(await measureRebuild(dir, events, events > 1_000_000 ? largeRuns : runs));
    if (!skip.has('dashboard')) dashboards.push(await measureDashboard(dir, events));
    if (!skip.has('programmes')) {
      const p = await measureProgrammeReport(dir, events, { samples: quick ? 20 : 200, coldSamples: quick ? 20 : 100, budgetMs: quick ? 5_000 : 45_000 });
      for (const [way, t] of [['again', p.again], ['after a write', p.afterWrite], ['as of an instant', p.asOf]] as const) {
        log(`logframe at ${fmt(events)} events, ${way}: p50 ${fmt(t.p50, 1)} ms, p99 ${fmt(t.p99, 1)} ms (${t.samples} samples)`);
      }
      programmes.push(p);
    }
    // At the first size only (1M; 20,000 with --quick): a build of the views at 10M takes many minutes.
    if (!skip.has('serving') && events === sizes[0]) {
      const s = await measureServing(dir, events, { rebuild: args['serving-views'].split(',').filter(Boolean), quick, log, ...(args['serving-seconds'] ? { seconds: Number(args['serving-seconds']) } : {}) });
      for (const q of s.queries) log(`serving at ${fmt(events)} events, ${q.name}: idle p50/p99 ${fmt(q.idle.p50, 1)}/${fmt(q.idle.p99, 1)} ms, during ${fmt(q.during.p50, 1)}/${fmt(q.during.p99, 1)} ms (${q.during.samples} samples)`);
      log(`serving: the build of ${s.built.join(', ')} took ${fmt(s.build.seconds)} s${s.build.finished ? '' : ' (unfinished)'}, ${fmt(s.build.eventsPerSecond)} events/s`);
      servings.push(s);
    }
    if (!skip.has('set-based') && events === sizes[0]) {
      const f = await measureSetBased(dir, benchDir, TZ);
      log(`set-based at ${fmt(events)} events: attendance rows by the JS projection ${fmt(f.projection.eventsPerSecond)} events/s, by SQL ${fmt(f.sql.eventsPerSecond)} events/s; rows that differ: ${f.differing}`);
      setBased.push(f);
    }
  }
  if (programmes.length > 0) measured.set('programmes', programmeSection(programmes));
  if (servings.length > 0) measured.set('serving', servingSection(servings));
  if (setBased.length > 0) measured.set('set-based', setBasedSection(setBased));
  if (rebuilds.length > 0) measured.set('rebuild', rebuildSection(rebuilds));
  if (dashboards.length > 0) measured.set('dashboard', dashboardSection(dashboards));

  const m = machine();
  const out = args.out ?? (quick ? join(benchDir, 'benchmarks-quick.md') : join(repoRoot, 'docs', 'benchmarks.md'));
  // The measures this run skipped keep their sections from the file, and a soak section written
  // by `npm run soak -- --write` is kept.
  const previous = existsSync(out) ? readFileSync(out, 'utf8') : '';
  const kept = earlierSections(previous);
  const soak = /\n## Soak\n[\s\S]*$/.exec(previous)?.[0] ?? '';
  const provenance = `_Measured by \`${command}\` on ${m.date.slice(0, 10)} (commit ${commitOf()})._\n`;
  const sections = measures.flatMap(({ name }) => {
    const fresh = measured.get(name);
    if (fresh) return [fresh.replace(/^(## [^\n]*\n)/, `$1\n${provenance}`)];
    const earlier = kept.get(name);
    return earlier ? [earlier] : [];
  });
  const document = `# Benchmarks

Written by \`${command}\` (src/bench/run.ts) in ${((Date.now() - started) / 60_000).toFixed(1)} minutes. Each section
names the run that measured it: a run with \`--skip\` keeps the sections it skips from the earlier file.
Reproduce a section with its command; the generated logs are cached in \`.bench-data/\` (\`npm run generate -- --events N\`).

- machine: ${m.cpu}, ${m.cores} cores, ${fmt(m.ramGiB, 1)} GiB RAM, ${m.platform}
- Node ${m.node}; date ${m.date}
- every figure is measured against its physical limit in the same run, as a median of the runs its section names
- the machine is shared (other processes run beside the benchmark), so single runs vary by ±20%

${sections.join('\n')}${soak}`;
  mkdirSync(join(out, '..'), { recursive: true });
  writeFileSync(out, document);
  log(`wrote ${out} in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
}

await main();
process.exit(0);
