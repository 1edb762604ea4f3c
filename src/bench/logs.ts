/**
 * The generated logs the benchmarks and the soak run on, cached under .bench-data/: each is
 * generated once through the command path (`npm run generate`) and reused by later runs.
 */
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { repoRoot, spawnTsx } from './spawn.js';

export const benchDir = join(repoRoot, '.bench-data');
/** The time zone the logs are generated and read in, as the programme's deployments run. */
export const TZ = 'Europe/Belgrade';
// 2: individual sessions, referrals and assistance.
const GENERATOR_VERSION = 2;

const log = (line: string) => process.stderr.write(`bench: ${line}\n`);

/** A generated log of `events` events (with seed 1), generated once and reused; returns its DATA_DIR. */
export async function cachedLog(events: number): Promise<string> {
  mkdirSync(benchDir, { recursive: true });
  const dir = join(benchDir, `log-${events}-seed-1`);
  const marker = join(dir, 'generated.json');
  if (existsSync(marker)) {
    const meta = JSON.parse(readFileSync(marker, 'utf8')) as { version: number; events: number };
    if (meta.version === GENERATOR_VERSION && meta.events === events) return dir;
  }
  rmSync(dir, { recursive: true, force: true });
  log(`generating a log of ${events.toLocaleString('en-US')} events into ${dir} (once; later runs reuse it)`);
  const started = performance.now();
  const generate = spawnTsx('src/cli/generate.ts', ['--events', String(events), '--data-dir', dir, '--no-views'], { TZ, LOG_LEVEL: 'warn' });
  generate.child.stderr!.pipe(process.stderr);
  const { code } = await generate.exited;
  if (code !== 0) throw new Error(`generating the log failed (${code}): ${generate.output().slice(-3_000)}`);
  const summary = generate.output().split('\n').find((line) => line.startsWith('generated ')) ?? '';
  writeFileSync(marker, JSON.stringify({ version: GENERATOR_VERSION, events, seconds: (performance.now() - started) / 1000, summary, at: new Date().toISOString() }, null, 2));
  return dir;
}

/** Whether the views in `dataDir` have applied its whole log (a log generated with --no-views has empty ones). */
export function viewsCaughtUp(dataDir: string): boolean {
  if (!existsSync(join(dataDir, 'views.db'))) return false;
  const views = new Database(join(dataDir, 'views.db'), { readonly: true, fileMustExist: true });
  const events = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
  try {
    const checkpoint = views.prepare(`SELECT value FROM views_meta WHERE key = 'checkpoint'`).pluck().get() as string | undefined;
    const head = events.prepare(`SELECT max(position) FROM events`).pluck().get() as number | null;
    return BigInt(checkpoint ?? '0') >= BigInt(head ?? 0);
  } catch {
    return false;
  } finally {
    views.close();
    events.close();
  }
}

/**
 * A copy of a cached log in `target` (a fresh DATA_DIR) with its views built: the cache's views are
 * built once by `npm run rebuild` if they have not applied its whole log, and copied with it (the
 * server rebuilds them on start if the projections changed since).
 */
export async function copyWithViews(source: string, target: string): Promise<void> {
  if (!viewsCaughtUp(source)) {
    log(`building the views of ${source} (npm run rebuild, once)`);
    await rebuildViews(source, { progress: true });
  }
  cpSync(source, target, { recursive: true });
  rmSync(join(target, 'generated.json'), { force: true });
}

/** Runs `npm run rebuild` on `dataDir` as the package script does (its node options), and returns its output. */
export async function rebuildViews(dataDir: string, options: { progress?: boolean } = {}): Promise<string> {
  const rebuild = spawnTsx('src/cli/rebuild.ts', [], { DATA_DIR: dataDir, TZ, LOG_LEVEL: 'warn', NODE_OPTIONS: '--max-semi-space-size=64' });
  if (options.progress) rebuild.child.stderr!.pipe(process.stderr);
  const { code } = await rebuild.exited;
  if (code !== 0) throw new Error(`rebuilding the views of ${dataDir} failed (${code}): ${rebuild.output().slice(-3_000)}`);
  return rebuild.output();
}
