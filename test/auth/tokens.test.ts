import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Actor } from '../../src/auth/actor.js';
import {
  createTokenVerifier,
  issueLocalToken,
  loadOrCreateLocalSecret,
  LOCAL_ISSUER,
  SECRET_FILE,
  tokenVerifierConfigFromEnv,
  type TokenVerifier,
} from '../../src/auth/tokens.js';
import { isDomainError } from '../../src/domain/shared/errors.js';

const secret = new TextEncoder().encode('a-local-secret-of-at-least-32-bytes!!');
const otherSecret = new TextEncoder().encode('another-local-secret-of-32-bytes-or-more');
const local = createTokenVerifier({ mode: 'local', secret });

const bearer = (token: string) => `Bearer ${token}`;
const base64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);

/** Signs arbitrary claims with the local secret, for claims that issueLocalToken refuses to produce. */
const signLocal = (claims: Record<string, unknown>, key: Uint8Array = secret) =>
  new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject('u1')
    .setExpirationTime(now() + 3600)
    .sign(key);

/** Expects `promise` to fail UNAUTHENTICATED with a message matching `message` that does not repeat the token. */
async function expectUnauthenticated(promise: Promise<unknown>, message: RegExp, token?: string) {
  const error = await promise.then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error, 'expected the token to be refused').toBeDefined();
  expect(isDomainError(error) && error.code).toBe('UNAUTHENTICATED');
  expect((error as Error).message).toMatch(message);
  if (token) {
    for (const part of token.split('.').filter((segment) => segment.length > 8)) expect((error as Error).message).not.toContain(part);
  }
}

const temporaryDirs: string[] = [];
const temporaryDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'centre-ledger-tokens-'));
  temporaryDirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of temporaryDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('local tokens', () => {
  it('given a staff token issued for two centres, when it is verified, then the actor has that role, user and those centres', async () => {
    const token = await issueLocalToken(secret, { role: 'staff', centreIds: ['c1', 'c2'], userId: 'jelena', days: 1 });
    const actor = await local.verify(bearer(token));
    expect(actor).toEqual<Actor>({ userId: 'jelena', role: 'staff', centreIds: ['c1', 'c2'] });
  });

  it('given a volunteer token, when it is verified, then the actor speaks for that volunteer and no centre', async () => {
    const token = await issueLocalToken(secret, { role: 'volunteer', volunteerId: 'v7', userId: 'marko', days: 1 });
    expect(await local.verify(bearer(token))).toEqual<Actor>({ userId: 'marko', role: 'volunteer', centreIds: [], volunteerId: 'v7' });
  });

  it('given an issued token, when its claims are decoded, then it is HS256 from centre-ledger with role, centres and exp', async () => {
    const token = await issueLocalToken(secret, { role: 'legal', centreIds: ['c1'], userId: 'ana', days: 2 });
    const [header, payload] = token.split('.').slice(0, 2).map((part) => JSON.parse(Buffer.from(part, 'base64url').toString()) as Record<string, unknown>);
    expect(header).toMatchObject({ alg: 'HS256' });
    expect(payload).toMatchObject({ iss: 'centre-ledger', sub: 'ana', role: 'legal', centres: ['c1'] });
    expect(payload!.exp).toBeGreaterThan(now() + 2 * 86_400 - 60);
    expect(payload!.exp).toBeLessThanOrEqual(now() + 2 * 86_400 + 1);
  });

  it('given a scheme other than Bearer, or no header, when verified, then it is UNAUTHENTICATED', async () => {
    const token = await issueLocalToken(secret, { role: 'admin', userId: 'root', days: 1 });
    await expectUnauthenticated(local.verify(undefined), /no Authorization header/);
    await expectUnauthenticated(local.verify(''), /no Authorization header/);
    await expectUnauthenticated(local.verify(`Basic ${token}`), /Bearer/, token);
    await expectUnauthenticated(local.verify(token), /Bearer/, token);
  });

  it('given a scheme written in lower case, when verified, then it is accepted (the scheme is case-insensitive)', async () => {
    const token = await issueLocalToken(secret, { role: 'admin', userId: 'root', days: 1 });
    expect((await local.verify(`bearer ${token}`)).role).toBe('admin');
  });

  it('given an expired token, when verified, then it is UNAUTHENTICATED as expired', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('root')
      .setIssuedAt(now() - 7200)
      .setExpirationTime(now() - 3600)
      .sign(secret);
    await expectUnauthenticated(local.verify(bearer(token)), /expired/, token);
  });

  it('given a local token verified before, when it is sent again after its expiry, then it is refused as expired', async () => {
    const verifier = createTokenVerifier({ mode: 'local', secret });
    const token = await new SignJWT({ role: 'staff', centres: ['c1'] })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('jelena')
      .setExpirationTime(now() + 60)
      .sign(secret);
    expect(await verifier.verify(bearer(token))).toEqual<Actor>({ userId: 'jelena', role: 'staff', centreIds: ['c1'] });
    expect(await verifier.verify(bearer(token))).toEqual<Actor>({ userId: 'jelena', role: 'staff', centreIds: ['c1'] });
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 61_000 });
    try {
      await expectUnauthenticated(verifier.verify(bearer(token)), /expired/, token);
    } finally {
      vi.useRealTimers();
    }
  });

  it('given a local token verified before, when a forged copy differing only in its signature is sent, then it is refused', async () => {
    const verifier = createTokenVerifier({ mode: 'local', secret });
    const token = await issueLocalToken(secret, { role: 'admin', userId: 'root', days: 1 });
    expect((await verifier.verify(bearer(token))).role).toBe('admin');
    const forged = `${token.slice(0, token.lastIndexOf('.') + 1)}${'A'.repeat(43)}`;
    await expectUnauthenticated(verifier.verify(bearer(forged)), /signature/, forged);
  });

  it('given a token signed with another secret, when verified, then its signature is refused', async () => {
    const token = await issueLocalToken(otherSecret, { role: 'admin', userId: 'root', days: 1 });
    await expectUnauthenticated(local.verify(bearer(token)), /signature/, token);
  });

  it('given a token whose payload was changed after signing, when verified, then its signature is refused', async () => {
    const token = await issueLocalToken(secret, { role: 'staff', centreIds: ['c1'], userId: 'jelena', days: 1 });
    const [header, , signature] = token.split('.');
    const forged = `${header}.${base64url({ iss: LOCAL_ISSUER, sub: 'jelena', role: 'admin', exp: now() + 3600 })}.${signature}`;
    await expectUnauthenticated(local.verify(bearer(forged)), /signature/, forged);
  });

  it('given an unsigned token (alg none) with admin claims, when verified, then it is refused', async () => {
    const unsigned = `${base64url({ alg: 'none', typ: 'JWT' })}.${base64url({ iss: LOCAL_ISSUER, sub: 'mallory', role: 'admin', exp: now() + 3600 })}.`;
    await expectUnauthenticated(local.verify(bearer(unsigned)), /algorithm/, unsigned);
  });

  it('given a token signed with HS512 by the right secret, when verified, then the algorithm is refused (pinned to HS256)', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS512' })
      .setIssuer(LOCAL_ISSUER)
      .setSubject('root')
      .setExpirationTime(now() + 3600)
      .sign(secret);
    await expectUnauthenticated(local.verify(bearer(token)), /algorithm/, token);
  });

  it('given a token from another issuer signed with the same secret, when verified, then it is refused', async () => {
    const token = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' })
      .setIssuer('someone-else')
      .setSubject('root')
      .setExpirationTime(now() + 3600)
      .sign(secret);
    await expectUnauthenticated(local.verify(bearer(token)), /"iss"/, token);
  });

  it('given a token without exp, when verified, then it is refused: every token must expire', async () => {
    const token = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer(LOCAL_ISSUER).setSubject('root').sign(secret);
    await expectUnauthenticated(local.verify(bearer(token)), /"exp"/, token);
  });

  it.each([
    ['one segment', 'abcdef'],
    ['two segments', 'abc.def'],
    ['non-base64 characters', 'a$b.c!d.efg'],
    ['segments that are not JSON', 'bm90IGpzb24.bm90IGpzb24.c2ln'],
    ['a header that is JSON but no JWS header', `${base64url([1, 2])}.${base64url({})}.c2ln`],
  ])('given a malformed token (%s), when verified, then it is UNAUTHENTICATED as malformed', async (_case, token) => {
    await expectUnauthenticated(local.verify(bearer(token)), /malformed/);
  });

  it.each<[string, Record<string, unknown>, RegExp]>([
    ['an unknown role', { role: 'superuser' }, /role is not one of/],
    ['no role', {}, /role is not one of/],
    ['a staff role with no centres', { role: 'staff' }, /staff token must name at least one centre/],
    ['a staff role with an empty list of centres', { role: 'staff', centres: [] }, /staff token must name at least one centre/],
    ['a legal role with no centres', { role: 'legal' }, /legal token must name at least one centre/],
    ['a volunteer role with no volunteer id', { role: 'volunteer' }, /volunteer token must name the volunteer/],
    ['centres that are a string, not a list', { role: 'staff', centres: 'c1' }, /centres are not a list/],
    ['centres that hold a number', { role: 'staff', centres: ['c1', 2] }, /centres are not a list/],
    ['centres that hold an empty id', { role: 'legal', centres: [''] }, /centres are not a list/],
    ['a volunteer id that is a number', { role: 'volunteer', volunteer: 7 }, /volunteer is not a volunteer id/],
  ])('given a correctly signed token with %s, when verified, then it is UNAUTHENTICATED', async (_case, claims, message) => {
    const token = await signLocal(claims);
    await expectUnauthenticated(local.verify(bearer(token)), message, token);
  });

  it('given a coordinator token that also names centres and a volunteer, when verified, then the actor keeps neither', async () => {
    const token = await signLocal({ role: 'coordinator', centres: ['c1'], volunteer: 'v1' });
    expect(await local.verify(bearer(token))).toEqual<Actor>({ userId: 'u1', role: 'coordinator', centreIds: [] });
  });

  it('given a request for a staff token without centres, when issued, then nothing is signed', async () => {
    await expect(issueLocalToken(secret, { role: 'staff', userId: 'x', days: 1 })).rejects.toThrow(/at least one centre/);
    await expect(issueLocalToken(secret, { role: 'admin', userId: 'x', days: 0 })).rejects.toThrow(/days/);
  });

  it('given a secret shorter than 32 bytes, when a local verifier is made, then it is refused', () => {
    expect(() => createTokenVerifier({ mode: 'local', secret: new TextEncoder().encode('short') })).toThrow(/32 bytes/);
  });
});

describe('the local secret', () => {
  it('given an empty data directory, when the secret is loaded twice, then a 0600 file is created once and reused', () => {
    const dataDir = join(temporaryDir(), 'nested', 'data');
    const first = loadOrCreateLocalSecret(dataDir);
    const file = join(dataDir, SECRET_FILE);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const content = readFileSync(file, 'utf8').trim();
    expect(Buffer.from(content, 'base64url')).toHaveLength(32);
    const second = loadOrCreateLocalSecret(dataDir);
    expect(Buffer.from(second).equals(Buffer.from(first))).toBe(true);
  });

  it('given two data directories, when each creates its secret, then the secrets differ (they are random)', () => {
    const a = loadOrCreateLocalSecret(temporaryDir());
    const b = loadOrCreateLocalSecret(temporaryDir());
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(false);
  });

  it('given AUTH_SECRET, when the secret is loaded, then it is used and no file is written', () => {
    const dataDir = temporaryDir();
    const loaded = loadOrCreateLocalSecret(dataDir, 'an-operator-chosen-secret-of-32-bytes+');
    expect(new TextDecoder().decode(loaded)).toBe('an-operator-chosen-secret-of-32-bytes+');
    expect(() => statSync(join(dataDir, SECRET_FILE))).toThrow();
  });

  it('given a token issued with the file secret, when verified with AUTH_SECRET set to the file content, then both agree', async () => {
    const dataDir = temporaryDir();
    const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir), { role: 'admin', userId: 'root', days: 1 });
    const fileContent = readFileSync(join(dataDir, SECRET_FILE), 'utf8').trim();
    const verifier = createTokenVerifier({ mode: 'local', secret: loadOrCreateLocalSecret(temporaryDir(), fileContent) });
    expect((await verifier.verify(bearer(token))).role).toBe('admin');
  });

  it('given an AUTH_SECRET shorter than 32 bytes, when loaded, then it is refused with a message', () => {
    expect(() => loadOrCreateLocalSecret(temporaryDir(), 'hunter2')).toThrow(/AUTH_SECRET is shorter than 32 bytes/);
  });

  it('given no AUTH_JWKS_URL, when the verifier config comes from the environment, then it is local with AUTH_SECRET', async () => {
    const config = tokenVerifierConfigFromEnv({ AUTH_SECRET: 'an-operator-chosen-secret-of-32-bytes+' }, temporaryDir());
    expect(config.mode).toBe('local');
    const token = await issueLocalToken(new TextEncoder().encode('an-operator-chosen-secret-of-32-bytes+'), { role: 'admin', userId: 'r', days: 1 });
    expect((await createTokenVerifier(config).verify(bearer(token))).role).toBe('admin');
  });
});

describe('identity provider tokens', () => {
  const issuer = 'https://id.example.org/realms/ngo';
  const audience = 'centre-ledger-api';
  const kid = 'key-1';
  let privateKey: CryptoKey;
  let strangerKey: CryptoKey;
  let server: Server;
  let jwksUrl: string;
  let verifier: TokenVerifier;

  beforeAll(async () => {
    const pair = await generateKeyPair('RS256', { extractable: true });
    privateKey = pair.privateKey;
    strangerKey = (await generateKeyPair('RS256')).privateKey;
    const jwk: JWK = { ...(await exportJWK(pair.publicKey)), kid, alg: 'RS256', use: 'sig' };
    server = createServer((request, response) => {
      if (request.url !== '/jwks.json') {
        response.writeHead(404).end();
        return;
      }
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ keys: [jwk] }));
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
    verifier = createTokenVerifier(
      tokenVerifierConfigFromEnv(
        {
          AUTH_JWKS_URL: jwksUrl,
          AUTH_ISSUER: issuer,
          AUTH_AUDIENCE: audience,
          AUTH_ROLE_CLAIM: 'https://centre-ledger.org/role',
          AUTH_CENTRES_CLAIM: 'centre_ids',
          AUTH_VOLUNTEER_CLAIM: 'volunteer_id',
        },
        '/nonexistent-because-unused',
      ),
    );
  });

  afterAll(async () => {
    await new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
  });

  const signRemote = (claims: Record<string, unknown>, options: { iss?: string; aud?: string; key?: CryptoKey; expiresIn?: number } = {}) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(options.iss ?? issuer)
      .setAudience(options.aud ?? audience)
      .setSubject('idp-user-42')
      .setIssuedAt()
      .setExpirationTime(now() + (options.expiresIn ?? 600))
      .sign(options.key ?? privateKey);

  it('given a token with the configured claim names, when verified against the JWKS, then the actor comes from those claims', async () => {
    const token = await signRemote({ 'https://centre-ledger.org/role': 'legal', centre_ids: ['c3'] });
    expect(await verifier.verify(bearer(token))).toEqual<Actor>({ userId: 'idp-user-42', role: 'legal', centreIds: ['c3'] });
    const volunteer = await signRemote({ 'https://centre-ledger.org/role': 'volunteer', volunteer_id: 'v9' });
    expect((await verifier.verify(bearer(volunteer))).volunteerId).toBe('v9');
  });

  it('given a token that uses the default claim names instead of the configured ones, when verified, then it has no role', async () => {
    const token = await signRemote({ role: 'admin' });
    await expectUnauthenticated(verifier.verify(bearer(token)), /role is not one of/, token);
  });

  it('given a token from another issuer, when verified, then it is refused', async () => {
    const token = await signRemote({ 'https://centre-ledger.org/role': 'admin' }, { iss: 'https://evil.example.org' });
    await expectUnauthenticated(verifier.verify(bearer(token)), /"iss"/, token);
  });

  it('given a token for another audience, when verified, then it is refused', async () => {
    const token = await signRemote({ 'https://centre-ledger.org/role': 'admin' }, { aud: 'some-other-api' });
    await expectUnauthenticated(verifier.verify(bearer(token)), /"aud"/, token);
  });

  it('given a token signed by a key the provider does not publish, when verified, then the signature is refused', async () => {
    const token = await signRemote({ 'https://centre-ledger.org/role': 'admin' }, { key: strangerKey });
    await expectUnauthenticated(verifier.verify(bearer(token)), /signature/, token);
  });

  it('given an expired provider token (beyond the clock tolerance), when verified, then it is refused', async () => {
    const token = await signRemote({ 'https://centre-ledger.org/role': 'admin' }, { expiresIn: -3600 });
    await expectUnauthenticated(verifier.verify(bearer(token)), /expired/, token);
  });

  it('given an HS256 token signed with the bytes of the public JWKS, when verified, then the algorithm is refused', async () => {
    const jwks = await (await fetch(jwksUrl)).text();
    const token = await new SignJWT({ 'https://centre-ledger.org/role': 'admin' })
      .setProtectedHeader({ alg: 'HS256', kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('mallory')
      .setExpirationTime(now() + 600)
      .sign(new TextEncoder().encode(jwks));
    await expectUnauthenticated(verifier.verify(bearer(token)), /algorithm/, token);
  });

  it('given the provider cannot be reached, when a token is verified, then it is UNAUTHENTICATED saying so', async () => {
    const unreachable = createTokenVerifier({ mode: 'identityProvider', jwksUrl: 'http://127.0.0.1:9/jwks.json', issuer, audience });
    const token = await signRemote({ 'https://centre-ledger.org/role': 'admin' });
    await expectUnauthenticated(unreachable.verify(bearer(token)), /identity provider's signing keys could not be fetched/, token);
  });

  it('given a JWKS URL over plain http to another host, or no issuer or audience, when configured, then start-up fails', () => {
    expect(() => createTokenVerifier({ mode: 'identityProvider', jwksUrl: 'http://id.example.org/jwks', issuer, audience })).toThrow(/https/);
    expect(() => createTokenVerifier({ mode: 'identityProvider', jwksUrl, issuer: '', audience })).toThrow(/AUTH_ISSUER/);
    expect(() => tokenVerifierConfigFromEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer }, '/unused')).not.toThrow();
    expect(() => createTokenVerifier(tokenVerifierConfigFromEnv({ AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER: issuer }, '/unused'))).toThrow(
      /AUTH_AUDIENCE/,
    );
  });
});
