import { randomBytes } from 'node:crypto';
import { closeSync, fsyncSync, linkSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import { domainError } from '../domain/shared/errors.js';
import { roles, type Actor, type Role } from './actor.js';

/** `iss` of every token this deployment signs itself, so a token from elsewhere signed with the same secret is still refused. */
export const LOCAL_ISSUER = 'centre-ledger';
export const SECRET_FILE = 'auth-secret';

/** RFC 7518 §3.2: an HS256 key must be at least as long as the hash, 256 bits. */
const MIN_SECRET_BYTES = 32;
/** A bearer token is a few hundred bytes; anything far larger is refused before it is parsed. */
const MAX_TOKEN_LENGTH = 8192;

// ---------------------------------------------------------------------------------------------
// The local secret

/**
 * The HS256 secret of a local deployment: `AUTH_SECRET` when given (an empty value counts as not
 * given), else `<dataDir>/auth-secret`, generated on first start.
 *
 * The file holds 32 random bytes written as base64url text, and the key is the UTF-8 bytes of that
 * text, exactly as for `AUTH_SECRET`: so the file's content can be copied into `AUTH_SECRET` of
 * another process and both accept the same tokens.
 */
export function loadOrCreateLocalSecret(dataDir: string, envSecret?: string): Uint8Array {
  if (envSecret !== undefined && envSecret !== '') return secretFromText(envSecret, 'AUTH_SECRET');
  const file = join(dataDir, SECRET_FILE);
  mkdirSync(dataDir, { recursive: true });
  createSecretFileOnce(file, randomBytes(32).toString('base64url'));
  return secretFromText(readFileSync(file, 'utf8').trim(), file);
}

function secretFromText(text: string, source: string): Uint8Array {
  const secret = new TextEncoder().encode(text);
  if (secret.byteLength < MIN_SECRET_BYTES) {
    throw new Error(`${source} is shorter than ${MIN_SECRET_BYTES} bytes; an HS256 secret that short can be guessed`);
  }
  return secret;
}

/**
 * Writes the secret to a private temporary file and links it into place: two processes starting at
 * once agree on one secret (the second link fails and it reads the first one's), and a crash never
 * leaves an empty or half-written secret file behind.
 */
function createSecretFileOnce(file: string, text: string): void {
  const temporary = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  const fd = openSync(temporary, 'wx', 0o600);
  try {
    writeSync(fd, `${text}\n`);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
}

// ---------------------------------------------------------------------------------------------
// Issuing local tokens

export interface LocalTokenRequest {
  readonly role: Role;
  readonly centreIds?: readonly string[];
  readonly volunteerId?: string;
  readonly userId: string;
  /** Lifetime in days, more than 0. */
  readonly days: number;
}

/**
 * Signs a token for the local verifier. The claims are checked with the verifier's own rules first,
 * so a token is never issued that the server would then refuse.
 */
export async function issueLocalToken(secret: Uint8Array, request: LocalTokenRequest): Promise<string> {
  if (!(Number.isFinite(request.days) && request.days > 0)) throw new Error('days must be a number greater than 0');
  const claims: JWTPayload = {
    role: request.role,
    ...(request.centreIds ? { centres: [...request.centreIds] } : {}),
    ...(request.volunteerId !== undefined ? { volunteer: request.volunteerId } : {}),
  };
  actorFromClaims({ ...claims, sub: request.userId }, defaultClaimNames, (message) => new Error(message));
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT(claims)
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(LOCAL_ISSUER)
    .setSubject(request.userId)
    .setIssuedAt(now)
    .setExpirationTime(now + Math.round(request.days * 86_400))
    .sign(secret);
}

// ---------------------------------------------------------------------------------------------
// Verifying tokens

/** Which claims of an identity provider's token carry the user, role, centres and volunteer. Top-level names, taken literally (an Auth0-style `https://example.org/role` is one name). */
export interface ClaimNames {
  readonly user: string;
  readonly role: string;
  readonly centres: string;
  readonly volunteer: string;
}

export const defaultClaimNames: ClaimNames = { user: 'sub', role: 'role', centres: 'centres', volunteer: 'volunteer' };

/** Asymmetric algorithms only: an identity provider's public key must never be usable as an HMAC secret. */
export const identityProviderAlgorithms = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

export type TokenVerifierConfig =
  | { readonly mode: 'local'; readonly secret: Uint8Array }
  | {
      readonly mode: 'identityProvider';
      readonly jwksUrl: string | URL;
      readonly issuer: string;
      readonly audience: string | readonly string[];
      readonly claimNames?: Partial<ClaimNames>;
      readonly algorithms?: readonly string[];
      /** Seconds of clock difference with the identity provider tolerated on `exp` and `nbf`. */
      readonly clockToleranceSeconds?: number;
    };

export interface TokenVerifier {
  /** The actor named by an `Authorization: Bearer <token>` header; throws `UNAUTHENTICATED` otherwise. */
  verify(authorizationHeader: string | null | undefined): Promise<Actor>;
}

const unauthenticated = (message: string) => domainError('UNAUTHENTICATED', message);

/** How many verified local tokens are remembered (a deployment has a few per person at most). */
const VERIFIED_TOKENS = 1_000;

interface VerifiedToken {
  readonly actor: Actor;
  readonly exp: number;
  readonly nbf: number | undefined;
}

export function createTokenVerifier(config: TokenVerifierConfig): TokenVerifier {
  const check = config.mode === 'local' ? localCheck(config.secret) : identityProviderCheck(config);
  const claimNames = config.mode === 'local' ? defaultClaimNames : { ...defaultClaimNames, ...config.claimNames };
  /*
   * A local token is checked against a secret fixed for the life of the process, so the same text
   * verifies the same way until its `exp` (or before its `nbf`): the answer is remembered by the
   * token's exact text and reused only inside that window, as jose would judge it now (whole
   * seconds, no tolerance). Outside it, or for an unknown text, jose checks it again in full.
   * An identity provider's tokens are always checked afresh: its keys can be rotated or withdrawn.
   */
  const verified = config.mode === 'local' ? new Map<string, VerifiedToken>() : undefined;
  return {
    async verify(authorizationHeader) {
      const token = bearerToken(authorizationHeader);
      const remembered = verified?.get(token);
      if (remembered) {
        const now = Math.floor(Date.now() / 1000);
        if (remembered.exp > now && (remembered.nbf === undefined || remembered.nbf <= now)) return remembered.actor;
        verified!.delete(token);
      }
      let payload: JWTPayload;
      try {
        payload = await check(token);
      } catch (error) {
        // jose's errors carry the decoded payload; only our own message, never the error or the token, leaves here.
        throw unauthenticated(describeJoseFailure(error));
      }
      const actor = actorFromClaims(payload, claimNames, unauthenticated);
      if (verified && typeof payload.exp === 'number') {
        if (verified.size >= VERIFIED_TOKENS) verified.delete(verified.keys().next().value!);
        verified.set(token, { actor: Object.freeze(actor), exp: payload.exp, nbf: typeof payload.nbf === 'number' ? payload.nbf : undefined });
      }
      return actor;
    },
  };
}

type Check = (token: string) => Promise<JWTPayload>;

function localCheck(secret: Uint8Array): Check {
  if (secret.byteLength < MIN_SECRET_BYTES) throw new Error(`the local token secret must be at least ${MIN_SECRET_BYTES} bytes`);
  return async (token) =>
    (await jwtVerify(token, secret, { algorithms: ['HS256'], issuer: LOCAL_ISSUER, requiredClaims: ['exp', 'sub'] })).payload;
}

function identityProviderCheck(config: Extract<TokenVerifierConfig, { mode: 'identityProvider' }>): Check {
  const url = jwksUrl(config.jwksUrl);
  if (!config.issuer) throw new Error('AUTH_ISSUER is required with AUTH_JWKS_URL');
  const audience = typeof config.audience === 'string' ? config.audience : [...config.audience];
  if (audience.length === 0) throw new Error('AUTH_AUDIENCE is required with AUTH_JWKS_URL');
  const algorithms = [...(config.algorithms ?? identityProviderAlgorithms)];
  if (algorithms.some((alg) => alg.startsWith('HS') || alg === 'none')) {
    throw new Error('identity provider tokens must use asymmetric algorithms (RS*, PS*, ES*, EdDSA)');
  }
  const keys: JWTVerifyGetKey = createRemoteJWKSet(url, { timeoutDuration: 5000 });
  return async (token) =>
    (
      await jwtVerify(token, keys, {
        algorithms,
        issuer: config.issuer,
        audience,
        requiredClaims: ['exp'],
        clockTolerance: config.clockToleranceSeconds ?? 30,
      })
    ).payload;
}

/** Keys or tokens fetched in clear text could be swapped on the way: https, and plain http only for this machine (tests). */
export function isSecureOrLoopback(url: URL): boolean {
  return url.protocol === 'https:' || (url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname));
}

function jwksUrl(value: string | URL): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new Error('AUTH_JWKS_URL is not a URL');
  }
  if (!isSecureOrLoopback(url)) throw new Error('AUTH_JWKS_URL must be https (plain http only for localhost)');
  return url;
}

function bearerToken(header: string | null | undefined): string {
  if (header === undefined || header === null || header.trim() === '') throw unauthenticated('no Authorization header was sent');
  const match = /^\s*(\S+)\s+(\S+)\s*$/.exec(header);
  if (!match || match[1]!.toLowerCase() !== 'bearer') throw unauthenticated('the Authorization header is not "Bearer <token>"');
  const token = match[2]!;
  if (token.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/.test(token)) {
    throw unauthenticated('the token is malformed');
  }
  return token;
}

/** A failed jose verification in our own words: never the error itself, which carries the decoded payload. */
export function describeJoseFailure(error: unknown): string {
  const code = (error as { code?: unknown } | null)?.code;
  const claim = (error as { claim?: unknown } | null)?.claim;
  switch (code) {
    case 'ERR_JWT_EXPIRED':
      return 'the token has expired';
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
      return 'the token signature is not valid';
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return 'the token is not signed with an accepted algorithm';
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      return claim === 'nbf'
        ? 'the token is not valid yet'
        : `the token's ${typeof claim === 'string' ? `"${claim.slice(0, 40)}" ` : ''}claim is missing or not accepted`;
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return 'the token is signed with a key the identity provider does not publish';
    case 'ERR_JWKS_TIMEOUT':
    case 'ERR_JWKS_INVALID':
      return "the identity provider's signing keys could not be fetched";
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return 'the token is malformed';
    default:
      // fetch() fails with a TypeError when the identity provider cannot be reached.
      return error instanceof TypeError
        ? "the identity provider's signing keys could not be fetched"
        : 'the token could not be verified';
  }
}

/**
 * The actor a verified token speaks for. Claims are checked as strictly as the signature: a role we
 * do not know, or a staff token without centres, is refused rather than given a guessed scope.
 */
export function actorFromClaims(payload: JWTPayload, names: ClaimNames, fail: (message: string) => Error): Actor {
  const userId = payload[names.user];
  if (typeof userId !== 'string' || userId.trim() === '') throw fail('the token names no user');

  const role = payload[names.role];
  if (typeof role !== 'string' || !(roles as readonly string[]).includes(role)) {
    throw fail(`the token's role is not one of ${roles.join(', ')}`);
  }

  const centres = payload[names.centres];
  if (centres !== undefined && !isListOfIds(centres)) throw fail("the token's centres are not a list of centre ids");
  const centreIds = Object.freeze([...new Set((centres as string[] | undefined) ?? [])]);

  const volunteer = payload[names.volunteer];
  if (volunteer !== undefined && !isId(volunteer)) throw fail("the token's volunteer is not a volunteer id");

  return actorForRole(role as Role, userId, centreIds, volunteer as string | undefined, fail);
}

/** Each role keeps only the scope it uses, so a stray claim can never widen what a role reaches. */
function actorForRole(
  role: Role,
  userId: string,
  centreIds: readonly string[],
  volunteerId: string | undefined,
  fail: (message: string) => Error,
): Actor {
  switch (role) {
    case 'staff':
    case 'legal':
      if (centreIds.length === 0) throw fail(`a ${role} token must name at least one centre`);
      return { userId, role, centreIds };
    case 'volunteer':
      if (volunteerId === undefined) throw fail('a volunteer token must name the volunteer');
      return { userId, role, centreIds: [], volunteerId };
    case 'admin':
    case 'coordinator':
      return { userId, role, centreIds: [] };
  }
}

const isId = (value: unknown): value is string => typeof value === 'string' && value.trim() !== '';
const isListOfIds = (value: unknown): value is string[] => Array.isArray(value) && value.every(isId);

// ---------------------------------------------------------------------------------------------
// Configuration from the environment

/**
 * The verifier the server should use: an identity provider when `AUTH_JWKS_URL` is set (with
 * `AUTH_ISSUER`, `AUTH_AUDIENCE`, and optionally `AUTH_USER_CLAIM`, `AUTH_ROLE_CLAIM`,
 * `AUTH_CENTRES_CLAIM`, `AUTH_VOLUNTEER_CLAIM`), else the local secret.
 */
export function tokenVerifierConfigFromEnv(env: NodeJS.ProcessEnv, dataDir: string): TokenVerifierConfig {
  if (!env.AUTH_JWKS_URL) return { mode: 'local', secret: loadOrCreateLocalSecret(dataDir, env.AUTH_SECRET) };
  const audience = (env.AUTH_AUDIENCE ?? '')
    .split(',')
    .map((value) => value.trim())
    .filter(Boolean);
  return { mode: 'identityProvider', jwksUrl: env.AUTH_JWKS_URL, issuer: env.AUTH_ISSUER ?? '', audience, claimNames: claimNamesFromEnv(env) };
}

/** The provider's claim names (`AUTH_USER_CLAIM`, `AUTH_ROLE_CLAIM`, `AUTH_CENTRES_CLAIM`, `AUTH_VOLUNTEER_CLAIM`): for bearer tokens and for signing in through the provider alike. */
export function claimNamesFromEnv(env: NodeJS.ProcessEnv): ClaimNames {
  return {
    user: env.AUTH_USER_CLAIM || defaultClaimNames.user,
    role: env.AUTH_ROLE_CLAIM || defaultClaimNames.role,
    centres: env.AUTH_CENTRES_CLAIM || defaultClaimNames.centres,
    volunteer: env.AUTH_VOLUNTEER_CLAIM || defaultClaimNames.volunteer,
  };
}
