/**
 * The real server as a child process, for benchmarks, soak and crash tests: a free port on
 * 127.0.0.1, DATA_DIR and the environment given, ready once /healthz answers. Every child started
 * here is killed when this process exits. Tests run `src/main.ts` under tsx; the benchmarks run
 * the compiled server in dist/ that `npm start` runs (useCompiledServer), since tsx's transform
 * (a name set on every function it creates, its loader thread) costs the ledger's code CPU that
 * production does not pay.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { issueLocalToken, loadOrCreateLocalSecret, type LocalTokenRequest } from '../auth/tokens.js';
import { buildServer, serverBuildIsStale } from '../cli/build.js';

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** A port nobody listens on right now (the kernel's choice, released for the child to take). */
export function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolvePort(port));
    });
  });
}

const children = new Set<ChildProcess>();
let exitHook = false;
function track(child: ChildProcess) {
  children.add(child);
  child.once('exit', () => children.delete(child));
  if (!exitHook) {
    exitHook = true;
    // Last resort: no server outlives the script or test that started it.
    process.once('exit', () => {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
    });
  }
}

/** Children still running (for a final check that none is left behind). */
export const runningChildren = () => [...children].filter((c) => c.exitCode === null && c.signalCode === null);

export interface SpawnedProcess {
  readonly child: ChildProcess;
  readonly pid: number;
  /** Output collected so far (stdout and stderr, last 64 KiB), for failure messages. */
  output(): string;
  /** Resolves with the exit code or signal once the process has exited. */
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** SIGKILL and wait for the exit. */
  kill9(): Promise<void>;
  /** SIGTERM (a clean shutdown), SIGKILL after `graceMs`; waits for the exit. */
  stop(graceMs?: number): Promise<void>;
}

/**
 * Starts `node --import tsx <script>` from the repository root with the environment given.
 * BENCH_NODE_ARGS adds node options, e.g. `--cpu-prof --cpu-prof-dir=prof` to profile the servers;
 * `preload` names modules to import after tsx (so they may be TypeScript).
 */
export function spawnTsx(script: string, args: readonly string[], env: Record<string, string | undefined>, preload: readonly string[] = []): SpawnedProcess {
  return spawnNode(script, args, env, ['tsx', ...preload]);
}

/** `node <script>` with BENCH_NODE_ARGS and the modules in `imports` loaded first (--import). */
function spawnNode(script: string, args: readonly string[], env: Record<string, string | undefined>, imports: readonly string[]): SpawnedProcess {
  const nodeArgs = (process.env.BENCH_NODE_ARGS ?? '').split(' ').filter(Boolean);
  const child = spawn(process.execPath, [...nodeArgs, ...imports.flatMap((module) => ['--import', module]), script, ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let output = '';
  const collect = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-65_536);
  };
  child.stdout!.on('data', collect);
  child.stderr!.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolveExit) => {
    if (child.exitCode !== null || child.signalCode !== null) resolveExit({ code: child.exitCode, signal: child.signalCode });
    else child.once('exit', (code, signal) => resolveExit({ code, signal }));
  });
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    child,
    pid: child.pid!,
    output: () => output,
    exited,
    async kill9() {
      if (running()) child.kill('SIGKILL');
      await exited;
    },
    async stop(graceMs = 10_000) {
      if (running()) child.kill('SIGTERM');
      const timer = setTimeout(() => running() && child.kill('SIGKILL'), graceMs);
      await exited;
      clearTimeout(timer);
    },
  };
}

export interface LedgerServer extends SpawnedProcess {
  readonly port: number;
  /** http://127.0.0.1:<port> */
  readonly origin: string;
  /** http://127.0.0.1:<port>/graphql */
  readonly url: string;
  readonly dataDir: string;
}

/** Polls `url` until it answers 200, the process exits, or `timeoutMs` passes. */
export async function waitUntilReady(url: string, processExited: Promise<unknown>, timeoutMs = 120_000): Promise<void> {
  let exited = false;
  void processExited.then(() => (exited = true));
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (exited) throw new Error('the process exited before it was ready');
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2_000) });
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`${url} was not ready after ${timeoutMs} ms`);
}

let compiledServer = false;

/** From now on startLedgerServer runs dist/src/main.js, compiled first when its sources changed. */
export async function useCompiledServer(): Promise<void> {
  if (serverBuildIsStale()) await buildServer();
  compiledServer = true;
}

/**
 * Starts the ledger's server on DATA_DIR (a free port unless given) and waits until it answers.
 * With `memoryFile`, the server writes its memory there every second (src/bench/memory-probe.ts).
 */
export async function startLedgerServer(options: { dataDir: string; env?: Record<string, string>; port?: number; readyTimeoutMs?: number; memoryFile?: string }): Promise<LedgerServer> {
  const port = options.port ?? (await freePort());
  const probe = options.memoryFile ? [pathToFileURL(resolve(repoRoot, 'src/bench/memory-probe.ts')).href] : [];
  const env = {
    TZ: 'Europe/Belgrade',
    LOG_LEVEL: 'warn',
    NODE_ENV: 'development',
    ...options.env,
    ...(options.memoryFile ? { BENCH_MEMORY_FILE: options.memoryFile } : {}),
    PORT: String(port),
    DATA_DIR: options.dataDir,
  };
  // The memory probe is TypeScript: tsx is loaded to import it.
  const spawned = compiledServer ? spawnNode('dist/src/main.js', [], env, probe.length > 0 ? ['tsx', ...probe] : []) : spawnTsx('src/main.ts', [], env, probe);
  const origin = `http://127.0.0.1:${port}`;
  try {
    await waitUntilReady(`${origin}/healthz`, spawned.exited, options.readyTimeoutMs);
  } catch (error) {
    await spawned.kill9();
    throw new Error(`the server on ${options.dataDir} did not start: ${(error as Error).message}\n${spawned.output().slice(-4_000)}`);
  }
  return { ...spawned, port, origin, url: `${origin}/graphql`, dataDir: options.dataDir };
}

/** A token signed with the deployment's local secret (DATA_DIR/auth-secret), as `npm run token` prints. */
export async function tokenFor(dataDir: string, request: Partial<LocalTokenRequest> = {}): Promise<string> {
  return issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'bench-admin', days: 1, ...request });
}

export interface GqlAnswer<D = any> {
  readonly status: number;
  readonly body: { data?: D | null; errors?: { message: string; extensions?: { code?: string; field?: string } }[] } | undefined;
  /** The raw text when the body was not JSON. */
  readonly text?: string;
}

/** Posts a GraphQL document with a bearer token. */
export async function postGraphql<D = any>(url: string, token: string, query: string, variables: Record<string, unknown>, timeoutMs = 30_000): Promise<GqlAnswer<D>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables }),
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  try {
    return { status: response.status, body: JSON.parse(text) };
  } catch {
    return { status: response.status, body: undefined, text };
  }
}

/** The commit a benchmark runs on, and whether the tree differs from it. */
export function commitOf(): string {
  const git = (...gitArgs: string[]) => execFileSync('git', gitArgs, { cwd: repoRoot, encoding: 'utf8' }).trim();
  try {
    return `${git('rev-parse', '--short', 'HEAD')}${git('status', '--porcelain', '--untracked-files=no') ? ', with uncommitted changes' : ''}`;
  } catch {
    return 'unknown';
  }
}
