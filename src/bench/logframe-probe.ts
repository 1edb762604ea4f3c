/**
 * Where a logframe report's time goes: the same report (src/bench/programmes.ts) timed over HTTP
 * against the real server, then computed in-process from the same views, and its JSON written.
 *
 *   npx tsx src/bench/logframe-probe.ts --data-dir DIR [--samples 30]
 *   BENCH_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof" npx tsx src/bench/logframe-probe.ts --data-dir DIR
 *
 * --writes: before each report over HTTP (not timed) a legal consultation is recorded at one of the
 * programme's centres on a day of the period, so that every report follows a write, as on a live
 * system: nothing kept for an unchanged log is reused, and the rows the write changed are read anew.
 *
 * --as-of: every report is asked `asOf` an instant (now: everything recorded, read as of then),
 * as a coordinator reproduces a figure sent earlier.
 */
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { createReadModel } from '../read/index.js';
import { TZ } from './logs.js';
import { benchScope, consultationWriter, defineBenchProgramme, graphqlCall, reportQuery, rotatingPeriods } from './programmes.js';
import { startLedgerServer, tokenFor } from './spawn.js';
import { percentile } from './workload.js';

const { values } = parseArgs({ options: { 'data-dir': { type: 'string' }, samples: { type: 'string', default: '30' }, 'skip-http': { type: 'boolean', default: false }, ballast: { type: 'string', default: '0' }, cold: { type: 'boolean', default: false }, 'as-of': { type: 'boolean', default: false }, writes: { type: 'boolean', default: false } } });
const dir = values['data-dir'];
if (!dir) throw new Error('--data-dir DIR: a generated log with its views');
const samples = Number(values.samples);
const { period, centreIds } = benchScope(dir);
/** --cold: one of three periods in turn, so that every report is computed anew (rotatingPeriods). */
const periods = values.cold ? rotatingPeriods(period) : [period];
let asked = 0;
/** With --as-of, an instant after every entry and the programme's definition: the live figures, read the way `asOf` reads them. */
let asOf: string | null = null;
const nextPeriod = () => periods[asked++ % periods.length]!;

const summary = (label: string, times: number[]) =>
  console.log(`${label.padEnd(34)} n=${times.length} p50 ${percentile(times, 50).toFixed(1)} ms  p99 ${percentile(times, 99).toFixed(1)} ms`);

/** With --writes, a consultation recorded before each report over HTTP. */
const writer = values.writes ? consultationWriter(dir, period, centreIds) : undefined;
const write = (url: string, token: string) => writer?.(url, token);

async function timed(times: number[], run: () => unknown) {
  const started = performance.now();
  await run();
  times.push(performance.now() - started);
}

let programmeId: string;
const token = await tokenFor(dir);
const server = await startLedgerServer({ dataDir: dir, env: { TZ }, readyTimeoutMs: 600_000 });
try {
  programmeId = await defineBenchProgramme(server.url, token, period, centreIds);
  if (values['as-of']) asOf = new Date().toISOString();
  const variables = () => {
    const [from, to] = nextPeriod();
    return { id: programmeId, from, to, asOf };
  };
  if (!values['skip-http']) {
    for (let i = 0; i < 3; i++) await graphqlCall(server.url, token, reportQuery, variables());
    const http: number[] = [];
    for (let i = 0; i < samples; i++) {
      await write(server.url, token);
      await timed(http, () => graphqlCall(server.url, token, reportQuery, variables()));
    }
    summary(`HTTP, whole report${values.writes ? ' after a write' : ''}`, http);
    const withoutCells = reportQuery.replace(/cells \{[^}]*\}[^}]*\}/, '');
    const withoutCellsTimes: number[] = [];
    for (let i = 0; i < samples; i++) {
      await write(server.url, token);
      await timed(withoutCellsTimes, () => graphqlCall(server.url, token, withoutCells, variables()));
    }
    summary(`HTTP, values without cells${values.writes ? ' (write)' : ''}`, withoutCellsTimes);
    const floor: number[] = [];
    for (let i = 0; i < samples; i++) await timed(floor, () => graphqlCall(server.url, token, `{ __typename }`, {}));
    summary('HTTP, { __typename }', floor);
  }
} finally {
  await server.stop();
}

// A heap the size of a large server's (its name index holds every participant): what each major GC must trace.
const ballast = Array.from({ length: Number(values.ballast) }, (_, i) => ({ key: `person-${i}`, keys: [`${i}a`, `${i}b`] }));
const db = new Database(join(dir, 'views.db'), { readonly: true, fileMustExist: true });
const read = createReadModel(db);
const programme = read.programmes.programme(programmeId)!;
const compute = () => read.programmes.figures(programme, ...nextPeriod(), asOf);
for (let i = 0; i < 3; i++) compute();
const inProcess: number[] = [];
const cpu = process.cpuUsage();
for (let i = 0; i < samples; i++) await timed(inProcess, compute);
const used = process.cpuUsage(cpu);
summary('in-process, figures()', inProcess);
// CPU time is steadier than wall time on a machine shared with other work.
console.log(`in-process CPU per report: ${((used.user + used.system) / 1000 / samples).toFixed(1)} ms`);
const figures = compute();
const cells = figures.reduce((n, figure) => n + figure.cells.length, 0);
const json: number[] = [];
for (let i = 0; i < samples; i++) await timed(json, () => JSON.stringify(figures));
summary(`JSON of the figures (${cells} cells)`, json);
db.close();
console.log(`ballast: ${ballast.length.toLocaleString('en-US')} objects; heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);
