/**
 * Crash test: the real server in a child process takes mixed writes from 8 clients at once, each
 * with a commandId, and is killed with SIGKILL at random moments, then started again on the same
 * DATA_DIR. After every kill the log is checked on disk, and at the end the views are compared
 * with a fresh rebuild of the log:
 *
 * - every mutation that was answered with success is in the log exactly once: its command record,
 *   at the position it was answered with, and its events (all in one stream, one append);
 * - nothing is in the log twice: no commandId's events in two appends, no attendance pair recorded
 *   twice without a removal between, no event without its command record;
 * - the views never run ahead of the log: after every kill their checkpoint is at most the log's
 *   last position (the views apply only what the log has made durable, src/store/wal-sync.ts);
 * - unanswered mutations sent again with their commandId after the restart answer as one command;
 * - the views the restarted server kept equal the views `npm run rebuild` makes from the log.
 *
 *   npm run test:crash [-- --kills 20 --seed 7 --concurrency 16]
 *
 * test/crash/crash.test.ts runs it in CI with fewer kills. Every child process is killed at the end.
 */
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { runningChildren, spawnTsx, startLedgerServer, tokenFor, type LedgerServer } from '../../src/bench/spawn.js';
import { nextMutation, seeded, send, setUpFixtures, type Fixtures, type PlannedMutation } from '../../src/bench/workload.js';
import { differences, snapshotViews } from '../support/views-snapshot.js';

export interface CrashTestOptions {
  readonly kills: number;
  readonly concurrency?: number;
  readonly seed?: number;
  /** Time under load before each kill, chosen at random in this range (ms). */
  readonly loadMs?: readonly [number, number];
  readonly log?: (line: string) => void;
  /** Keep DATA_DIR for inspection (it is printed). */
  readonly keep?: boolean;
}

export interface CrashTestReport {
  readonly kills: number;
  readonly acknowledged: number;
  readonly unanswered: number;
  readonly retriedAnswered: number;
  readonly events: number;
  readonly problems: readonly string[];
}

interface Acknowledged {
  readonly mutation: PlannedMutation;
  readonly position: string;
}

/** The invariants of the log on disk (server stopped or killed). Answers a list of problems, empty when none. */
export function checkLog(eventsFile: string, acknowledged: ReadonlyMap<string, Acknowledged>): { problems: string[]; events: number } {
  const db = new Database(eventsFile, { readonly: true, fileMustExist: true });
  const problems: string[] = [];
  try {
    const commands = new Map(
      (db.prepare(`SELECT command_id, position FROM commands`).all() as { command_id: string; position: number }[]).map((row) => [row.command_id, row.position]),
    );
    // Every acknowledged mutation has its command record, at the position it was answered with.
    for (const [commandId, { mutation, position }] of acknowledged) {
      const stored = commands.get(commandId);
      if (stored === undefined) problems.push(`${mutation.name} ${commandId} was acknowledged (position ${position}) but has no command record`);
      else if (String(stored) !== position) problems.push(`${mutation.name} ${commandId} was acknowledged at position ${position} but its record says ${stored}`);
    }
    // The events of one command: one stream, consecutive revisions, ending at the record's position.
    const groups = db
      .prepare(
        `SELECT json_extract(metadata, '$.commandId') AS command_id, count(*) AS n, count(DISTINCT stream_id) AS streams,
                min(revision) AS first, max(revision) AS last, max(position) AS position
           FROM events WHERE json_extract(metadata, '$.commandId') IS NOT NULL GROUP BY 1`,
      )
      .all() as { command_id: string; n: number; streams: number; first: number; last: number; position: number }[];
    for (const group of groups) {
      if (group.streams !== 1) problems.push(`command ${group.command_id} has events in ${group.streams} streams`);
      if (group.last - group.first + 1 !== group.n) problems.push(`command ${group.command_id} has ${group.n} events over revisions ${group.first}..${group.last}: stored more than once`);
      const record = commands.get(group.command_id);
      if (record === undefined) problems.push(`command ${group.command_id} has events but no command record`);
      else if (record !== group.position) problems.push(`command ${group.command_id}: its last event is at ${group.position}, its record at ${record}`);
    }
    // No attendance pair recorded twice without a removal between.
    const attending = new Map<string, Set<string>>();
    const rows = db
      .prepare(`SELECT type, data FROM events WHERE type IN ('AttendanceRecorded', 'AttendanceRemoved') ORDER BY position`)
      .raw()
      .iterate() as IterableIterator<[string, string]>;
    for (const [type, json] of rows) {
      const data = JSON.parse(json) as { workshopId: string; participantIds?: string[]; participantId?: string };
      let set = attending.get(data.workshopId);
      if (!set) attending.set(data.workshopId, (set = new Set()));
      if (type === 'AttendanceRemoved') {
        set.delete(data.participantId!);
        continue;
      }
      for (const participantId of data.participantIds ?? []) {
        if (set.has(participantId)) problems.push(`attendance ${data.workshopId}:${participantId} is recorded twice`);
        set.add(participantId);
      }
    }
    const events = (db.prepare(`SELECT count(*) AS n FROM events`).get() as { n: number }).n;
    return { problems, events };
  } finally {
    db.close();
  }
}

/** The views' checkpoint against the log's last position, after a kill: a problem when the views are ahead. */
export function checkViewsBehindLog(viewsFile: string, eventsFile: string): string[] {
  if (!existsSync(viewsFile)) return [];
  // Opened as the server opens it, so that a WAL left by the kill is read too.
  const views = new Database(viewsFile, { fileMustExist: true });
  const log = new Database(eventsFile, { readonly: true, fileMustExist: true });
  try {
    const checkpoint = BigInt((views.prepare(`SELECT value FROM views_meta WHERE key = 'checkpoint'`).get() as { value: string } | undefined)?.value ?? 0);
    const head = BigInt((log.prepare(`SELECT max(position) AS head FROM events`).get() as { head: number | null }).head ?? 0);
    return checkpoint > head ? [`the views applied position ${checkpoint}, beyond the log's last event at ${head}`] : [];
  } finally {
    views.close();
    log.close();
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function runCrashTest(options: CrashTestOptions): Promise<CrashTestReport> {
  const log = options.log ?? (() => undefined);
  const concurrency = options.concurrency ?? 8;
  const [minLoad, maxLoad] = options.loadMs ?? [300, 1_500];
  const rng = seeded(options.seed ?? Date.now() % 1_000_000);
  const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-crash-'));
  const rebuildDir = mkdtempSync(join(tmpdir(), 'centre-ledger-crash-rebuild-'));
  const token = await tokenFor(dataDir);
  const acknowledged = new Map<string, Acknowledged>();
  let unanswered: PlannedMutation[] = [];
  const problems: string[] = [];
  let retriedAnswered = 0;
  let server: LedgerServer | undefined;
  let fixtures: Fixtures | undefined;

  const remember = (mutation: PlannedMutation, outcome: Awaited<ReturnType<typeof send>>) => {
    if (outcome.kind === 'ok') acknowledged.set(mutation.commandId, { mutation, position: outcome.position });
    else if (outcome.kind === 'unanswered') unanswered.push(mutation);
    else if (outcome.kind === 'failed') problems.push(`${mutation.name} ${mutation.commandId} failed: ${outcome.status} ${outcome.message}`);
  };

  /** Sends the unanswered mutations again, with their commandIds: each answers once, as one command. */
  async function retryUnanswered(url: string) {
    const again = unanswered;
    unanswered = [];
    for (const mutation of again) {
      const outcome = await send(url, token, mutation);
      if (outcome.kind === 'ok') retriedAnswered += 1;
      // Still nothing (the server died meanwhile): keep it for the next round.
      remember(mutation, outcome);
    }
  }

  try {
    for (let round = 1; round <= options.kills; round++) {
      server = await startLedgerServer({ dataDir });
      if (!fixtures) fixtures = await setUpFixtures(server.url, token, rng, { participants: 30, workshops: 6 });
      await retryUnanswered(server.url);
      let stop = false;
      const { url } = server;
      const clients = Array.from({ length: concurrency }, async () => {
        while (!stop) {
          const mutation = nextMutation(fixtures!, rng);
          remember(mutation, await send(url, token, mutation, 10_000));
        }
      });
      await sleep(minLoad + Math.floor(rng.next() * (maxLoad - minLoad)));
      await server.kill9();
      stop = true;
      await Promise.all(clients);
      server = undefined;
      const checked = checkLog(join(dataDir, 'events.db'), acknowledged);
      checked.problems.push(...checkViewsBehindLog(join(dataDir, 'views.db'), join(dataDir, 'events.db')));
      problems.push(...checked.problems.map((p) => `after kill ${round}: ${p}`));
      log(`kill ${round}/${options.kills}: ${checked.events} events in the log, ${acknowledged.size} mutations acknowledged, ${unanswered.length} unanswered, ${checked.problems.length} problems`);
      if (checked.problems.length > 0) break;
    }

    // Last start: the views catch up from wherever the kills left them; unanswered mutations are sent again.
    server = await startLedgerServer({ dataDir });
    await retryUnanswered(server.url);
    await server.stop();
    server = undefined;
    const final = checkLog(join(dataDir, 'events.db'), acknowledged);
    problems.push(...final.problems.map((p) => `at the end: ${p}`));
    if (unanswered.length > 0) problems.push(`${unanswered.length} mutations were still unanswered after the last restart`);

    // The views the server kept through the kills against a fresh rebuild of the same log.
    for (const name of ['events.db', 'events.db-wal', 'auth-secret']) {
      if (existsSync(join(dataDir, name))) copyFileSync(join(dataDir, name), join(rebuildDir, name));
    }
    const rebuild = spawnTsx('src/cli/rebuild.ts', [], { DATA_DIR: rebuildDir, TZ: 'Europe/Belgrade', LOG_LEVEL: 'warn' });
    const { code } = await rebuild.exited;
    if (code !== 0) throw new Error(`the rebuild failed (${code}): ${rebuild.output().slice(-2_000)}`);
    const kept = snapshotViews(join(dataDir, 'views.db'));
    const rebuilt = snapshotViews(join(rebuildDir, 'views.db'));
    if (kept.checkpoint !== rebuilt.checkpoint) problems.push(`the views' checkpoint is ${kept.checkpoint}, the rebuild's ${rebuilt.checkpoint}`);
    problems.push(...differences(kept, rebuilt).map((d) => `views differ from a fresh rebuild: ${d}`));
    log(
      `end: ${final.events} events, ${acknowledged.size} acknowledged, ${retriedAnswered} answered on retry, views at ${kept.checkpoint} ` +
        `${differences(kept, rebuilt).length === 0 ? 'equal' : 'NOT equal'} to a fresh rebuild; ${problems.length} problems`,
    );
    return { kills: options.kills, acknowledged: acknowledged.size, unanswered: unanswered.length, retriedAnswered, events: final.events, problems };
  } finally {
    await server?.kill9();
    for (const child of runningChildren()) child.kill('SIGKILL');
    if (options.keep) log(`DATA_DIR kept at ${dataDir}`);
    else rmSync(dataDir, { recursive: true, force: true });
    rmSync(rebuildDir, { recursive: true, force: true });
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: {
      kills: { type: 'string', default: '20' },
      seed: { type: 'string' },
      concurrency: { type: 'string', default: '16' },
      keep: { type: 'boolean', default: false },
    },
  });
  const report = await runCrashTest({
    kills: Number(values.kills),
    concurrency: Number(values.concurrency),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    keep: values.keep,
    log: (line) => console.log(line),
  });
  for (const problem of report.problems) console.error(`PROBLEM: ${problem}`);
  console.log(report.problems.length === 0 ? `crash test passed: ${report.kills} kills` : `crash test FAILED: ${report.problems.length} problems`);
  process.exit(report.problems.length === 0 ? 0 : 1);
}
