import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import express from 'express';
import { pino } from 'pino';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { openProviderSessions } from '../../src/accounts/provider-sessions.js';
import { createOidcRoutes } from '../../src/api/oidc-routes.js';
import { listen } from '../../src/api/server.js';
import { createOidcClient, OidcFailure } from '../../src/auth/oidc.js';
import { defaultClaimNames } from '../../src/auth/tokens.js';
import { parseConfig } from '../../src/config.js';
import { providerEnv, startFakeProvider, type FakeProvider, type Tampering } from '../support/oidc-provider.js';
import { startServer, type TestServer } from '../support/server.js';

/*
 * Signing in to the web app through an OpenID provider (authorization code with PKCE), over real
 * HTTP against a fake provider started here. The session it gives is held to the API's own access
 * rules, like a local session, and a sign-in that is not exactly right gives no session at all.
 */

interface Signed {
  cookie: string;
  csrf: string;
}

interface Callback {
  status: number;
  location: string | null;
  setCookies: string[];
  session: string | undefined;
}

let provider: FakeProvider;
let server: TestServer;
let centreA: string;
let centreB: string;
let volunteerV: string;

const cookieIn = (setCookies: string[], name: string) => setCookies.find((one) => one.startsWith(`${name}=`));
const valueOf = (setCookie: string | undefined) => setCookie?.split(';')[0]!.split('=').slice(1).join('=');

/** The browser's part up to the provider's redirect back: /auth/oidc/start, then the provider's authorize endpoint. */
async function startSignIn(origin = server.origin) {
  const start = await fetch(`${origin}/auth/oidc/start`, { redirect: 'manual' });
  expect(start.status).toBe(303);
  const flowSetCookie = cookieIn(start.headers.getSetCookie(), 'cl_oidc')!;
  const authorize = new URL(start.headers.get('location')!);
  const atProvider = await fetch(authorize, { redirect: 'manual' });
  expect(atProvider.status).toBe(302);
  return { flowSetCookie, flowCookie: valueOf(flowSetCookie)!, authorize, callback: new URL(atProvider.headers.get('location')!) };
}

/** The provider's redirect back to the ledger, with the flow cookie unless told otherwise. */
async function finishSignIn(callback: URL, flowCookie: string | undefined): Promise<Callback> {
  const response = await fetch(callback, { redirect: 'manual', headers: flowCookie ? { cookie: `cl_oidc=${flowCookie}` } : {} });
  const setCookies = response.headers.getSetCookie();
  const session = cookieIn(setCookies, 'cl_session');
  return { status: response.status, location: response.headers.get('location'), setCookies, session };
}

/** A whole sign-in as whoever the provider vouches for; the session cookie and its CSRF token. */
async function signInAs(claims: Record<string, unknown>, origin = server.origin, on = provider): Promise<Signed> {
  on.signInAs(claims);
  const { callback, flowCookie } = await startSignIn(origin);
  const done = await finishSignIn(callback, flowCookie);
  expect(done.location).toBe('/');
  const cookie = done.session!.split(';')[0]!;
  const me = await fetch(`${origin}/auth/session`, { headers: { cookie } });
  expect(me.status).toBe(200);
  return { cookie, csrf: ((await me.json()) as { csrfToken: string }).csrfToken };
}

const gql = (session: Partial<Signed>, query: string, variables: Record<string, unknown> = {}) =>
  fetch(`${server.origin}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(session.cookie ? { cookie: session.cookie } : {}),
      ...(session.csrf ? { 'x-csrf-token': session.csrf } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });

const codeOf = async (response: Response) => ((await response.json()) as { errors?: { extensions?: { code?: string } }[] }).errors?.[0]?.extensions?.code;
const registerAt = (centreId: string) =>
  `mutation { registerParticipant(input: { centreId: "${centreId}", givenName: "Lejla", familyName: "Ljajić", sex: FEMALE, birthYear: 2015, group: RETURNEE }) { participant { id } } }`;

beforeAll(async () => {
  provider = await startFakeProvider();
  server = await startServer({ env: providerEnv(provider), token: await provider.accessToken({ sub: 'admin-1', role: 'admin' }) });
  const open = async (name: string) =>
    (await server.gql(`mutation ($input: OpenCentreInput!) { openCentre(input: $input) { centre { id } } }`, { input: { name, municipality: name, district: 'Raška' } })).body
      .data.openCentre.centre.id as string;
  centreA = await open('Novi Pazar');
  centreB = await open('Tutin');
  volunteerV = (await server.gql(`mutation { registerVolunteer(input: { centreId: "${centreA}", name: "Marko Petrović" }) { volunteer { id } } }`)).body.data.registerVolunteer.volunteer
    .id as string;
});

afterAll(async () => {
  await server?.close();
  await provider?.close();
});

describe('signing in through the identity provider', () => {
  it('given AUTH_OIDC_ISSUER, when the page asks how to sign in, then it is the identity provider at /auth/oidc/start and local accounts are off', async () => {
    expect(await (await fetch(`${server.origin}/auth/config`)).json()).toEqual({ mode: 'identityProvider', signInUrl: '/auth/oidc/start' });
    expect(server.ledger.accounts).toBeUndefined();
    const login = await fetch(`${server.origin}/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'x' }) });
    expect(login.status).toBe(404);
  });

  it('given a browser, when it opens /auth/oidc/start, then it goes to the provider with state, nonce and an S256 challenge, and a short HttpOnly SameSite=Lax flow cookie', async () => {
    const start = await fetch(`${server.origin}/auth/oidc/start`, { redirect: 'manual' });
    expect(start.status).toBe(303);
    expect(start.headers.get('cache-control')).toBe('no-store');
    const authorize = new URL(start.headers.get('location')!);
    expect(`${authorize.origin}${authorize.pathname}`).toBe(`${provider.issuer}/authorize`);
    const params = Object.fromEntries(authorize.searchParams);
    expect(params).toMatchObject({
      response_type: 'code',
      client_id: provider.clientId,
      redirect_uri: `${server.origin}/auth/oidc/callback`,
      scope: 'openid profile',
      code_challenge_method: 'S256',
    });
    for (const name of ['state', 'nonce', 'code_challenge']) expect(params[name]).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const flow = cookieIn(start.headers.getSetCookie(), 'cl_oidc')!;
    expect(flow).toMatch(/^cl_oidc=[A-Za-z0-9_.-]+; Path=\/auth\/oidc\/callback; HttpOnly; SameSite=Lax; Max-Age=600$/);
    // Encrypted: neither the state nor the nonce can be read from it.
    expect(flow).not.toContain(params.state);
    expect(flow).not.toContain(params.nonce);
  });

  it('given a staff member of centre A at the provider, when they sign in, then a Strict session cookie names that actor and the token endpoint got the PKCE verifier', async () => {
    provider.signInAs({ sub: 'idp-staff-7', role: 'staff', centres: [centreA] });
    const { callback, flowCookie, authorize } = await startSignIn();
    const done = await finishSignIn(callback, flowCookie);

    expect(done.status).toBe(303);
    expect(done.location).toBe('/');
    expect(done.session).toMatch(/^cl_session=[A-Za-z0-9_-]{43}; Path=\/; HttpOnly; SameSite=Strict; Max-Age=\d+$/);
    expect(cookieIn(done.setCookies, 'cl_oidc')).toContain('Max-Age=0');
    const sent = provider.tokenRequests.at(-1)!.body;
    expect(sent.get('grant_type')).toBe('authorization_code');
    expect(sent.get('client_id')).toBe(provider.clientId);
    expect(createHash('sha256').update(sent.get('code_verifier')!).digest('base64url')).toBe(authorize.searchParams.get('code_challenge'));

    const me = await fetch(`${server.origin}/auth/session`, { headers: { cookie: done.session!.split(';')[0]! } });
    expect(await me.json()).toEqual({
      mode: 'identityProvider',
      actor: { userId: 'idp-staff-7', role: 'staff', centreIds: [centreA] },
      user: null,
      csrfToken: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
    });
  });

  it("given a staff session of centre A, when it uses /graphql, then the API's rules hold: A only, and a POST needs the CSRF header", async () => {
    const staff = await signInAs({ sub: 'idp-staff-7', role: 'staff', centres: [centreA] });
    expect(await (await gql(staff, '{ centres { id } }')).json()).toEqual({ data: { centres: [{ id: centreA }] } });
    expect(await codeOf(await gql(staff, 'query ($id: ID!) { centre(id: $id) { summary { uniqueParticipants } } }', { id: centreB }))).toBe('FORBIDDEN');
    expect(await codeOf(await gql(staff, registerAt(centreB)))).toBe('FORBIDDEN');

    const before = server.eventCount();
    const forged = await gql({ cookie: staff.cookie }, registerAt(centreA));
    expect(forged.status).toBe(401);
    expect(server.eventCount()).toBe(before);
    const allowed = (await (await gql(staff, registerAt(centreA))).json()) as { data: { registerParticipant: { participant: { id: string } } } };
    expect(allowed.data.registerParticipant.participant.id).toBeTruthy();
  });

  it("given a volunteer session, when it asks the coordinator's programme summary, then it is FORBIDDEN; a coordinator's session gets it", async () => {
    const volunteer = await signInAs({ sub: 'idp-vol-1', role: 'volunteer', volunteer: volunteerV });
    expect(await codeOf(await gql(volunteer, '{ summary { attendances } }'))).toBe('FORBIDDEN');
    const coordinator = await signInAs({ sub: 'idp-coord-1', role: 'coordinator' });
    const answer = (await (await gql(coordinator, '{ summary { attendances } }')).json()) as { data?: unknown; errors?: unknown };
    expect(answer.errors).toBeUndefined();
    expect(answer.data).toEqual({ summary: { attendances: expect.any(Number) } });
  });

  it('given a session, when the user signs out (with the CSRF header), then the cookie no longer works anywhere', async () => {
    const session = await signInAs({ sub: 'idp-coord-1', role: 'coordinator' });
    const post = (headers: Record<string, string>) => fetch(`${server.origin}/auth/logout`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await post({ cookie: session.cookie })).status).toBe(401);
    const out = await post({ cookie: session.cookie, 'x-csrf-token': session.csrf });
    expect(out.status).toBe(200);
    expect(out.headers.get('set-cookie')).toContain('Max-Age=0');
    expect((await fetch(`${server.origin}/auth/session`, { headers: { cookie: session.cookie } })).status).toBe(401);
    expect((await gql(session, '{ summary { attendances } }')).status).toBe(401);
  });

  it('given a bearer token from the same provider, when it calls the API, then it still works beside the sessions', async () => {
    const token = await provider.accessToken({ sub: 'api-client', role: 'coordinator' });
    const response = await fetch(`${server.origin}/auth/session`, { headers: { authorization: `Bearer ${token}` } });
    expect(await response.json()).toMatchObject({ mode: 'identityProvider', actor: { userId: 'api-client', role: 'coordinator' }, user: null, csrfToken: null });
  });
});

describe('a sign-in that is not exactly right gives no session', () => {
  const expectRefused = (done: Callback, reason: string) => {
    expect(done.status).toBe(303);
    expect(done.location).toBe(`/?signInError=${reason}`);
    expect(done.session).toBeUndefined();
  };

  it('given a tampered state, when the provider sends the browser back, then it is refused and the code is never exchanged', async () => {
    provider.signInAs({ sub: 'idp-staff-7', role: 'staff', centres: [centreA] });
    const { callback, flowCookie } = await startSignIn();
    const exchanged = provider.tokenRequests.length;
    const tampered = new URL(callback);
    tampered.searchParams.set('state', `${callback.searchParams.get('state')!.slice(0, -2)}xx`);
    expectRefused(await finishSignIn(tampered, flowCookie), 'state');
    expect(provider.tokenRequests.length).toBe(exchanged);
  });

  it('given a callback without the flow cookie (sent to another browser) or with a forged one, when it arrives, then it is refused', async () => {
    provider.signInAs({ sub: 'idp-staff-7', role: 'staff', centres: [centreA] });
    const { callback, flowCookie } = await startSignIn();
    expectRefused(await finishSignIn(callback, undefined), 'state');
    expectRefused(await finishSignIn(callback, `${flowCookie.slice(0, -4)}AAAA`), 'state');
  });

  it.each<[string, Tampering]>([
    ['another nonce', { nonce: 'not-the-nonce-of-this-sign-in' }],
    ['another audience', { aud: 'some-other-client' }],
    ['another issuer', { iss: 'https://evil.example.org' }],
    ['an expired id_token', { expiresIn: -3600 }],
    ['a key the provider does not publish', { strangerKey: true }],
  ])('given an id_token with %s, when the ledger verifies it, then it is refused', async (_what, tampering) => {
    provider.signInAs({ sub: 'idp-admin', role: 'admin' }, tampering);
    const { callback, flowCookie } = await startSignIn();
    expectRefused(await finishSignIn(callback, flowCookie), 'failed');
  });

  it.each<[string, Record<string, unknown>]>([
    ['no role claim', { sub: 'idp-nobody' }],
    ['a role the ledger does not know', { sub: 'idp-nobody', role: 'superuser' }],
    ['a staff role without centres', { sub: 'idp-nobody', role: 'staff' }],
  ])('given an id_token with %s, when it is mapped as bearer tokens are, then there is no session', async (_what, claims) => {
    provider.signInAs(claims);
    const { callback, flowCookie } = await startSignIn();
    expectRefused(await finishSignIn(callback, flowCookie), 'noRole');
  });

  it('given the provider answers access_denied, when the browser comes back, then the page is told the provider refused', async () => {
    provider.failNextWith('access_denied');
    const { callback, flowCookie } = await startSignIn();
    expect(callback.searchParams.get('error')).toBe('access_denied');
    expectRefused(await finishSignIn(callback, flowCookie), 'provider');
  });

  it('given a code already used, when it is sent again, then the provider refuses it and there is no session', async () => {
    provider.signInAs({ sub: 'idp-coord-1', role: 'coordinator' });
    const { callback, flowCookie } = await startSignIn();
    expect((await finishSignIn(callback, flowCookie)).session).toBeDefined();
    expectRefused(await finishSignIn(callback, flowCookie), 'failed');
  });
});

describe('a confidential client with its own claim names', () => {
  let confidential: FakeProvider;
  let other: TestServer;
  beforeAll(async () => {
    confidential = await startFakeProvider({ clientSecret: 's3cret with spaces & symbols' });
    other = await startServer({ env: providerEnv(confidential, { AUTH_ROLE_CLAIM: 'https://ngo.example/role', AUTH_OIDC_SCOPES: 'openid profile ledger' }), token: null });
  });
  afterAll(async () => {
    await other?.close();
    await confidential?.close();
  });

  it('given AUTH_OIDC_CLIENT_SECRET and AUTH_ROLE_CLAIM, when someone signs in, then the secret goes as HTTP Basic and the role comes from that claim', async () => {
    const session = await signInAs({ sub: 'idp-coord-2', 'https://ngo.example/role': 'coordinator' }, other.origin, confidential);
    const request = confidential.tokenRequests.at(-1)!;
    expect(request.authorization).toMatch(/^Basic /);
    expect(request.body.get('client_id')).toBeNull();
    expect(confidential.authorizeRequests.at(-1)!.get('scope')).toBe('openid profile ledger');
    const me = (await (await fetch(`${other.origin}/auth/session`, { headers: { cookie: session.cookie } })).json()) as { actor: unknown };
    expect(me.actor).toEqual({ userId: 'idp-coord-2', role: 'coordinator', centreIds: [] });
  });
});

describe('the log', () => {
  it('given sign-ins that succeed and fail, when they are logged, then the lines say why and the role, never the user, the code or a token', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'info' }, new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }));
    const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-oidc-log-'));
    const sessions = openProviderSessions({ dataDir, sessionMaxMs: 3_600_000 });
    const client = createOidcClient(parseConfig(providerEnv(provider)).oidc!, { secret: new Uint8Array(32).fill(9), claimNames: defaultClaimNames });
    const http = await listen(express().use(createOidcRoutes({ client, sessions, trustProxy: false, logger })), 0);
    const origin = `http://127.0.0.1:${http.port}`;
    try {
      const seen: string[] = [];
      for (const claims of [{ sub: 'jelena.petrovic@ngo.example', role: 'coordinator' }, { sub: 'jelena.petrovic@ngo.example', role: 'staff' }]) {
        provider.signInAs(claims);
        const { callback, flowCookie } = await startSignIn(origin);
        seen.push(callback.searchParams.get('code')!, flowCookie);
        await finishSignIn(callback, flowCookie);
      }
      const log = lines.join('');
      expect(log).toContain('"role":"coordinator"');
      expect(log).toContain('"reason":"noRole"');
      expect(log).not.toContain('jelena');
      for (const secret of seen) expect(log).not.toContain(secret);
      expect(log).not.toMatch(/eyJ[A-Za-z0-9_-]{10,}/); // no JWT of any kind
    } finally {
      await http.close();
      sessions.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('the provider out of reach', () => {
  it('given a provider that cannot be reached, when sign-in starts, then it fails as unavailable (and the server still starts)', async () => {
    const client = createOidcClient(
      { issuer: 'http://127.0.0.1:9', clientId: 'c', scopes: 'openid', sessionMaxMs: 3_600_000 },
      { secret: new Uint8Array(32).fill(7), claimNames: defaultClaimNames },
    );
    const failure = await client.begin('http://127.0.0.1:1/auth/oidc/callback').catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(OidcFailure);
    expect((failure as OidcFailure).reason).toBe('unavailable');
  });

  it('given discovery that names another issuer, when sign-in starts, then it is refused', async () => {
    const client = createOidcClient(
      { issuer: `${provider.issuer}/realms/other`, clientId: 'c', scopes: 'openid', sessionMaxMs: 3_600_000 },
      { secret: new Uint8Array(32).fill(7), claimNames: defaultClaimNames },
    );
    const failure = await client.begin('http://127.0.0.1:1/auth/oidc/callback').catch((error: unknown) => error);
    expect((failure as OidcFailure).reason).toBe('unavailable');
  });
});

describe('sessions signed in through the provider expire', () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('given a session, when its maximum lifetime or its idle time has passed, then it is gone', () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-provider-sessions-'));
    dirs.push(dataDir);
    let now = 1_000_000;
    const sessions = openProviderSessions({ dataDir, sessionMaxMs: 12 * 3_600_000, sessionIdleMs: 3 * 3_600_000, now: () => now });
    try {
      const actor = { userId: 'idp-coord-1', role: 'coordinator' as const, centreIds: [] };
      const first = sessions.start(actor);
      const second = sessions.start(actor);
      const hours = (n: number) => (now += n * 3_600_000);
      hours(2);
      expect(sessions.session(first.sessionToken)?.actor).toEqual(actor);
      hours(2.001);
      expect(sessions.session(second.sessionToken), 'unused for more than 3 hours').toBeUndefined();
      // The first is used every 2 hours, so only its maximum lifetime ends it.
      for (let at = 4; at < 12; at += 2, hours(2)) expect(sessions.session(first.sessionToken)).toBeDefined();
      expect(now - 1_000_000).toBeGreaterThan(12 * 3_600_000);
      expect(sessions.session(first.sessionToken), 'more than 12 hours after sign-in').toBeUndefined();
    } finally {
      sessions.close();
    }
  });
});

describe('configuration', () => {
  const base = { AUTH_JWKS_URL: 'https://id.example.org/jwks', AUTH_ISSUER: 'https://id.example.org', AUTH_AUDIENCE: 'api' };

  it('given a complete setting, when parsed, then the OpenID client is configured with the default scopes and a 12-hour session', () => {
    expect(parseConfig({ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_CLIENT_ID: 'web' }).oidc).toEqual({
      issuer: 'https://id.example.org',
      clientId: 'web',
      clientSecret: undefined,
      redirectUrl: undefined,
      scopes: 'openid profile',
      sessionMaxMs: 12 * 3_600_000,
    });
    expect(parseConfig(base).oidc).toBeUndefined();
  });

  it.each<[Record<string, string>, RegExp]>([
    [{ ...base, AUTH_OIDC_ISSUER: 'http://id.example.org', AUTH_OIDC_CLIENT_ID: 'web' }, /^bad configuration: AUTH_OIDC_ISSUER: must be an https URL \(plain http only for localhost\)/],
    [{ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org' }, /AUTH_OIDC_CLIENT_ID: is required with AUTH_OIDC_ISSUER/],
    [{ ...base, AUTH_OIDC_CLIENT_ID: 'web' }, /AUTH_OIDC_ISSUER: is required with AUTH_OIDC_CLIENT_ID/],
    [{ AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_CLIENT_ID: 'web' }, /AUTH_OIDC_ISSUER: needs AUTH_JWKS_URL/],
    [{ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_CLIENT_ID: 'web', AUTH_OIDC_SCOPES: 'profile email' }, /AUTH_OIDC_SCOPES: must include openid/],
    [{ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_CLIENT_ID: 'web', AUTH_OIDC_REDIRECT_URL: 'https://ledger.example.org/callback' }, /AUTH_OIDC_REDIRECT_URL: must be an https URL/],
    [{ ...base, AUTH_OIDC_ISSUER: 'https://id.example.org', AUTH_OIDC_CLIENT_ID: 'web', AUTH_OIDC_SESSION_HOURS: '0' }, /AUTH_OIDC_SESSION_HOURS/],
  ])('given %o, when parsed, then the start stops naming the variable', (env, message) => {
    expect(() => parseConfig(env)).toThrow(message);
  });
});
