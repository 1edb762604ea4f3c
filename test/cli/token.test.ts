import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import { createTokenVerifier, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
function temporaryDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-token-cli-'));
  dirs.push(dir);
  return dir;
}

/** Runs the CLI as an operator would, with only DATA_DIR (and optionally AUTH_SECRET) set. */
function runToken(args: string[], env: Record<string, string> = {}) {
  const { AUTH_SECRET: _secret, AUTH_JWKS_URL: _jwks, DATA_DIR: _dir, ...inherited } = process.env;
  const result = spawnSync('npx', ['tsx', 'src/cli/token.ts', ...args], {
    cwd: process.cwd(),
    env: { ...inherited, ...env },
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

const verifyWithSecretOf = (dataDir: string, token: string, authSecret?: string): Promise<Actor> =>
  createTokenVerifier({ mode: 'local', secret: loadOrCreateLocalSecret(dataDir, authSecret) }).verify(`Bearer ${token}`);

describe('npm run token', () => {
  it('given a fresh DATA_DIR, when a staff token for two centres is printed, then stdout is one line the verifier accepts', async () => {
    const dataDir = temporaryDir();
    const { status, stdout } = runToken(['--role', 'staff', '--centre', 'c1', '--centre', 'c2', '--user', 'jelena'], { DATA_DIR: dataDir });
    expect(status).toBe(0);
    const lines = stdout.split('\n').filter(Boolean);
    expect(lines).toHaveLength(1);
    expect(await verifyWithSecretOf(dataDir, lines[0]!)).toEqual<Actor>({ userId: 'jelena', role: 'staff', centreIds: ['c1', 'c2'] });
  });

  it('given a volunteer id, when a volunteer token is printed, then it speaks for that volunteer', async () => {
    const dataDir = temporaryDir();
    const { status, stdout } = runToken(['--role', 'volunteer', '--volunteer', 'v42', '--days', '3'], { DATA_DIR: dataDir });
    expect(status).toBe(0);
    const actor = await verifyWithSecretOf(dataDir, stdout.trim());
    expect(actor).toMatchObject({ role: 'volunteer', volunteerId: 'v42' });
    const { exp } = JSON.parse(Buffer.from(stdout.trim().split('.')[1]!, 'base64url').toString()) as { exp: number };
    expect(exp - Date.now() / 1000).toBeGreaterThan(3 * 86_400 - 120);
    expect(exp - Date.now() / 1000).toBeLessThanOrEqual(3 * 86_400 + 1);
  });

  it('given AUTH_SECRET, when a token is printed, then it is signed with AUTH_SECRET, not a file secret', async () => {
    const dataDir = temporaryDir();
    const authSecret = 'an-operator-chosen-secret-of-32-bytes+';
    const { status, stdout } = runToken(['--role', 'admin'], { DATA_DIR: dataDir, AUTH_SECRET: authSecret });
    expect(status).toBe(0);
    expect((await verifyWithSecretOf(temporaryDir(), stdout.trim(), authSecret)).role).toBe('admin');
    await expect(verifyWithSecretOf(dataDir, stdout.trim())).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it.each([
    ['an unknown role', ['--role', 'superuser'], /unknown role "superuser"/],
    ['no role', ['--centre', 'c1'], /--role is required/],
    ['a staff role without a centre', ['--role', 'staff'], /staff token needs at least one --centre/],
    ['a legal role without a centre', ['--role', 'legal'], /legal token needs at least one --centre/],
    ['a volunteer role without a volunteer', ['--role', 'volunteer'], /volunteer token needs --volunteer/],
    ['days that are not a number', ['--role', 'admin', '--days', 'many'], /--days must be a whole number/],
    ['zero days', ['--role', 'admin', '--days', '0'], /--days must be a whole number/],
    ['an unknown option', ['--role', 'admin', '--forever'], /Unknown option '--forever'/],
  ])('given %s, when the CLI runs, then it exits 2 with a message on stderr and prints no token', (_case, args, message) => {
    const { status, stdout, stderr } = runToken(args, { DATA_DIR: temporaryDir() });
    expect(status).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(message);
    expect(stderr).toMatch(/usage: token --role/);
  });
});
