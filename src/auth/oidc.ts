import { createHash, hkdfSync, randomBytes, timingSafeEqual } from 'node:crypto';
import { createRemoteJWKSet, EncryptJWT, jwtDecrypt, jwtVerify, type JWTPayload, type JWTVerifyGetKey } from 'jose';
import type { Actor } from './actor.js';
import { actorFromClaims, describeJoseFailure, identityProviderAlgorithms, isSecureOrLoopback, type ClaimNames } from './tokens.js';

/**
 * Signing in to the web app through the identity provider: OpenID Connect's authorization code
 * flow with PKCE (S256), run by this server. The id_token's claims become an Actor through the
 * same `actorFromClaims` as the API's bearer tokens, so the access rules stay the API's.
 *
 * The flow's state, nonce and PKCE verifier travel in a short-lived cookie encrypted with a key
 * derived from the server's secret (AUTH_SECRET or DATA_DIR/auth-secret), not in server memory:
 * any server sharing that secret can finish a sign-in another one started.
 */

export interface OidcSettings {
  /** `AUTH_OIDC_ISSUER`: the provider's issuer; discovery at `<issuer>/.well-known/openid-configuration`. */
  readonly issuer: string;
  readonly clientId: string;
  /** Without it, a public client (PKCE only); with it, sent as HTTP Basic (client_secret_basic). */
  readonly clientSecret?: string | undefined;
  /** The callback registered at the provider; without it, this server's origin as the browser reached it. */
  readonly redirectUrl?: string | undefined;
  readonly scopes: string;
  /** A session signed in through the provider ends this long after sign-in (ms). */
  readonly sessionMaxMs: number;
}

export const OIDC_START_PATH = '/auth/oidc/start';
export const OIDC_CALLBACK_PATH = '/auth/oidc/callback';
/** How long a sign-in at the provider may take. */
export const OIDC_FLOW_SECONDS = 600;

/** Why a sign-in failed: the page shows a message for each (`/?signInError=<reason>`), the log says which. */
export type OidcFailureReason = 'provider' | 'state' | 'failed' | 'noRole' | 'unavailable';

export class OidcFailure extends Error {
  constructor(
    readonly reason: OidcFailureReason,
    message: string,
  ) {
    super(message);
  }
}

interface Flow {
  readonly state: string;
  readonly nonce: string;
  readonly verifier: string;
  readonly redirectUri: string;
}

interface Provider {
  readonly issuer: string;
  readonly authorizationEndpoint: URL;
  readonly tokenEndpoint: URL;
  readonly keys: JWTVerifyGetKey;
}

export interface OidcClientOptions {
  /** The server's own secret; the flow cookie's key is derived from it. */
  readonly secret: Uint8Array;
  readonly claimNames: ClaimNames;
  readonly clockToleranceSeconds?: number;
}

export type OidcClient = ReturnType<typeof createOidcClient>;

const random = () => randomBytes(32).toString('base64url');
const withoutSlash = (url: string) => url.replace(/\/+$/, '');
/** An error code from the provider, safe for a log line. */
const safeCode = (value: unknown) => (typeof value === 'string' ? value.replace(/[^\w.-]/g, '').slice(0, 40) : 'none');
const sameText = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function createOidcClient(settings: OidcSettings, options: OidcClientOptions) {
  const flowKey = new Uint8Array(hkdfSync('sha256', options.secret, new Uint8Array(0), 'centre-ledger oidc flow cookie', 32));
  const clockTolerance = options.clockToleranceSeconds ?? 30;

  // Discovery is fetched on first use (the server starts while the provider is down), and again after an hour or a failure.
  let discovered: { at: number; provider: Promise<Provider> } | undefined;
  const provider = (): Promise<Provider> => {
    if (!discovered || Date.now() - discovered.at > 3_600_000) {
      const attempt = { at: Date.now(), provider: discover(settings.issuer) };
      attempt.provider.catch(() => {
        if (discovered === attempt) discovered = undefined;
      });
      discovered = attempt;
    }
    return discovered.provider;
  };

  async function exchange(at: Provider, code: string, flow: Flow): Promise<string> {
    const body = new URLSearchParams({ grant_type: 'authorization_code', code, redirect_uri: flow.redirectUri, code_verifier: flow.verifier });
    const headers: Record<string, string> = { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' };
    if (settings.clientSecret) {
      // RFC 6749 §2.3.1: both parts form-encoded before Basic.
      const encode = (value: string) => new URLSearchParams({ v: value }).toString().slice(2);
      headers.authorization = `Basic ${Buffer.from(`${encode(settings.clientId)}:${encode(settings.clientSecret)}`).toString('base64')}`;
    } else {
      body.set('client_id', settings.clientId);
    }
    let response: Response;
    try {
      response = await fetch(at.tokenEndpoint, { method: 'POST', headers, body, redirect: 'error', signal: AbortSignal.timeout(10_000) });
    } catch {
      throw new OidcFailure('unavailable', 'the token endpoint could not be reached');
    }
    const answer = (await response.json().catch(() => ({}))) as { id_token?: unknown; error?: unknown };
    if (!response.ok) throw new OidcFailure('failed', `the token endpoint answered ${response.status} ${safeCode(answer.error)}`);
    if (typeof answer.id_token !== 'string') throw new OidcFailure('failed', 'the token endpoint sent no id_token');
    return answer.id_token;
  }

  async function verifyIdToken(at: Provider, idToken: string, nonce: string): Promise<JWTPayload> {
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(idToken, at.keys, {
        algorithms: identityProviderAlgorithms,
        issuer: at.issuer,
        audience: settings.clientId,
        requiredClaims: ['exp', 'iat'],
        clockTolerance,
      }));
    } catch (error) {
      throw new OidcFailure('failed', `id_token: ${describeJoseFailure(error)}`);
    }
    if (typeof payload.nonce !== 'string' || !sameText(payload.nonce, nonce)) throw new OidcFailure('failed', "id_token: the nonce is not this sign-in's");
    // OIDC Core §3.1.3.7: with several audiences, or an azp at all, it must be this client.
    if ((Array.isArray(payload.aud) && payload.aud.length > 1) || payload.azp !== undefined) {
      if (payload.azp !== settings.clientId) throw new OidcFailure('failed', 'id_token: azp is not this client');
    }
    return payload;
  }

  return {
    settings,

    /** Where to send the browser, and the encrypted flow cookie's value. */
    async begin(redirectUri: string): Promise<{ location: string; flowCookie: string }> {
      const at = await provider();
      const flow: Flow = { state: random(), nonce: random(), verifier: random(), redirectUri };
      const url = new URL(at.authorizationEndpoint);
      const challenge = createHash('sha256').update(flow.verifier).digest('base64url');
      for (const [name, value] of Object.entries({
        response_type: 'code',
        client_id: settings.clientId,
        redirect_uri: redirectUri,
        scope: settings.scopes,
        state: flow.state,
        nonce: flow.nonce,
        code_challenge: challenge,
        code_challenge_method: 'S256',
      })) {
        url.searchParams.set(name, value);
      }
      const flowCookie = await new EncryptJWT({ ...flow })
        .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
        .setIssuedAt()
        .setExpirationTime(`${OIDC_FLOW_SECONDS}s`)
        .encrypt(flowKey);
      return { location: url.href, flowCookie };
    },

    /** The provider sent the browser back: checks the flow, exchanges the code and maps the verified id_token to an Actor. */
    async complete(query: Record<string, unknown>, flowCookie: string | undefined): Promise<Actor> {
      if (!flowCookie) throw new OidcFailure('state', 'no sign-in is in progress in this browser (no flow cookie, or it expired)');
      let flow: Flow;
      try {
        flow = (await jwtDecrypt(flowCookie, flowKey, { keyManagementAlgorithms: ['dir'], contentEncryptionAlgorithms: ['A256GCM'] })).payload as unknown as Flow;
      } catch {
        throw new OidcFailure('state', 'the flow cookie is not valid or has expired');
      }
      if (typeof query.state !== 'string' || !sameText(query.state, flow.state)) throw new OidcFailure('state', "the state is not this browser's sign-in");
      if (query.error !== undefined) throw new OidcFailure('provider', `the provider answered ${safeCode(query.error)}`);
      if (typeof query.code !== 'string' || query.code === '') throw new OidcFailure('failed', 'the provider sent no code');
      const at = await provider();
      const payload = await verifyIdToken(at, await exchange(at, query.code, flow), flow.nonce);
      return actorFromClaims(payload, options.claimNames, (message) => new OidcFailure('noRole', message));
    },
  };
}

async function discover(issuer: string): Promise<Provider> {
  const unavailable = (why: string) => new OidcFailure('unavailable', `discovery at ${withoutSlash(issuer)}: ${why}`);
  let document: Record<string, unknown>;
  try {
    const response = await fetch(`${withoutSlash(issuer)}/.well-known/openid-configuration`, { headers: { accept: 'application/json' }, redirect: 'error', signal: AbortSignal.timeout(5_000) });
    if (!response.ok) throw unavailable(`answered ${response.status}`);
    document = (await response.json()) as Record<string, unknown>;
  } catch (error) {
    throw error instanceof OidcFailure ? error : unavailable('could not be reached or is not JSON');
  }
  // OIDC Discovery §4.3: the document must name the issuer it was fetched for.
  if (typeof document.issuer !== 'string' || withoutSlash(document.issuer) !== withoutSlash(issuer)) throw unavailable('the document names another issuer');
  const endpoint = (name: string): URL => {
    const value = document[name];
    let url: URL;
    try {
      url = new URL(String(value));
    } catch {
      throw unavailable(`${name} is not a URL`);
    }
    if (!isSecureOrLoopback(url)) throw unavailable(`${name} must be https`);
    return url;
  };
  return {
    issuer: document.issuer,
    authorizationEndpoint: endpoint('authorization_endpoint'),
    tokenEndpoint: endpoint('token_endpoint'),
    keys: createRemoteJWKSet(endpoint('jwks_uri'), { timeoutDuration: 5_000 }),
  };
}
