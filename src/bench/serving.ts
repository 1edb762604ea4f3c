/**
 * The dashboard queries while the server builds new versions of views in the background (section 7
 * of `npm run bench`): the real server on a copy of the cached log answers the queries idle, then
 * is started again with REBUILD_VIEWS (src/projection/rebuild-request.ts), which builds the named
 * views and those that read them from the log beside the ones queries read, as an upgrade that
 * changed their projections does; the same queries are timed until the switch. /readyz gives the
 * build's progress.
 */
import { rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { threadCpu } from './cpu.js';
import { dashboardQueries, type DashboardQuery } from './dashboard-queries.js';
import { benchDir, copyWithViews, TZ } from './logs.js';
import { postGraphql, startLedgerServer, tokenFor, type LedgerServer } from './spawn.js';
import { percentile } from './workload.js';

export interface Latency {
  readonly samples: number;
  readonly p50: number;
  readonly p99: number;
}

export interface ServingFigures {
  readonly events: number;
  /** What REBUILD_VIEWS named, and the views the server built (those and the views that read them). */
  readonly requested: readonly string[];
  readonly built: readonly string[];
  readonly queries: readonly { readonly name: string; readonly idle: Latency; readonly during: Latency }[];
  readonly build: {
    /** From the server's start to the switch (or to the end of the measurement, when unfinished: then a projection at the rate seen). */
    readonly seconds: number;
    /** Events applied to the new versions while /readyz was watched, per second. */
    readonly eventsPerSecond: number;
    readonly finished: boolean;
    /** Of the log's events, how many the new versions had applied at the end. */
    readonly position: number;
    readonly of: number;
  };
  /** Requests refused during the build, by query, HTTP status and error code. */
  readonly failures: Readonly<Record<string, number>>;
  /** The server's CPU while building, as a share of one core: its request thread, and its busiest other thread (the views'). */
  readonly cpu: {
    readonly requests: number;
    readonly views: number;
    /** CPU ms of the request thread per request answered, idle and during the build (whatever the machine's load, the work a request took). */
    readonly perRequestIdle: number;
    readonly perRequestDuring: number;
  };
  /** The views' write-ahead log when the timing stopped. */
  readonly walBytes: number;
  readonly settings: Readonly<Record<string, string>>;
}

interface Timed {
  readonly query: number;
  readonly endedAt: number;
  readonly ms: number;
}

interface Ready {
  readonly rebuilding?: { views: string[]; missing: string[]; position: string; of: string };
}

const readyz = async (server: LedgerServer): Promise<Ready> => (await (await fetch(`${server.origin}/readyz`, { signal: AbortSignal.timeout(30_000) })).json()) as Ready;

/** One timed request, and what refused it (its HTTP status and error code), if anything did. */
async function timeOne(server: LedgerServer, token: string, query: DashboardQuery): Promise<{ ms: number; failure?: string }> {
  const started = performance.now();
  const answer = await postGraphql(server.url, token, query.query, query.variables, 120_000);
  const ms = performance.now() - started;
  if (answer.status !== 200 || answer.body?.errors) return { ms, failure: `${answer.status} ${answer.body?.errors?.[0]?.extensions?.code ?? answer.text?.slice(0, 80) ?? ''}` };
  return { ms };
}

/**
 * The queries in turn, one request at a time, until `done()` or every query has `maxPerQuery`
 * samples. A refused request is counted apart (by status and code), not timed.
 */
async function sampleInTurn(server: LedgerServer, token: string, queries: readonly DashboardQuery[], maxPerQuery: number, done: () => boolean, failures: Map<string, number>): Promise<Timed[]> {
  const timed: Timed[] = [];
  for (let round = 0; round < maxPerQuery && !done(); round++) {
    for (let q = 0; q < queries.length && !done(); q++) {
      const { ms, failure } = await timeOne(server, token, queries[q]!);
      if (failure) failures.set(`${queries[q]!.name}: ${failure}`, (failures.get(`${queries[q]!.name}: ${failure}`) ?? 0) + 1);
      else timed.push({ query: q, ms, endedAt: performance.now() });
    }
  }
  return timed;
}

const mainThreadMs = (pid: number, before: Map<string, number>, after: Map<string, number>) => (after.get(String(pid)) ?? 0) - (before.get(String(pid)) ?? 0);

const latency = (times: readonly number[]): Latency => ({ samples: times.length, p50: percentile(times, 50), p99: percentile(times, 99) });

export async function measureServing(source: string, events: number, options: { rebuild: readonly string[]; quick: boolean; log: (line: string) => void; /** Stop timing after this long, the build unfinished (default: until the switch, at most 30 min). */ seconds?: number }): Promise<ServingFigures> {
  const { log } = options;
  const dir = join(benchDir, `serving-${events}`);
  rmSync(dir, { recursive: true, force: true });
  await copyWithViews(source, dir);
  const settings = { VIEWS_BUILD_BATCH_EVENTS: process.env.VIEWS_BUILD_BATCH_EVENTS ?? '5000 (default)', VIEWS_BUILD_PAUSE_MS: process.env.VIEWS_BUILD_PAUSE_MS ?? '0 (default)', VIEWS_BUILD_SHARE: process.env.VIEWS_BUILD_SHARE ?? '1 (default)' };
  try {
    const queries = dashboardQueries(dir);
    const token = await tokenFor(dir);
    const warm = async (server: LedgerServer) => {
      for (const query of queries) for (let i = 0; i < 3; i++) await timeOne(server, token, query);
    };
    const idleFailures = new Map<string, number>();
    const failures = new Map<string, number>();

    // Idle: no build. Views of another version than this code's are built first (and waited for).
    let server = await startLedgerServer({ dataDir: dir, env: { TZ }, readyTimeoutMs: 600_000 });
    let idle: Timed[];
    let idleCpuPerRequest = NaN;
    try {
      for (let ready = await readyz(server); ready.rebuilding; ready = await readyz(server)) {
        log(`serving: the copy's views are of another version; waiting for the server to build them (${ready.rebuilding.position}/${ready.rebuilding.of})`);
        await new Promise((resolve) => setTimeout(resolve, 10_000));
      }
      await warm(server);
      const deadline = performance.now() + (options.quick ? 5_000 : 60_000);
      const before = threadCpu(server.pid);
      idle = await sampleInTurn(server, token, queries, options.quick ? 20 : 200, () => performance.now() > deadline, idleFailures);
      idleCpuPerRequest = mainThreadMs(server.pid, before, threadCpu(server.pid)) / idle.length;
      if (idleFailures.size > 0) throw new Error(`the dashboard queries failed on the idle server: ${JSON.stringify([...idleFailures])}`);
    } finally {
      await server.stop();
    }

    // During: the same server started again, asked to rebuild the views.
    const spawnedAt = performance.now();
    server = await startLedgerServer({ dataDir: dir, env: { TZ, REBUILD_VIEWS: options.rebuild.join(',') }, readyTimeoutMs: 600_000 });
    try {
      const first = await readyz(server);
      if (!first.rebuilding) throw new Error(`REBUILD_VIEWS=${options.rebuild.join(',')} started no build`);
      const built = first.rebuilding.views;
      const watched = { at: performance.now(), position: Number(first.rebuilding.position), lastBuildingAt: performance.now(), finishedAt: undefined as number | undefined, position1: Number(first.rebuilding.position), of: Number(first.rebuilding.of) };
      const cpuBefore = threadCpu(server.pid);
      let cpuAfter = cpuBefore;
      let logged = performance.now();
      let stopPolling = false;
      // /readyz every half second, beside the timed requests.
      let pollError: unknown;
      const poller = (async () => {
        while (watched.finishedAt === undefined && !stopPolling) {
          await new Promise((resolve) => setTimeout(resolve, 500));
          let ready: Ready;
          try {
            ready = await readyz(server);
          } catch (error) {
            pollError = error;
            return;
          }
          const now = performance.now();
          if (!ready.rebuilding) {
            watched.finishedAt = now;
            return;
          }
          cpuAfter = threadCpu(server.pid);
          watched.lastBuildingAt = now;
          watched.position1 = Number(ready.rebuilding.position);
          watched.of = Number(ready.rebuilding.of);
          if (now - logged > 15_000) {
            logged = now;
            log(`serving: building ${built.join(', ')}: ${watched.position1.toLocaleString('en-US')}/${watched.of.toLocaleString('en-US')} events after ${((now - spawnedAt) / 1000).toFixed(0)} s`);
          }
        }
      })();
      const cap = performance.now() + (options.seconds !== undefined ? options.seconds * 1000 : options.quick ? 60_000 : 1_800_000);
      await warm(server);
      const during = await sampleInTurn(server, token, queries, Infinity, () => watched.finishedAt !== undefined || pollError !== undefined || performance.now() > cap, failures);
      // The cap ended the measurement: the poller stops too.
      stopPolling = true;
      await poller;
      if (pollError) throw new Error(`/readyz failed during the build: ${(pollError as Error).message}\n${server.output().slice(-3_000)}`);
      const finished = watched.finishedAt !== undefined;
      // Only requests answered while /readyz still showed the build.
      const kept = during.filter((t) => t.endedAt <= watched.lastBuildingAt);
      const wall = watched.lastBuildingAt - watched.at;
      const busiestOther = Math.max(0, ...[...cpuAfter].filter(([tid]) => tid !== String(server.pid)).map(([tid, ms]) => ms - (cpuBefore.get(tid) ?? 0)));
      const main = mainThreadMs(server.pid, cpuBefore, cpuAfter);
      const walBytes = statSync(join(dir, 'views.db-wal'), { throwIfNoEntry: false })?.size ?? 0;
      return {
        events,
        requested: options.rebuild,
        built,
        queries: queries.map((query, q) => ({
          name: query.name,
          idle: latency(idle.filter((t) => t.query === q).map((t) => t.ms)),
          during: latency(kept.filter((t) => t.query === q).map((t) => t.ms)),
        })),
        build: {
          seconds: ((finished ? watched.finishedAt! : watched.lastBuildingAt) - spawnedAt) / 1000,
          eventsPerSecond: ((finished ? watched.of : watched.position1) - watched.position) / (((finished ? watched.finishedAt! : watched.lastBuildingAt) - watched.at) / 1000),
          finished,
          position: finished ? watched.of : watched.position1,
          of: watched.of,
        },
        failures: Object.fromEntries(failures),
        cpu: { requests: wall > 0 ? main / wall : NaN, views: wall > 0 ? busiestOther / wall : NaN, perRequestIdle: idleCpuPerRequest, perRequestDuring: main / during.filter((t) => t.endedAt <= watched.lastBuildingAt).length },
        walBytes,
        settings,
      };
    } finally {
      await server.stop();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
