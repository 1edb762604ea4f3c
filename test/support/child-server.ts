import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { repoRoot } from './operations.js';

/** A server started as operators start it, in a child process configured by its environment. */
export interface ChildServer {
  readonly process: ChildProcess;
  readonly origin: string;
  readonly output: { stdout: string; stderr: string };
  /** SIGTERM, then waits for the exit (SIGKILL after 15 s). */
  stop(): Promise<void>;
}

/** A port that was free a moment ago. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** The test run's environment without what would change the server's behaviour. */
export function cleanEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(VITEST|NODE_ENV$|NODE_OPTIONS$|PORT$|DATA_DIR$|TZ$|LOG_LEVEL$|AUTH_|DATA_KEY$|KURRENTDB_|METRICS|BACKUP_)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

/**
 * Starts `node <args>` in the repository (by default the server from its sources under tsx) and
 * resolves once it answers /healthz.
 */
export async function startChildServer(env: Record<string, string>, args: readonly string[] = ['--import', 'tsx', 'src/main.ts']): Promise<ChildServer> {
  const port = await freePort();
  const child = spawn(process.execPath, args, {
    cwd: repoRoot,
    env: { ...cleanEnvironment(), LOG_LEVEL: 'silent', TZ: 'Europe/Belgrade', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  let exited = false;
  const exit = new Promise<void>((resolve) => child.once('exit', () => ((exited = true), resolve())));
  const origin = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (exited) return;
    child.kill('SIGTERM');
    const force = setTimeout(() => child.kill('SIGKILL'), 15_000);
    await exit;
    clearTimeout(force);
  };
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (exited) throw new Error(`the server exited before serving:\n${output.stderr}\n${output.stdout}`);
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the server did not serve within 30 s:\n${output.stderr}\n${output.stdout}`);
    }
    const healthy = await fetch(`${origin}/healthz`).then((response) => response.ok, () => false);
    if (healthy) return { process: child, origin, output, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** POSTs one GraphQL document and returns the parsed body. */
export async function graphql(origin: string, token: string, query: string, variables: Record<string, unknown> = {}, operationName?: string) {
  const response = await fetch(`${origin}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query, variables, ...(operationName ? { operationName } : {}) }),
  });
  return (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] };
}
