import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/** Runs the CLI as an operator would, without DATA_DIR in the environment. */
function runRebuild(args: string[]) {
  const { DATA_DIR: _dir, ...inherited } = process.env;
  const result = spawnSync('npx', ['tsx', 'src/cli/rebuild.ts', ...args], {
    cwd: process.cwd(),
    env: { ...inherited, TZ: 'Europe/Belgrade', LOG_LEVEL: 'warn' },
    encoding: 'utf8',
    timeout: 60_000,
  });
  return { status: result.status, stderr: result.stderr };
}

describe('npm run rebuild', () => {
  let server: TestServer;
  let logCopy: string;
  beforeAll(async () => {
    server = await startServer();
    const opened = await server.gql(`mutation { openCentre(input: { name: "Centar Vranje", municipality: "Vranje", district: "Pčinjski" }) { centre { id } } }`);
    expect(opened.body.errors).toBeUndefined();
    // The log of a stopped server: its file and its WAL, nothing in flight.
    logCopy = mkdtempSync(join(tmpdir(), 'centre-ledger-rebuild-cli-'));
    for (const name of ['events.db', 'events.db-wal', 'auth-secret']) {
      if (existsSync(join(server.dataDir, name))) copyFileSync(join(server.dataDir, name), join(logCopy, name));
    }
  });
  afterAll(async () => {
    await server?.close();
    if (logCopy) rmSync(logCopy, { recursive: true, force: true });
  });

  it('given a mistyped option, when the rebuild starts, then it stops with the usage and builds nothing', () => {
    const { status, stderr } = runRebuild(['--data-dri', logCopy]);
    expect(status).toBe(2);
    expect(stderr).toContain('--data-dri');
    expect(stderr).toContain('usage: npm run rebuild');
    expect(existsSync(join(logCopy, 'views.db'))).toBe(false);
  });

  it('given --data-dir, when the rebuild runs, then that folder has views of its whole log', () => {
    const { status, stderr } = runRebuild(['--data-dir', logCopy]);
    expect(status, stderr).toBe(0);
    const events = new Database(join(logCopy, 'events.db'), { readonly: true });
    const views = new Database(join(logCopy, 'views.db'), { readonly: true });
    try {
      const head = events.prepare(`SELECT max(position) FROM events`).pluck().get() as number;
      const checkpoint = views.prepare(`SELECT value FROM views_meta WHERE key = 'checkpoint'`).pluck().get() as string;
      expect(head).toBeGreaterThan(0);
      expect(checkpoint).toBe(String(head));
    } finally {
      events.close();
      views.close();
    }
  });
});
