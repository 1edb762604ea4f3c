import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACCOUNT_STORE_APPLICATION_ID, openAccounts, type Accounts } from '../../src/accounts/accounts.js';
import { cookieValue, sessionOrBearer } from '../../src/accounts/authenticate.js';
import type { TokenVerifier } from '../../src/auth/tokens.js';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const PASSWORD = 'dobra duga lozinka';

let dataDir: string;
let accounts: Accounts;
let clock: number;

const open = () =>
  openAccounts({
    dataDir,
    now: () => clock,
    exists: { centre: (id) => id.startsWith('centre-'), volunteer: (id) => id.startsWith('volunteer-') },
    settings: { scrypt: { logN: 10, r: 8, p: 1 } },
  });

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'centre-ledger-accounts-'));
  clock = Date.parse('2026-11-23T10:00:00Z');
  accounts = open();
});

afterEach(async () => {
  accounts.close();
  await rm(dataDir, { recursive: true, force: true });
});

const codeOf = async (promise: Promise<unknown> | (() => unknown)) => {
  try {
    await (typeof promise === 'function' ? promise() : promise);
  } catch (error) {
    return (error as { code?: string }).code;
  }
  return 'no error';
};

async function userWithPassword(username: string, role = 'staff', scope: Record<string, unknown> = { centreIds: ['centre-a'] }) {
  const link = accounts.createUser({ username, role, ...scope });
  await accounts.completeSetup(link.token, PASSWORD);
  return link.user;
}

describe('the first admin', () => {
  it('gets a one-time link on the first start, never a default password', async () => {
    const link = accounts.bootstrap();
    expect(link).not.toBeNull();
    expect(link!.user).toMatchObject({ username: 'admin', role: 'admin', passwordSet: false, active: true });
    expect(link!.token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Date.parse(link!.expiresAt) - clock).toBe(72 * HOUR);
    // No password works for an account that has none.
    for (const guess of ['admin', '', 'password', 'changeme', 'admin123456']) expect(await codeOf(accounts.signIn('admin', guess))).toBe('UNAUTHENTICATED');
  });

  it('gets a new link at each start until the password is set, and the earlier link stops working', async () => {
    const first = accounts.bootstrap()!;
    const second = accounts.bootstrap()!;
    expect(second.token).not.toBe(first.token);
    expect(accounts.users()).toHaveLength(1);
    expect(await codeOf(accounts.completeSetup(first.token, PASSWORD))).toBe('UNAUTHENTICATED');
    const signedIn = await accounts.completeSetup(second.token, PASSWORD);
    expect(signedIn.session.actor).toMatchObject({ role: 'admin', centreIds: [] });
    expect(accounts.bootstrap()).toBeNull();
  });

  it('link works once only', async () => {
    const link = accounts.bootstrap()!;
    await accounts.completeSetup(link.token, PASSWORD);
    expect(await codeOf(accounts.completeSetup(link.token, 'another long password'))).toBe('UNAUTHENTICATED');
    expect(await codeOf(accounts.signIn('admin', 'another long password'))).toBe('UNAUTHENTICATED');
    expect((await accounts.signIn('admin', PASSWORD)).session.user.username).toBe('admin');
  });

  it('link expires after 72 hours', async () => {
    const link = accounts.bootstrap()!;
    clock += 72 * HOUR + 1;
    expect(await codeOf(accounts.completeSetup(link.token, PASSWORD))).toBe('UNAUTHENTICATED');
  });

  it('must choose a password of at least 10 characters', async () => {
    const link = accounts.bootstrap()!;
    expect(await codeOf(accounts.completeSetup(link.token, 'short'))).toBe('BAD_USER_INPUT');
    // The refused attempt did not use the link up.
    await accounts.completeSetup(link.token, PASSWORD);
  });
});

describe('accounts.db', () => {
  it('keeps only hashes of passwords, links and session tokens', async () => {
    const link = accounts.createUser({ username: 'ana.staff', role: 'staff', centreIds: ['centre-a'] });
    const signedIn = await accounts.completeSetup(link.token, PASSWORD);
    const second = accounts.resetPassword(link.user.id);
    accounts.close();
    const raw = ['accounts.db', 'accounts.db-wal'].map((file) => {
      try {
        return readFileSync(join(dataDir, file)).toString('latin1');
      } catch {
        return '';
      }
    });
    for (const secret of [PASSWORD, signedIn.sessionToken, link.token, second.token]) expect(raw.join('')).not.toContain(secret);
    accounts = open();
  });

  it('is marked with its own application id, and a foreign SQLite file is refused untouched', async () => {
    accounts.close();
    const db = new Database(join(dataDir, 'accounts.db'), { readonly: true });
    expect(db.pragma('application_id', { simple: true })).toBe(ACCOUNT_STORE_APPLICATION_ID);
    db.close();
    const other = await mkdtemp(join(tmpdir(), 'centre-ledger-foreign-'));
    const foreign = new Database(join(other, 'accounts.db'));
    foreign.exec('CREATE TABLE something (x)');
    foreign.close();
    expect(() => openAccounts({ dataDir: other })).toThrow(/not a centre-ledger account store/);
    await rm(other, { recursive: true, force: true });
    await writeFile(join(dataDir, 'ignored'), '');
    accounts = open();
  });
});

describe('user administration', () => {
  it('gives each role the scope a token of that role would have', async () => {
    const staff = accounts.createUser({ username: 'ana.staff', role: 'staff', centreIds: ['centre-a', 'centre-b', 'centre-a'], volunteerId: 'volunteer-x' });
    expect(staff.user).toMatchObject({ role: 'staff', centreIds: ['centre-a', 'centre-b'], volunteerId: null, passwordSet: false });
    const volunteer = accounts.createUser({ username: 'marko', role: 'volunteer', volunteerId: 'volunteer-1', centreIds: ['centre-a'] });
    expect(volunteer.user).toMatchObject({ role: 'volunteer', centreIds: [], volunteerId: 'volunteer-1' });
    const coordinator = accounts.createUser({ username: 'milica', role: 'coordinator', centreIds: ['centre-a'] });
    expect(coordinator.user).toMatchObject({ role: 'coordinator', centreIds: [] });
    const signedIn = await accounts.completeSetup(volunteer.token, PASSWORD);
    expect(signedIn.session.actor).toEqual({ userId: `account:${volunteer.user.id}`, role: 'volunteer', centreIds: [], volunteerId: 'volunteer-1' });
  });

  it('refuses incomplete or wrong accounts with the field named', () => {
    const refusal = (input: Record<string, unknown>) => {
      try {
        accounts.createUser({ username: 'someone', role: 'staff', ...input } as never);
        return 'created';
      } catch (error) {
        return `${(error as { code: string }).code} ${(error as { field?: string }).field}`;
      }
    };
    expect(refusal({ centreIds: [] })).toBe('BAD_USER_INPUT centreIds');
    expect(refusal({ role: 'legal' })).toBe('BAD_USER_INPUT centreIds');
    expect(refusal({ role: 'volunteer' })).toBe('BAD_USER_INPUT volunteerId');
    expect(refusal({ role: 'superuser' })).toBe('BAD_USER_INPUT role');
    expect(refusal({ centreIds: 'centre-a' })).toBe('BAD_USER_INPUT centreIds');
    expect(refusal({ centreIds: ['nowhere'] })).toBe('NOT_FOUND centreIds');
    expect(refusal({ role: 'volunteer', volunteerId: 'nobody' })).toBe('NOT_FOUND volunteerId');
    expect(refusal({ username: 'Ana Staff', centreIds: ['centre-a'] })).toBe('BAD_USER_INPUT username');
    expect(refusal({ username: 'x', centreIds: ['centre-a'] })).toBe('BAD_USER_INPUT username');
    expect(refusal({ centreIds: ['centre-a'] })).toBe('created');
    expect(refusal({ username: 'SOMEONE', centreIds: ['centre-a'] })).toBe('CONFLICT username');
  });

  it('resetting a password ends the sessions, forgets the password and gives a new one-time link', async () => {
    const link = accounts.createUser({ username: 'ana.staff', role: 'staff', centreIds: ['centre-a'] });
    const signedIn = await accounts.completeSetup(link.token, PASSWORD);
    const reset = accounts.resetPassword(link.user.id);
    expect(accounts.session(signedIn.sessionToken)).toBeUndefined();
    expect(await codeOf(accounts.signIn('ana.staff', PASSWORD))).toBe('UNAUTHENTICATED');
    expect(accounts.user(link.user.id)!.passwordSet).toBe(false);
    await accounts.completeSetup(reset.token, 'a brand new password');
    expect((await accounts.signIn('ana.staff', 'a brand new password')).session.user.username).toBe('ana.staff');
  });

  it('a deactivated user cannot sign in and their sessions end; activated again, they can', async () => {
    const user = await userWithPassword('ana.staff');
    const signedIn = await accounts.signIn('ana.staff', PASSWORD);
    accounts.setActive(user.id, false);
    expect(accounts.session(signedIn.sessionToken)).toBeUndefined();
    expect(await codeOf(accounts.signIn('ana.staff', PASSWORD))).toBe('UNAUTHENTICATED');
    accounts.setActive(user.id, true);
    expect((await accounts.signIn('ana.staff', PASSWORD)).session.actor.role).toBe('staff');
  });

  it('keeps an active admin: the last one cannot be deactivated or demoted, nor can an admin deactivate themselves', async () => {
    const link = accounts.bootstrap()!;
    const admin = (await accounts.completeSetup(link.token, PASSWORD)).session;
    expect(await codeOf(() => accounts.setActive(admin.user.id, false))).toBe('CONFLICT');
    expect(await codeOf(() => accounts.updateUser(admin.user.id, { role: 'coordinator' }))).toBe('CONFLICT');
    const second = accounts.createUser({ username: 'jelena', role: 'admin' });
    expect(await codeOf(() => accounts.setActive(admin.user.id, false, admin.actor))).toBe('CONFLICT');
    expect(accounts.setActive(second.user.id, false, admin.actor).active).toBe(false);
  });

  it('a change of role or centres applies to open sessions at once', async () => {
    const user = await userWithPassword('ana.staff');
    const signedIn = await accounts.signIn('ana.staff', PASSWORD);
    accounts.updateUser(user.id, { role: 'staff', centreIds: ['centre-b'] });
    expect(accounts.session(signedIn.sessionToken)!.actor.centreIds).toEqual(['centre-b']);
  });
});

describe('sessions', () => {
  it('sign-in with a wrong password, an unknown name or an inactive account gives one answer', async () => {
    await userWithPassword('ana.staff');
    const messages = new Set<string>();
    for (const [name, password] of [
      ['ana.staff', 'wrong password!'],
      ['nobody', PASSWORD],
    ]) {
      try {
        await accounts.signIn(name, password);
      } catch (error) {
        messages.add((error as Error).message);
      }
    }
    expect([...messages]).toEqual(['the user name or password is not right']);
  });

  it('backs off one address for one name after repeated failures, even with the right password, but not another address', async () => {
    await userWithPassword('ana.staff');
    for (let i = 0; i < 5; i++) await codeOf(accounts.signIn('ana.staff', 'wrong password!', '203.0.113.7'));
    await expect(accounts.signIn('Ana.Staff', PASSWORD, '203.0.113.7')).rejects.toMatchObject({ code: 'TOO_MANY_ATTEMPTS', retryAfterSeconds: 1 });
    expect((await accounts.signIn('ana.staff', PASSWORD, '198.51.100.20')).session.user.username).toBe('ana.staff');
    clock += 1_000;
    expect((await accounts.signIn('ana.staff', PASSWORD, '203.0.113.7')).session.user.username).toBe('ana.staff');
  });

  it('end after 7 idle days; each use renews that', async () => {
    await userWithPassword('ana.staff');
    const idle = await accounts.signIn('ana.staff', PASSWORD);
    const busy = await accounts.signIn('ana.staff', PASSWORD);
    clock += 6 * DAY;
    expect(accounts.session(busy.sessionToken)).toBeDefined();
    clock += DAY + 1;
    expect(accounts.session(idle.sessionToken)).toBeUndefined();
    expect(accounts.session(busy.sessionToken)).toBeDefined();
  });

  it('a session used every day still ends 30 days after sign-in', async () => {
    await userWithPassword('ana.staff');
    const signedIn = await accounts.signIn('ana.staff', PASSWORD);
    for (let day = 1; day < 30; day++) {
      clock += DAY;
      expect(accounts.session(signedIn.sessionToken)).toBeDefined();
    }
    clock += DAY + 1;
    expect(accounts.session(signedIn.sessionToken)).toBeUndefined();
  });

  it('each session has its own CSRF token, compared exactly', async () => {
    await userWithPassword('ana.staff');
    const one = await accounts.signIn('ana.staff', PASSWORD);
    const two = await accounts.signIn('ana.staff', PASSWORD);
    expect(one.session.csrfToken).not.toBe(two.session.csrfToken);
    expect(accounts.csrfMatches(one.session, one.session.csrfToken)).toBe(true);
    expect(accounts.csrfMatches(one.session, two.session.csrfToken)).toBe(false);
    expect(accounts.csrfMatches(one.session, undefined)).toBe(false);
    expect(accounts.csrfMatches(one.session, `${one.session.csrfToken}x`)).toBe(false);
  });

  it('signing out ends the session', async () => {
    await userWithPassword('ana.staff');
    const signedIn = await accounts.signIn('ana.staff', PASSWORD);
    accounts.signOut(signedIn.sessionToken);
    expect(accounts.session(signedIn.sessionToken)).toBeUndefined();
  });
});

describe('authenticating a request: the session cookie, else the bearer token', () => {
  const bearerActor = { userId: 'from-token', role: 'coordinator' as const, centreIds: [] };
  const verifier: TokenVerifier = {
    async verify(header) {
      if (header === 'Bearer good') return bearerActor;
      throw Object.assign(new Error('no Authorization header was sent'), { code: 'UNAUTHENTICATED', domain: true });
    },
  };
  const request = (method: string, headers: Record<string, string>) => new Request('http://localhost/graphql', { method, headers });

  it('gives the session user for GET, and for POST only with the session CSRF header', async () => {
    await userWithPassword('ana.staff');
    const { sessionToken, session } = await accounts.signIn('ana.staff', PASSWORD);
    const authenticate = sessionOrBearer(accounts, verifier);
    const cookie = `theme=dark; cl_session=${sessionToken}`;
    expect((await authenticate(request('GET', { cookie }))).role).toBe('staff');
    expect((await authenticate(request('POST', { cookie, 'x-csrf-token': session.csrfToken }))).role).toBe('staff');
    await expect(authenticate(request('POST', { cookie }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    await expect(authenticate(request('POST', { cookie, 'x-csrf-token': 'forged' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    // A forged cross-site POST is refused even if it also carries a token: the cookie's session decides.
    await expect(authenticate(request('POST', { cookie, authorization: 'Bearer good' }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('falls back to the bearer token without a valid cookie', async () => {
    const authenticate = sessionOrBearer(accounts, verifier);
    expect(await authenticate(request('POST', { authorization: 'Bearer good' }))).toBe(bearerActor);
    expect(await authenticate(request('POST', { cookie: 'cl_session=stale', authorization: 'Bearer good' }))).toBe(bearerActor);
    await expect(authenticate(request('POST', { cookie: 'cl_session=stale' }))).rejects.toThrow(/session has ended/);
    await expect(authenticate(request('POST', {}))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('reads bearer tokens only when local accounts are off (identity provider)', async () => {
    await userWithPassword('ana.staff');
    const { sessionToken } = await accounts.signIn('ana.staff', PASSWORD);
    const authenticate = sessionOrBearer(undefined, verifier);
    await expect(authenticate(request('GET', { cookie: `cl_session=${sessionToken}` }))).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
  });

  it('parses cookies', () => {
    expect(cookieValue('a=1; cl_session=abc; b=2', 'cl_session')).toBe('abc');
    expect(cookieValue('xcl_session=abc', 'cl_session')).toBeUndefined();
    expect(cookieValue(null, 'cl_session')).toBeUndefined();
  });
});
