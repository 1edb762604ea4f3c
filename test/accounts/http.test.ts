import { uniqueFamilyName } from '../support/names.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildWebIfStale } from '../../web/build.js';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Sessions, CSRF and user administration over real HTTP, through the same composition as npm start:
 * the cookie is the session's user under the API's own access rules, a cookie without its CSRF
 * header changes nothing, and only admins manage accounts.
 */

const PASSWORD = 'dobra duga lozinka';
let server: TestServer;
let centreA: string;
let centreB: string;

interface Signed {
  cookie: string;
  csrf: string;
  setCookie: string;
}

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function createUser(account: Record<string, unknown>): Promise<{ id: string; token: string }> {
  const response = await post('/auth/users', account, { authorization: `Bearer ${server.token}` });
  expect(response.status).toBe(201);
  const body = (await response.json()) as { user: { id: string }; token: string };
  return { id: body.user.id, token: body.token };
}

async function signIn(username: string, headers: Record<string, string> = {}): Promise<Signed> {
  const response = await post('/auth/login', { username, password: PASSWORD }, headers);
  expect(response.status).toBe(200);
  const setCookie = response.headers.get('set-cookie')!;
  const body = (await response.json()) as { csrfToken: string };
  return { cookie: setCookie.split(';')[0]!, csrf: body.csrfToken, setCookie };
}

async function account(username: string, role: string, scope: Record<string, unknown> = {}) {
  const { id, token } = await createUser({ username, role, ...scope });
  const setup = await post('/auth/setup', { token, password: PASSWORD });
  expect(setup.status).toBe(200);
  return id;
}

const gql = (session: Partial<Signed>, query: string, variables: Record<string, unknown> = {}, method: 'POST' | 'GET' = 'POST') => {
  const headers: Record<string, string> = { ...(session.cookie ? { cookie: session.cookie } : {}), ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}) };
  if (method === 'GET') return fetch(`${server.origin}/graphql?${new URLSearchParams({ query, variables: JSON.stringify(variables) })}`, { headers });
  return fetch(`${server.origin}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ query, variables }) });
};

const openCentre = async (name: string) => {
  const { body } = await server.gql(`mutation ($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`, {
    input: { name, municipality: name, district: 'Raška' },
  });
  return body.data.openCentre.centre.id as string;
};

const registerAt = (centreId: string) => `mutation { registerParticipant(input: { centreId: "${centreId}", givenName: "Lejla", familyName: "${uniqueFamilyName('Ljajić')}", sex: FEMALE, birthYear: 2015, group: RETURNEE }) { participant { id code } } }`;

beforeAll(async () => {
  [server] = await Promise.all([startServer(), buildWebIfStale({ quiet: true })]);
  centreA = await openCentre('Novi Pazar');
  centreB = await openCentre('Tutin');
  await account('ana.staff', 'staff', { centreIds: [centreA] });
  await account('milica.coord', 'coordinator');
});

afterAll(async () => {
  await server?.close();
});

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Strict session cookie, not Secure over plain http', async () => {
    const { setCookie } = await signIn('ana.staff');
    expect(setCookie).toMatch(/^cl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
  });

  it('ignores X-Forwarded-Proto unless TRUST_PROXY=true', async () => {
    const { setCookie } = await signIn('ana.staff', { 'x-forwarded-proto': 'https' });
    expect(setCookie).not.toContain('Secure');
  });

  it('answers a wrong password and an unknown user alike, with 401', async () => {
    const wrong = await post('/auth/login', { username: 'ana.staff', password: 'not the password' });
    const unknown = await post('/auth/login', { username: 'nobody', password: PASSWORD });
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get('set-cookie')).toBeNull();
  });

  it('refuses a cross-site or form-encoded sign-in (login CSRF)', async () => {
    expect((await post('/auth/login', { username: 'ana.staff', password: PASSWORD }, { 'sec-fetch-site': 'cross-site' })).status).toBe(403);
    const form = await fetch(`${server.origin}/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `username=ana.staff&password=${encodeURIComponent(PASSWORD)}`,
    });
    expect(form.status).toBe(415);
  });

  it('tells the page who it is, with the CSRF token, and nothing without a session', async () => {
    const session = await signIn('ana.staff');
    const me = await fetch(`${server.origin}/auth/session`, { headers: { cookie: session.cookie } });
    expect(me.headers.get('cache-control')).toBe('no-store');
    expect(await me.json()).toMatchObject({ mode: 'local', actor: { role: 'staff', centreIds: [centreA] }, user: { username: 'ana.staff' }, csrfToken: session.csrf });
    expect((await fetch(`${server.origin}/auth/session`)).status).toBe(401);
    expect(await (await fetch(`${server.origin}/auth/config`)).json()).toEqual({ mode: 'local' });
  });

  it('signing out ends the session on the server', async () => {
    const session = await signIn('ana.staff');
    const refused = await post('/auth/logout', {}, { cookie: session.cookie });
    expect(refused.status).toBe(401);
    const out = await post('/auth/logout', {}, { cookie: session.cookie, 'x-csrf-token': session.csrf });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await gql(session, '{ viewsPosition }', {}, 'GET')).status).toBe(401);
  });
});

describe('GraphQL with the session cookie', () => {
  it('a POST needs the session CSRF header; without it or with another, nothing is stored', async () => {
    const session = await signIn('ana.staff');
    const before = server.eventCount();
    for (const csrf of [undefined, 'forged', (await signIn('ana.staff')).csrf]) {
      const response = await gql({ cookie: session.cookie, ...(csrf ? { csrf } : {}) }, registerAt(centreA));
      expect(response.status).toBe(401);
      expect(((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code).toBe('UNAUTHENTICATED');
    }
    expect(server.eventCount()).toBe(before);
    const allowed = await gql(session, registerAt(centreA));
    expect(allowed.status).toBe(200);
    expect(((await allowed.json()) as { data: { registerParticipant: { participant: { code: string } } } }).data.registerParticipant.participant.code).toBeTruthy();
  });

  it('a GET query (and a live subscription) needs only the cookie: GET changes nothing', async () => {
    const session = await signIn('milica.coord');
    const response = await gql({ cookie: session.cookie }, '{ summary { attendances } }', {}, 'GET');
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ data: { summary: { attendances: 0 } } });
    const mutation = await gql({ cookie: session.cookie }, registerAt(centreA), {}, 'GET');
    expect(mutation.status).not.toBe(200);
  });

  it('the session user is held to the API access rules: staff of A may not write at B', async () => {
    const session = await signIn('ana.staff');
    const body = (await (await gql(session, registerAt(centreB))).json()) as { errors: { extensions: { code: string } }[] };
    expect(body.errors[0]!.extensions.code).toBe('FORBIDDEN');
  });

  it('a bearer token still works without a cookie, and a stale cookie falls back to it', async () => {
    const response = await fetch(`${server.origin}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}`, cookie: 'cl_session=stale' },
      body: JSON.stringify({ query: '{ viewsPosition }' }),
    });
    expect(response.status).toBe(200);
  });

  it('the CSV export accepts the cookie, as a download link needs', async () => {
    const session = await signIn('milica.coord');
    const response = await fetch(`${server.origin}/exports/attendance.csv`, { headers: { cookie: session.cookie } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/csv');
  });
});

describe('user administration is for admins only', () => {
  it('refuses anyone else, whether by cookie or token, and unauthenticated requests with 401', async () => {
    const staff = await signIn('ana.staff');
    expect((await fetch(`${server.origin}/auth/users`, { headers: { cookie: staff.cookie } })).status).toBe(403);
    expect((await post('/auth/users', { username: 'x.y', role: 'admin' }, { cookie: staff.cookie, 'x-csrf-token': staff.csrf })).status).toBe(403);
    const coordinatorToken = await server.tokenFor({ role: 'coordinator' });
    expect((await fetch(`${server.origin}/auth/users`, { headers: { authorization: `Bearer ${coordinatorToken}` } })).status).toBe(403);
    expect((await fetch(`${server.origin}/auth/users`)).status).toBe(401);
    expect((await post('/auth/users/whatever/reset', {})).status).toBe(401);
  });

  it('an admin signed in with the cookie manages users, with the CSRF header on every change', async () => {
    await account('jelena.admin', 'admin');
    const admin = await signIn('jelena.admin');
    expect((await post('/auth/users', { username: 'new.staff', role: 'staff', centreIds: [centreB] }, { cookie: admin.cookie })).status).toBe(401);
    const created = await post('/auth/users', { username: 'new.staff', role: 'staff', centreIds: [centreB] }, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(created.status).toBe(201);
    const { user, token } = (await created.json()) as { user: { id: string }; token: string };
    expect((await post('/auth/setup', { token, password: PASSWORD })).status).toBe(200);
    const newStaff = await signIn('new.staff');

    const list = (await (await fetch(`${server.origin}/auth/users`, { headers: { cookie: admin.cookie } })).json()) as { users: { username: string; passwordSet: boolean }[] };
    expect(list.users.map((one) => one.username)).toContain('new.staff');
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password_hash/);

    const deactivated = await post(`/auth/users/${user.id}/deactivate`, {}, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    expect(deactivated.status).toBe(200);
    expect((await gql({ cookie: newStaff.cookie }, '{ viewsPosition }', {}, 'GET')).status).toBe(401);
    expect((await post('/auth/login', { username: 'new.staff', password: PASSWORD })).status).toBe(401);

    await post(`/auth/users/${user.id}/activate`, {}, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    const reset = await post(`/auth/users/${user.id}/reset`, {}, { cookie: admin.cookie, 'x-csrf-token': admin.csrf });
    const link = (await reset.json()) as { token: string };
    expect((await post('/auth/login', { username: 'new.staff', password: PASSWORD })).status).toBe(401);
    expect((await post('/auth/setup', { token: link.token, password: 'another good password' })).status).toBe(200);
    expect((await post('/auth/setup', { token: link.token, password: 'a third good password' })).status).toBe(401);
  });

  it('names the wrong field when an account is incomplete', async () => {
    const response = await post('/auth/users', { username: 'lonely', role: 'staff' }, { authorization: `Bearer ${server.token}` });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'centreIds' } }] });
    const unknownCentre = await post('/auth/users', { username: 'lonely', role: 'staff', centreIds: ['nowhere'] }, { authorization: `Bearer ${server.token}` });
    expect(unknownCentre.status).toBe(404);
  });
});

describe('changing a user\'s role and centres (POST /auth/users/:id)', () => {
  const errorCode = async (response: Response) => ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions.code;
  const roleOf = async (id: string) =>
    ((await (await fetch(`${server.origin}/auth/users`, { headers: { authorization: `Bearer ${server.token}` } })).json()) as { users: { id: string; role: string; centreIds: string[] }[] }).users.find(
      (user) => user.id === id,
    );

  it('given a signed-in staff member, when an admin changes her centres and then her role, then her next /graphql request with the same cookie has them', async () => {
    const id = await account('vesna.staff', 'staff', { centreIds: [centreA] });
    const vesna = await signIn('vesna.staff');
    const code = async (query: string) => {
      const body = (await (await gql(vesna, query)).json()) as { data?: unknown; errors?: { extensions: { code: string } }[] };
      return body.errors?.[0]?.extensions.code ?? 'OK';
    };
    expect(await code(registerAt(centreA))).toBe('OK');
    expect(await code(registerAt(centreB))).toBe('FORBIDDEN');

    // When an admin moves her to centre B…
    const moved = await post(`/auth/users/${id}`, { role: 'staff', centreIds: [centreB] }, { authorization: `Bearer ${server.token}` });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({ user: { id, role: 'staff', centreIds: [centreB] } });
    // …then her very next request, same cookie and CSRF token, is staff of B and no longer of A.
    expect(await code(registerAt(centreB))).toBe('OK');
    expect(await code(registerAt(centreA))).toBe('FORBIDDEN');

    // When an admin makes her a coordinator, then the programme's figures open to her and writing at B closes.
    expect(await code('{ summary { attendances } }')).toBe('FORBIDDEN');
    expect((await post(`/auth/users/${id}`, { role: 'coordinator' }, { authorization: `Bearer ${server.token}` })).status).toBe(200);
    expect(await code('{ summary { attendances } }')).toBe('OK');
    expect(await code(registerAt(centreB))).toBe('FORBIDDEN');
    const me = (await (await fetch(`${server.origin}/auth/session`, { headers: { cookie: vesna.cookie } })).json()) as { actor: unknown; csrfToken: string };
    expect(me).toMatchObject({ actor: { role: 'coordinator', centreIds: [] }, csrfToken: vesna.csrf });
  });

  it('given a coordinator\'s live dashboard stream is open, when an admin makes her staff, then the stream ends with UNAUTHENTICATED at the next update instead of going on', async () => {
    const id = await account('sanja.coord', 'coordinator');
    const sanja = await signIn('sanja.coord');
    const query = 'subscription { programmeSummaryUpdated { attendances workshopsHeld } }';
    const response = await fetch(`${server.origin}/graphql?${new URLSearchParams({ query })}`, { headers: { cookie: sanja.cookie, accept: 'text/event-stream' } });
    expect(response.status).toBe(200);
    const reader = response.body!.pipeThrough(new TextDecoderStream()).getReader();
    let received = '';
    const readUntil = async (pattern: RegExp) => {
      const deadline = Date.now() + 10_000;
      while (!pattern.test(received)) {
        if (Date.now() > deadline) throw new Error(`the stream did not send ${pattern}: ${received}`);
        const { value, done } = await reader.read();
        if (done) break;
        received += value;
      }
      return received;
    };
    await readUntil(/programmeSummaryUpdated/);

    expect((await post(`/auth/users/${id}`, { role: 'staff', centreIds: [centreA] }, { authorization: `Bearer ${server.token}` })).status).toBe(200);
    // The views advance (anything recorded): the stream checks who is asking before it answers.
    await server.gql(registerAt(centreA));
    const rest = await readUntil(/event: complete/);
    const events = rest.split('\n\n').filter((event) => event.startsWith('event: next'));
    expect(events).toHaveLength(2);
    expect(JSON.parse(events[1]!.split('data: ')[1]!)).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
    expect(rest).not.toMatch(/"attendances":0,"workshopsHeld":0}}}[\s\S]*programmeSummaryUpdated/);
    await reader.cancel();
  });

  it('given users who are not admins, when they try to change a role, then FORBIDDEN (403) and nothing changes', async () => {
    const id = await account('goran.staff', 'staff', { centreIds: [centreA] });
    const goran = await signIn('goran.staff');
    const ownPromotion = await post(`/auth/users/${id}`, { role: 'admin' }, { cookie: goran.cookie, 'x-csrf-token': goran.csrf });
    expect(ownPromotion.status).toBe(403);
    expect(await errorCode(ownPromotion)).toBe('FORBIDDEN');

    const coordinator = await signIn('milica.coord');
    const byCookie = await post(`/auth/users/${id}`, { role: 'coordinator' }, { cookie: coordinator.cookie, 'x-csrf-token': coordinator.csrf });
    expect(byCookie.status).toBe(403);
    expect(await errorCode(byCookie)).toBe('FORBIDDEN');
    const byToken = await post(`/auth/users/${id}`, { role: 'coordinator' }, { authorization: `Bearer ${await server.tokenFor({ role: 'coordinator' })}` });
    expect(byToken.status).toBe(403);
    expect(await errorCode(byToken)).toBe('FORBIDDEN');

    // Without a session or token, 401; an admin's cookie without its CSRF header, 401 too.
    expect((await post(`/auth/users/${id}`, { role: 'admin' })).status).toBe(401);
    await account('petar.admin', 'admin');
    const admin = await signIn('petar.admin');
    expect((await post(`/auth/users/${id}`, { role: 'admin' }, { cookie: admin.cookie })).status).toBe(401);

    expect(await roleOf(id)).toMatchObject({ role: 'staff', centreIds: [centreA] });
  });

  it('names the field an incomplete change lacks, and changes nothing then', async () => {
    const id = await account('dragan.staff', 'staff', { centreIds: [centreA] });
    const asAdmin = { authorization: `Bearer ${server.token}` };
    const noCentre = await post(`/auth/users/${id}`, { role: 'legal', centreIds: [] }, asAdmin);
    expect(noCentre.status).toBe(400);
    expect(await noCentre.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'centreIds' } }] });
    const noVolunteer = await post(`/auth/users/${id}`, { role: 'volunteer' }, asAdmin);
    expect(await noVolunteer.json()).toMatchObject({ errors: [{ extensions: { code: 'BAD_USER_INPUT', field: 'volunteerId' } }] });
    expect((await post('/auth/users/no-such-user', { role: 'coordinator' }, asAdmin)).status).toBe(404);
    expect(await roleOf(id)).toMatchObject({ role: 'staff', centreIds: [centreA] });
  });
});

describe('the first admin link over HTTP', () => {
  let fresh: TestServer;
  beforeAll(async () => {
    fresh = await startServer();
  });
  afterAll(async () => {
    await fresh?.close();
  });

  it('sets the password once and signs the admin in', async () => {
    const post = (path: string, body: unknown) =>
      fetch(`${fresh.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
    const link = (await fresh.ledger.accounts!.bootstrap())!;
    expect(link.user.username).toBe('admin');
    const first = await post('/auth/setup', { token: link.token, password: PASSWORD });
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ actor: { role: 'admin' }, user: { username: 'admin' } });
    expect((await post('/auth/setup', { token: link.token, password: PASSWORD })).status).toBe(401);
    expect(await fresh.ledger.accounts!.bootstrap()).toBeNull();
    expect((await post('/auth/login', { username: 'admin', password: PASSWORD })).status).toBe(200);
  });
});

describe('serving the web app', () => {
  it('answers the page at / and at its own routes, with a strict content security policy', async () => {
    for (const path of ['/', '/workshops/abc', '/dashboard']) {
      const response = await fetch(`${server.origin}${path}`, { headers: { accept: 'text/html' } });
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('<div id="app">');
      expect(response.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(response.headers.get('x-frame-options')).toBe('DENY');
    }
  });

  it('never shadows the API and the server routes', async () => {
    const graphiql = await (await fetch(`${server.origin}/graphql`, { headers: { accept: 'text/html' } })).text();
    expect(graphiql).not.toContain('<div id="app">');
    expect((await fetch(`${server.origin}/auth/nothing`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect((await fetch(`${server.origin}/exports/nothing.csv`, { headers: { accept: 'text/html' } })).status).toBe(404);
    expect(await (await fetch(`${server.origin}/healthz`, { headers: { accept: 'text/html' } })).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${server.origin}/readyz`, { headers: { accept: 'text/html' } })).status).toBe(200);
  });

  it('serves the service worker and the hashed files with the right caching', async () => {
    const sw = await fetch(`${server.origin}/sw.js`);
    expect(sw.status).toBe(200);
    expect(sw.headers.get('cache-control')).toBe('no-cache');
    const script = /src="(\/assets\/[^"]+\.js)"/.exec(await (await fetch(`${server.origin}/`)).text())![1]!;
    expect((await sw.text()).includes(script)).toBe(true);
    expect((await fetch(`${server.origin}${script}`)).headers.get('cache-control')).toContain('immutable');
    expect((await fetch(`${server.origin}/assets/missing.js`)).status).toBe(404);
  });
});

describe('behind a TLS proxy (TRUST_PROXY=true)', () => {
  let proxied: TestServer;
  beforeAll(async () => {
    process.env.TRUST_PROXY = 'true';
    try {
      proxied = await startServer();
    } finally {
      delete process.env.TRUST_PROXY;
    }
    const { token } = (await (
      await fetch(`${proxied.origin}/auth/users`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${proxied.token}` },
        body: JSON.stringify({ username: 'milica.coord', role: 'coordinator' }),
      })
    ).json()) as { token: string };
    await fetch(`${proxied.origin}/auth/setup`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ token, password: PASSWORD }) });
  });
  afterAll(async () => {
    await proxied?.close();
  });

  it('marks the session cookie Secure when the proxy says the browser used https', async () => {
    const login = (headers: Record<string, string>) =>
      fetch(`${proxied.origin}/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ username: 'milica.coord', password: PASSWORD }),
      });
    expect((await login({ 'x-forwarded-proto': 'https' })).headers.get('set-cookie')).toMatch(/; Secure$/);
    expect((await login({ 'x-forwarded-proto': 'http' })).headers.get('set-cookie')).not.toContain('Secure');
  });
});

describe('with an identity provider (AUTH_JWKS_URL)', () => {
  let idp: TestServer;
  beforeAll(async () => {
    process.env.AUTH_SIGN_IN_URL = '/oauth2/start';
    try {
      idp = await startServer({ env: { AUTH_JWKS_URL: 'http://127.0.0.1:9/jwks.json', AUTH_ISSUER: 'https://id.example.org', AUTH_AUDIENCE: 'centre-ledger' } });
    } finally {
      delete process.env.AUTH_SIGN_IN_URL;
    }
  });
  afterAll(async () => {
    await idp?.close();
  });

  it('turns local accounts off: no accounts.db, no first-admin link, sign-in goes through the provider', async () => {
    expect(idp.ledger.accounts).toBeUndefined();
    expect(await (await fetch(`${idp.origin}/auth/config`)).json()).toEqual({ mode: 'identityProvider', signInUrl: '/oauth2/start' });
    const login = await fetch(`${idp.origin}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
    expect(login.status).toBe(404);
    expect((await fetch(`${idp.origin}/auth/session`)).status).toBe(401);
  });
});

describe('web settings from the environment', async () => {
  const { webSettingsFromEnv } = await import('../../src/api/web.js');
  it('reads TRUST_PROXY and AUTH_SIGN_IN_URL, and names a bad value', () => {
    expect(webSettingsFromEnv({})).toEqual({ trustProxy: false, signInUrl: undefined });
    expect(webSettingsFromEnv({ TRUST_PROXY: 'true', AUTH_SIGN_IN_URL: 'https://id.example.org/start' })).toEqual({ trustProxy: true, signInUrl: 'https://id.example.org/start' });
    expect(() => webSettingsFromEnv({ TRUST_PROXY: 'yes' })).toThrow(/TRUST_PROXY/);
    expect(() => webSettingsFromEnv({ AUTH_SIGN_IN_URL: 'javascript:alert(1)' })).toThrow(/AUTH_SIGN_IN_URL/);
  });
});
