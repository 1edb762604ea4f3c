/**
 * API write figure: `recordAttendance` with 20 children over HTTP (autocannon, 10 connections)
 * against the ledger's real server, and the same request against a bare graphql-yoga on express
 * that answers a constant (src/bench/bare-yoga.ts): the physical limit of the HTTP + GraphQL layer
 * on this machine. Both run as child processes on 127.0.0.1, one at a time.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import autocannon from 'autocannon';
import { cpuPerRequest, threadCpu } from './cpu.js';
import { freePort, postGraphql, spawnTsx, startLedgerServer, tokenFor, waitUntilReady } from './spawn.js';
import { documents, median, seeded, setUpFixtures, type Fixtures } from './workload.js';

export interface LoadFigures {
  readonly requestsPerSecond: number;
  readonly p50: number;
  readonly p99: number;
  readonly requests: number;
  /** Answers that were not a success (non-2xx, connection errors, GraphQL errors). */
  readonly failures: number;
  /** Medians of the server's own Server-Timing phases (ms), for a server that sends them (views: its wait for the views, when it had one). */
  readonly phases?: { readonly command: number; readonly views?: number };
  /**
   * For the ledger: how long a query sent as the load stopped waited for the views to include every
   * write answered (ms). Attendance answers without waiting for the views, so this shows whether
   * they kept up with the rate measured or fell behind it.
   */
  readonly catchUpMs?: number;
  /** CPU ms per request of the server process: in all, its main thread, its busiest other thread (the ledger's views). */
  readonly cpu?: { readonly process: number; readonly main: number; readonly otherThread: number };
}

export interface ApiFigures {
  readonly ledger: LoadFigures[];
  readonly bare: LoadFigures[];
  readonly fixtures: { participants: number; workshops: number };
  /** At the end of the runs, on average: children recorded per session, and sessions per child. */
  readonly childrenPerSession: number;
  readonly sessionsPerChild: number;
}

/** The durations of a Server-Timing header, by name. */
const serverTiming = (header: string | string[] | undefined) =>
  new Map(
    String(header ?? '')
      .split(',')
      .map((entry) => /^\s*([\w-]+);dur=([\d.]+)/.exec(entry))
      .filter((match) => match !== null)
      .map((match) => [match[1]!, Number(match[2])] as const),
  );

async function load(url: string, token: string | undefined, seconds: number, connections: number, body: () => string): Promise<LoadFigures> {
  let graphqlErrors = 0;
  const command: number[] = [];
  const views: number[] = [];
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    requests: [
      {
        setupRequest: (request) => ({ ...request, body: body() }),
        onResponse: (status, text, _context, headers) => {
          if (status === 200 && text.includes('"errors"')) graphqlErrors += 1;
          const phases = serverTiming((headers as Record<string, string | string[]> | undefined)?.['server-timing']);
          if (phases.has('command')) command.push(phases.get('command')!);
          if (phases.has('views')) views.push(phases.get('views')!);
        },
      },
    ],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failures: result.non2xx + result.errors + result.timeouts + graphqlErrors,
    ...(command.length > 0 ? { phases: { command: median(command), ...(views.length > 0 ? { views: median(views) } : {}) } } : {}),
  };
}

/** Creates participants and workshops for the attendance requests to name, `concurrency` requests at a time. */
async function fixturesFor(url: string, token: string, participants: number, workshops: number): Promise<Fixtures> {
  const rng = seeded(7);
  return setUpFixtures(url, token, rng, { centres: 2, participants, workshops, volunteers: 1 });
}

export async function measureApiWrites(options: {
  dir: string;
  seconds: number;
  runs: number;
  connections?: number;
  participants?: number;
  workshops?: number;
  log?: (line: string) => void;
}): Promise<ApiFigures> {
  const log = options.log ?? (() => undefined);
  const connections = options.connections ?? 10;
  const dataDir = join(options.dir, `api-${Date.now()}`);
  mkdirSync(dataDir, { recursive: true });
  const token = await tokenFor(dataDir);
  const ledger = await startLedgerServer({ dataDir });
  const barePort = await freePort();
  const bare = spawnTsx('src/bench/bare-yoga.ts', [], { PORT: String(barePort) });
  const bareUrl = `http://127.0.0.1:${barePort}/graphql`;
  try {
    await waitUntilReady(`http://127.0.0.1:${barePort}/healthz`, bare.exited);
    const participants = options.participants ?? 5_000;
    const workshops = options.workshops ?? 20_000;
    log(`api: creating fixtures (${participants} participants, ${workshops} workshops)`);
    const fixtures = await fixturesFor(ledger.url, token, participants, workshops);
    /**
     * recordAttendance of 20 children with its own commandId: the workshops in turn, and the
     * children in turn, so that every request stores new attendance and sessions fill evenly, as a
     * centre records each session once. Drawing at random from a few hundred workshops made a
     * session hold hundreds of children by the end, and the figure measured ever larger documents.
     */
    const rotation = () => {
      const state = { sent: 0 };
      const body = () => {
        const workshopId = fixtures.workshops[state.sent % fixtures.workshops.length]!;
        // Each pass over the workshops starts one group of children further on, so that a
        // workshop's second request names children it does not have yet.
        const pass = Math.floor(state.sent / fixtures.workshops.length);
        const first = ((state.sent + pass) * 20) % fixtures.participants.length;
        const participantIds = Array.from({ length: 20 }, (_, i) => fixtures.participants[(first + i) % fixtures.participants.length]!);
        state.sent += 1;
        const input = { workshopId, participantIds, commandId: `bench-${randomUUID()}` };
        return JSON.stringify({ query: documents.recordAttendance, variables: { input } });
      };
      return { state, body };
    };
    const toLedger = rotation();
    const toBare = rotation();
    const ledgerFigures: LoadFigures[] = [];
    const bareFigures: LoadFigures[] = [];
    // Warm both (JIT, connections, caches) before measuring.
    await load(ledger.url, token, 2, connections, toLedger.body);
    await load(bareUrl, undefined, 2, connections, toBare.body);
    for (let run = 1; run <= options.runs; run++) {
      const ledgerBefore = threadCpu(ledger.pid);
      const loaded = await load(ledger.url, token, options.seconds, connections, toLedger.body);
      const stopped = performance.now();
      const caughtUp = await postGraphql(ledger.url, token, '{ __typename }', {});
      if (caughtUp.status !== 200 || caughtUp.body?.errors) throw new Error(`the query after the load failed: ${caughtUp.status} ${JSON.stringify(caughtUp.body ?? caughtUp.text).slice(0, 300)}`);
      // Up to the views caught up: their work for the requests counts with them.
      const l = { ...loaded, catchUpMs: performance.now() - stopped, cpu: cpuPerRequest(ledger.pid, ledgerBefore, threadCpu(ledger.pid), loaded.requests) };
      const bareBefore = threadCpu(bare.pid);
      const bareLoaded = await load(bareUrl, undefined, options.seconds, connections, toBare.body);
      const b = { ...bareLoaded, cpu: cpuPerRequest(bare.pid, bareBefore, threadCpu(bare.pid), bareLoaded.requests) };
      ledgerFigures.push(l);
      bareFigures.push(b);
      log(
        `api run ${run}/${options.runs}: ledger ${l.requestsPerSecond.toFixed(0)} req/s (p50 ${l.p50} ms, p99 ${l.p99} ms, ${l.failures} failures` +
          `${l.phases ? `; in the server, median: command ${l.phases.command.toFixed(2)} ms${l.phases.views === undefined ? '' : `, waiting for the views ${l.phases.views.toFixed(2)} ms`}` : ''}; ` +
          `views caught up ${l.catchUpMs.toFixed(1)} ms after the load; CPU per request ${l.cpu.process.toFixed(2)} ms, ` +
          `request thread ${l.cpu.main.toFixed(2)} ms, views' thread ${l.cpu.otherThread.toFixed(2)} ms); ` +
          `bare yoga ${b.requestsPerSecond.toFixed(0)} req/s (p50 ${b.p50} ms, p99 ${b.p99} ms, CPU per request ${b.cpu.process.toFixed(2)} ms)`,
      );
    }
    // How full sessions got, and how many sessions a child had, by the end (requests made, each of 20 children).
    const pairs = toLedger.state.sent * 20;
    return {
      ledger: ledgerFigures,
      bare: bareFigures,
      fixtures: { participants: fixtures.participants.length, workshops: fixtures.workshops.length },
      childrenPerSession: pairs / fixtures.workshops.length,
      sessionsPerChild: pairs / fixtures.participants.length,
    };
  } finally {
    await ledger.stop();
    await bare.stop();
    // BENCH_KEEP_API_DATA=1: the ledger's log stays, for src/bench/views-write-cost.ts to replay.
    if (process.env.BENCH_KEEP_API_DATA === '1') log(`api: kept the ledger's data in ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
  }
}
