import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Limits on failed sign-ins over real HTTP (src/accounts/throttle.ts): failures are limited per
 * user name and client address and per address, so a stranger failing sign-ins under someone's
 * name does not lock them out elsewhere; a generous ceiling per name is the last resort. The
 * server runs with TRUST_PROXY=true and the test plays the proxy, which appends the address it
 * saw to X-Forwarded-For; one server without it checks that the header is then ignored.
 * The accounts' clock stands still unless a test moves it: password checks on a loaded machine
 * can take longer than the first one-second back-off, which must not expire between two requests.
 */

const PASSWORD = 'dobra duga lozinka';
const WRONG = 'not the password at all';

const ATTACKER = '203.0.113.66';
const OFFICE = '198.51.100.20';

interface Answer {
  status: number;
  retryAfter: string | null;
  code: string | undefined;
  cookie: boolean;
}

async function login(server: TestServer, username: string, password: string, forwardedFor?: string): Promise<Answer> {
  const response = await fetch(`${server.origin}/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(forwardedFor ? { 'x-forwarded-for': forwardedFor } : {}) },
    body: JSON.stringify({ username, password }),
  });
  const body = (await response.json()) as { errors?: { extensions?: { code?: string } }[] };
  return {
    status: response.status,
    retryAfter: response.headers.get('retry-after'),
    code: body.errors?.[0]?.extensions?.code,
    cookie: response.headers.get('set-cookie')?.startsWith('cl_session=') ?? false,
  };
}

async function account(server: TestServer, username: string) {
  const created = await fetch(`${server.origin}/auth/users`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ username, role: 'coordinator' }),
  });
  const { token } = (await created.json()) as { token: string };
  const setup = await fetch(`${server.origin}/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) });
  expect(setup.status).toBe(200);
}

let clock = Date.now();
const accountsClock = () => clock;

const times = (n: number, run: (i: number) => Promise<Answer>) => Promise.all(Array.from({ length: n }, (_, i) => run(i)));

describe('behind a proxy (TRUST_PROXY=true): limits per name and address, per address, and per name', () => {
  let server: TestServer;
  beforeAll(async () => {
    process.env.TRUST_PROXY = 'true';
    try {
      server = await startServer({ accountsClock });
    } finally {
      delete process.env.TRUST_PROXY;
    }
    for (const name of ['ana.staff', 'milica.coord', 'jelena.admin', 'marko.vol']) await account(server, name);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('given a stranger failed five times for a name, when they try again, then 429 TOO_MANY_ATTEMPTS with Retry-After, while the owner signs in from elsewhere', async () => {
    const failures = await times(5, () => login(server, 'ana.staff', WRONG, ATTACKER));
    expect(failures.map((one) => one.status)).toEqual([401, 401, 401, 401, 401]);

    // Refused before the password is looked at: even the right one.
    const refused = await login(server, 'ana.staff', PASSWORD, ATTACKER);
    expect(refused).toEqual({ status: 429, retryAfter: '1', code: 'TOO_MANY_ATTEMPTS', cookie: false });

    // The owner, from the office, is not locked out.
    const owner = await login(server, 'Ana.Staff', PASSWORD, OFFICE);
    expect(owner).toMatchObject({ status: 200, cookie: true });

    // Once Retry-After has passed, that address may try again.
    clock += 1_100;
    expect(await login(server, 'ana.staff', PASSWORD, ATTACKER)).toMatchObject({ status: 200, cookie: true });
  });

  it('given the client writes its own X-Forwarded-For entries, when the proxy appends the real address, then only that one counts', async () => {
    await times(5, (i) => login(server, 'jelena.admin', WRONG, `10.9.8.${i}, ${ATTACKER}`));
    const again = await login(server, 'jelena.admin', WRONG, `10.9.8.99, ${ATTACKER}`);
    expect(again).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(await login(server, 'jelena.admin', PASSWORD, '10.9.8.99')).toMatchObject({ status: 200 });
  });

  it('given one address failed once for each of 30 names, when it tries another name, then 429; another address is answered as usual', async () => {
    const spraying = '192.0.2.44';
    const failures = await times(30, (i) => login(server, `guess${i}`, WRONG, spraying));
    expect(failures.every((one) => one.status === 401)).toBe(true);
    const refused = await login(server, 'marko.vol', PASSWORD, spraying);
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(await login(server, 'marko.vol', PASSWORD, OFFICE)).toMatchObject({ status: 200, cookie: true });
  });

  it('given 100 failures for one name from 20 addresses, when its owner signs in from a new address, then the last-resort ceiling refuses, and only for that name', async () => {
    const failures = await times(100, (i) => login(server, 'milica.coord', WRONG, `198.18.${Math.floor(i / 5)}.1`));
    expect(failures.every((one) => one.status === 401)).toBe(true);
    const refused = await login(server, 'milica.coord', PASSWORD, OFFICE);
    expect(refused).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS' });
    // The window drains: 100 an hour, so about half a minute for one more attempt.
    expect(Number(refused.retryAfter)).toBeGreaterThan(0);
    expect(Number(refused.retryAfter)).toBeLessThanOrEqual(36);
    expect(await login(server, 'ana.staff', PASSWORD, '198.18.0.1')).toMatchObject({ status: 200 });
    // A hundred password checks, each as slow as it is meant to be.
  }, 120_000);
});

describe('without TRUST_PROXY', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer({ accountsClock });
    await account(server, 'ana.staff');
  });
  afterAll(async () => {
    await server?.close();
  });

  it('given a client that sends a new X-Forwarded-For with each attempt, when it keeps failing, then it is still one address and is refused', async () => {
    await times(5, (i) => login(server, 'ana.staff', WRONG, `10.0.0.${i}`));
    expect(await login(server, 'ana.staff', WRONG, '10.0.0.200')).toMatchObject({ status: 429, code: 'TOO_MANY_ATTEMPTS', retryAfter: '1' });
  });
});
