/**
 * The server as it is deployed: `node --import tsx src/main.ts` in a child process, configured
 * only through the environment, stopped with SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, afterEach, describe, expect, it, onTestFinished } from 'vitest';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { op, repoRoot } from '../support/operations.js';

interface Exit {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

interface Child {
  readonly process: ChildProcess;
  readonly output: { stdout: string; stderr: string };
  readonly exited: Promise<Exit>;
  exit: Exit | undefined;
}

const children = new Set<Child>();
const dirs: string[] = [];

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-process-'));
  dirs.push(dir);
  return dir;
}

/** A port that was free a moment ago (the server is told it; PORT=0 would not print in production). */
async function freePort(): Promise<number> {
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

/** The environment of the test run, without what would change the server's behaviour. */
function baseEnvironment(): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (value === undefined) continue;
    if (/^(VITEST|NODE_ENV$|NODE_OPTIONS$|PORT$|DATA_DIR$|TZ$|LOG_LEVEL$|AUTH_|DATA_KEY$|KURRENTDB_)/.test(key)) continue;
    env[key] = value;
  }
  return env;
}

function spawnServer(env: Record<string, string>): Child {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    cwd: repoRoot,
    env: { ...baseEnvironment(), LOG_LEVEL: 'silent', TZ: 'Europe/Belgrade', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { stdout: '', stderr: '' };
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output.stdout += chunk));
  child.stderr!.setEncoding('utf8').on('data', (chunk: string) => (output.stderr += chunk));
  const record: Child = {
    process: child,
    output,
    exit: undefined,
    exited: new Promise<Exit>((resolve) => {
      child.once('exit', (code, signal) => {
        record.exit = { code, signal };
        resolve({ code, signal });
      });
    }),
  };
  children.add(record);
  return record;
}

async function stopChild(child: Child) {
  if (!child.exit) {
    child.process.kill('SIGKILL');
    await child.exited;
  }
  children.delete(child);
}

afterEach(async () => {
  await Promise.all([...children].map(stopChild));
});

afterAll(() => {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

/** Waits until the child answers /healthz; fails with its output if it exits or takes too long. */
async function waitUntilServing(child: Child, port: number, timeoutMs = 20_000): Promise<string> {
  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exit) throw new Error(`the server exited (${JSON.stringify(child.exit)}) before serving:\n${child.output.stderr}\n${child.output.stdout}`);
    try {
      const response = await fetch(`${origin}/healthz`);
      if (response.ok) return origin;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`the server did not serve within ${timeoutMs} ms:\n${child.output.stderr}\n${child.output.stdout}`);
}

async function startServing(env: Record<string, string>) {
  const port = await freePort();
  const child = spawnServer({ PORT: String(port), ...env });
  const origin = await waitUntilServing(child, port);
  return { child, origin, url: `${origin}/graphql` };
}

/** Resolves with the exit, or rejects after `timeoutMs`. */
async function exitWithin(child: Child, timeoutMs: number): Promise<Exit> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the server did not exit within ${timeoutMs} ms:\n${child.output.stderr}`)), timeoutMs);
  });
  try {
    return await Promise.race([child.exited, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** An admin token for the deployment under DATA_DIR, as `npm run --silent token -- --role admin` prints. */
async function adminToken(dataDir: string): Promise<string> {
  return issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'process-test', days: 1 });
}

async function post(url: string, token: string, operationName: Parameters<typeof op>[0], variables: Record<string, unknown>) {
  const operation = op(operationName);
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify({ query: operation.document, operationName: operation.operationName, variables }),
  });
  return { status: response.status, body: (await response.json()) as { data?: any; errors?: { message: string; extensions?: Record<string, unknown> }[] } };
}

const centreInput = { name: 'Klub Dobro susedstvo Vranje', municipality: 'Vranje', district: 'Pčinjski' };

// =============================================================================================

describe('the server process', () => {
  it('given development, when it starts, then it prints where to open it and GET /graphql with accept text/html serves GraphiQL', async () => {
    const child = spawnServer({ PORT: '0', DATA_DIR: tempDir() });
    const deadline = Date.now() + 20_000;
    let match: RegExpExecArray | null = null;
    while (!(match = /centre-ledger: open (http:\/\/localhost:(\d+)\/graphql)/.exec(child.output.stdout)) && Date.now() < deadline && !child.exit) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(match, `no "open" line; stderr:\n${child.output.stderr}`).not.toBeNull();
    const port = Number(match![2]);
    expect(port).toBeGreaterThan(0);

    const response = await fetch(`http://127.0.0.1:${port}/graphql`, { headers: { accept: 'text/html' } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/text\/html/);
    const html = await response.text();
    expect(html).toMatch(/<html/i);
    expect(html).toMatch(/graphiql/i);
  });

  it('given NODE_ENV=production, when GET /graphql asks for HTML, then no GraphiQL is served', async () => {
    const { child, url } = await startServing({ DATA_DIR: tempDir(), NODE_ENV: 'production' });
    const response = await fetch(url, { headers: { accept: 'text/html' } });
    const body = await response.text();
    expect(body).not.toMatch(/graphiql/i);
    expect(child.output.stdout).not.toMatch(/centre-ledger: open/);
  });

  it('given a running server, when a contract mutation and query are sent, then they work', async () => {
    const dataDir = tempDir();
    const { url } = await startServing({ DATA_DIR: dataDir });
    const token = await adminToken(dataDir);
    const opened = await post(url, token, 'OpenCentre', { input: centreInput });
    expect(opened.body.errors).toBeUndefined();
    expect(opened.status).toBe(200);
    expect(opened.body.data.openCentre.centre).toEqual({ id: expect.any(String), ...centreInput });
    expect(opened.body.data.openCentre.position).toMatch(/^\d+$/);

    const dashboard = await post(url, token, 'CentreDashboard', { id: opened.body.data.openCentre.centre.id });
    expect(dashboard.body.errors).toBeUndefined();
    expect(dashboard.body.data.centre.summary.workshopsHeld).toBe(0);
  });

  it('given a running server, when a mutation comes without a token, then it is UNAUTHENTICATED and nothing is stored', async () => {
    const dataDir = tempDir();
    const { url } = await startServing({ DATA_DIR: dataDir });
    const operation = op('OpenCentre');
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify({ query: operation.document, operationName: operation.operationName, variables: { input: centreInput } }),
    });
    const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    expect((db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n).toBe(0);
    db.close();
  });

  it('given a running server with data, when it gets SIGTERM, then it exits with code 0 within a few seconds and the data is there on the next start', async () => {
    const dataDir = tempDir();
    const first = await startServing({ DATA_DIR: dataDir });
    const token = await adminToken(dataDir);
    const opened = await post(first.url, token, 'OpenCentre', { input: centreInput });
    const centreId = opened.body.data.openCentre.centre.id as string;
    const participant = await post(first.url, token, 'RegisterParticipant', {
      input: { centreId, givenName: 'Amina', familyName: 'Krasniqi', sex: 'FEMALE', birthYear: 2014, group: 'RETURNEE' },
    });
    expect(participant.body.errors).toBeUndefined();
    const before = await post(first.url, token, 'ProgrammeDashboard', {});

    first.child.process.kill('SIGTERM');
    expect(await exitWithin(first.child, 5_000)).toEqual({ code: 0, signal: null });

    const db = new Database(join(dataDir, 'events.db'), { readonly: true, fileMustExist: true });
    const stored = (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
    db.close();
    expect(stored).toBe(2);

    const second = await startServing({ DATA_DIR: dataDir });
    const after = await post(second.url, token, 'ProgrammeDashboard', {});
    expect(after.body.errors).toBeUndefined();
    expect(after.body.data.centres).toEqual([expect.objectContaining({ id: centreId, name: centreInput.name })]);
    expect(after.body).toEqual(before.body);
    const participation = await post(second.url, token, 'ParticipantParticipation', { id: participant.body.data.registerParticipant.participant.id });
    expect(participation.body.data.participant.code).toBe(participant.body.data.registerParticipant.participant.code);
  });

  it('given a request in flight, when the server gets SIGTERM, then the request is answered and the exit code is 0', async () => {
    const dataDir = tempDir();
    const { child, url } = await startServing({ DATA_DIR: dataDir });
    const inFlight = post(url, await adminToken(dataDir), 'OpenCentre', { input: centreInput });
    await new Promise((resolve) => setTimeout(resolve, 5));
    child.process.kill('SIGTERM');
    const answer = await inFlight.catch((error: Error) => error);
    // Either it was answered, or it never reached the server before it stopped listening.
    if (!(answer instanceof Error)) expect(answer.body.errors).toBeUndefined();
    expect(await exitWithin(child, 5_000)).toEqual({ code: 0, signal: null });
  });
});

describe('bad configuration', () => {
  it.each([
    ['PORT', 'abc'],
    ['PORT', '70000'],
    ['TZ', 'Mars/Olympus'],
    ['LOG_LEVEL', 'chatty'],
    ['SQLITE_SYNCHRONOUS', 'OFF'],
    ['READ_YOUR_WRITES_TIMEOUT_MS', 'soon'],
    ['VIEWS_THREAD', 'maybe'],
  ])('given %s=%s, when the server starts, then it exits non-zero with a message naming the variable', async (variable, value) => {
    const dataDir = tempDir();
    const child = spawnServer({ PORT: '0', DATA_DIR: dataDir, [variable]: value });
    const exit = await exitWithin(child, 20_000);
    const why = `${JSON.stringify(exit)}\n${child.output.stderr}`;
    expect(exit.signal, why).toBeNull();
    expect(exit.code, why).not.toBe(0);
    expect(child.output.stderr).toContain(variable);
    expect(child.output.stdout).not.toMatch(/centre-ledger: open/);
    expect(existsSync(join(dataDir, 'events.db')), 'a bad configuration created the event log').toBe(false);
  });
});

describe('a foreign file where the event log belongs', () => {
  it('given a text file at DATA_DIR/events.db, when the server starts, then it fails with a clear message and leaves the file byte-identical', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'events.db');
    writeFileSync(file, 'Spisak korisnika, mart 2025: this is somebody else\u2019s file, not an event log.\n');
    const original = readFileSync(file);

    const child = spawnServer({ PORT: '0', DATA_DIR: dataDir });
    const exit = await exitWithin(child, 20_000);
    expect(exit.code, child.output.stderr).not.toBe(0);
    expect(child.output.stderr).toContain('events.db');
    expect(child.output.stderr).toMatch(/not a centre-ledger event log|cannot be opened as a centre-ledger event log/);
    expect(child.output.stderr).toMatch(/left untouched/);
    expect(readFileSync(file).equals(original)).toBe(true);
  });

  it('given another application\u2019s SQLite database at DATA_DIR/events.db, when the server starts, then it fails with a clear message and leaves the file byte-identical', async () => {
    const dataDir = tempDir();
    const file = join(dataDir, 'events.db');
    const foreign = new Database(file);
    foreign.exec(`CREATE TABLE patients (id INTEGER PRIMARY KEY, name TEXT); INSERT INTO patients (name) VALUES ('Milan'), ('Vesna');`);
    foreign.close();
    const original = readFileSync(file);

    const child = spawnServer({ PORT: '0', DATA_DIR: dataDir });
    const exit = await exitWithin(child, 20_000);
    expect(exit.code, child.output.stderr).not.toBe(0);
    expect(child.output.stderr).toContain('events.db');
    expect(child.output.stderr).toMatch(/not a centre-ledger event log/);
    expect(child.output.stderr).toMatch(/left untouched/);
    expect(readFileSync(file).equals(original)).toBe(true);
    expect(existsSync(`${file}-wal`)).toBe(false);
  });
});

describe('an event store that cannot be reached', () => {
  it('given KURRENTDB_CONNECTION_STRING pointing at a port where nothing answers, when the server starts, then within 10 s it exits non-zero naming the server but not the password', async () => {
    // Held for the whole test, so no other test's server can take the port; every connection is dropped.
    const deadEnd = createServer((socket) => socket.destroy());
    await new Promise<void>((resolve) => deadEnd.listen(0, '127.0.0.1', resolve));
    onTestFinished(() => new Promise<void>((resolve) => deadEnd.close(() => resolve())));
    const address = deadEnd.address();
    const closedPort = typeof address === 'object' && address ? address.port : 0;
    const dataDir = tempDir();
    const started = Date.now();
    const child = spawnServer({
      PORT: '0',
      DATA_DIR: dataDir,
      KURRENTDB_CONNECTION_STRING: `kurrentdb://admin:s3cret-pass@127.0.0.1:${closedPort}?tls=false`,
    });
    const exit = await exitWithin(child, 15_000);
    const output = `${child.output.stdout}\n${child.output.stderr}`;
    expect(Date.now() - started, output).toBeLessThan(10_000);
    expect(exit, output).toMatchObject({ signal: null });
    expect(exit.code, output).not.toBe(0);
    expect(output).toContain(`127.0.0.1:${closedPort}`);
    expect(output).not.toContain('s3cret-pass');
  });
});

describe('logs', () => {
  it('given LOG_LEVEL=trace, when a participant is registered, refused and read, then no log line holds their names or the token', async () => {
    const dataDir = tempDir();
    const { child, url } = await startServing({ DATA_DIR: dataDir, LOG_LEVEL: 'trace' });
    const token = await adminToken(dataDir);
    const opened = await post(url, token, 'OpenCentre', { input: centreInput });
    const centreId = opened.body.data.openCentre.centre.id;
    const person = { centreId, givenName: 'Ajlatrejs', familyName: 'Mehmedovićka', sex: 'FEMALE', birthYear: 2013, group: 'RETURNEE' };
    const registered = await post(url, token, 'RegisterParticipant', { input: person });
    expect(registered.body.errors).toBeUndefined();
    // A refused one too: errors are a common way for input to reach a log.
    const refused = await post(url, token, 'RegisterParticipant', { input: { ...person, birthYear: 1800 } });
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: '{"query": "{ participant(id: ' });
    const logs = `${child.output.stdout}\n${child.output.stderr}`;
    expect(logs).toMatch(/"level":/);
    expect(logs).not.toContain('Ajlatrejs');
    expect(logs).not.toContain('Mehmedovi');
    expect(logs).not.toContain(token);
    expect(logs).not.toContain(token.split('.')[2]!);
  });
});
