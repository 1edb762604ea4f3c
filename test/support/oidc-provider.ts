import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, SignJWT, type CryptoKey, type JWK } from 'jose';

/**
 * A small OpenID provider for tests, on 127.0.0.1 and a free port: discovery, an authorize
 * endpoint that signs in whoever `signInAs` named (no login page) and redirects back with a code,
 * a token endpoint that checks the code, the redirect URI, the client and the PKCE verifier, and
 * the JWKS of a key pair generated at start. It records what it was sent, for the tests to check.
 */

/** What the next id_token gets wrong, to test that the ledger refuses it. */
export interface Tampering {
  readonly iss?: string;
  readonly aud?: string;
  readonly nonce?: string;
  /** Seconds from now; negative: already expired. */
  readonly expiresIn?: number;
  /** Signs with a key the provider does not publish. */
  readonly strangerKey?: boolean;
}

export interface FakeProvider {
  readonly issuer: string;
  readonly jwksUrl: string;
  readonly clientId: string;
  readonly clientSecret: string | undefined;
  /** The API's audience for access tokens (AUTH_AUDIENCE). */
  readonly apiAudience: string;
  /** Who the authorize endpoint signs in next, with which claims, or which error it answers. */
  signInAs(claims: Record<string, unknown>, tampering?: Tampering): void;
  failNextWith(error: string): void;
  /** An access token for the API (bearer), signed by this provider. */
  accessToken(claims: Record<string, unknown>): Promise<string>;
  readonly authorizeRequests: URLSearchParams[];
  readonly tokenRequests: { body: URLSearchParams; authorization: string | undefined }[];
  close(): Promise<void>;
}

interface Grant {
  readonly redirectUri: string;
  readonly challenge: string;
  readonly nonce: string;
  readonly claims: Record<string, unknown>;
  readonly tampering: Tampering;
}

const readBody = (request: IncomingMessage) =>
  new Promise<string>((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (chunk: string) => (text += chunk));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });

/** RFC 6749 §2.3.1: HTTP Basic of the form-encoded client id and secret; decoded here as `id:secret`. */
function basicClient(header: string | undefined): string | undefined {
  const match = /^Basic (\S+)$/.exec(header ?? '');
  if (!match) return undefined;
  const [id, secret] = Buffer.from(match[1]!, 'base64').toString().split(':');
  const decode = (value = '') => new URLSearchParams(`v=${value}`).get('v');
  return `${decode(id)}:${decode(secret)}`;
}

export async function startFakeProvider(options: { clientSecret?: string } = {}): Promise<FakeProvider> {
  const kid = 'test-key';
  const { privateKey, publicKey } = await generateKeyPair('RS256', { extractable: true });
  const stranger = (await generateKeyPair('RS256')).privateKey;
  const jwk: JWK = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const clientId = 'centre-ledger-web';
  const apiAudience = 'centre-ledger-api';
  const grants = new Map<string, Grant>();
  const authorizeRequests: URLSearchParams[] = [];
  const tokenRequests: { body: URLSearchParams; authorization: string | undefined }[] = [];
  let next: { claims: Record<string, unknown>; tampering: Tampering } | { error: string } = { error: 'login_required' };
  let issuer = '';

  const sign = (claims: Record<string, unknown>, aud: string, key: CryptoKey, iss: string, expiresIn: number) =>
    new SignJWT(claims)
      .setProtectedHeader({ alg: 'RS256', kid })
      .setIssuer(iss)
      .setAudience(aud)
      .setIssuedAt()
      .setExpirationTime(Math.floor(Date.now() / 1000) + expiresIn)
      .sign(key);

  const json = (response: import('node:http').ServerResponse, status: number, body: unknown) =>
    response.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' }).end(JSON.stringify(body));

  const server: Server = createServer((request, response) => {
    void (async () => {
      const url = new URL(request.url ?? '/', issuer);
      if (url.pathname === '/.well-known/openid-configuration') {
        json(response, 200, {
          issuer,
          authorization_endpoint: `${issuer}/authorize`,
          token_endpoint: `${issuer}/token`,
          jwks_uri: `${issuer}/jwks`,
          response_types_supported: ['code'],
          code_challenge_methods_supported: ['S256'],
          id_token_signing_alg_values_supported: ['RS256'],
        });
      } else if (url.pathname === '/jwks') {
        json(response, 200, { keys: [jwk] });
      } else if (url.pathname === '/authorize') {
        const params = url.searchParams;
        authorizeRequests.push(params);
        const back = new URL(params.get('redirect_uri')!);
        back.searchParams.set('state', params.get('state') ?? '');
        if ('error' in next) {
          back.searchParams.set('error', next.error);
        } else {
          const code = randomBytes(16).toString('base64url');
          grants.set(code, { redirectUri: params.get('redirect_uri')!, challenge: params.get('code_challenge')!, nonce: params.get('nonce')!, ...next });
          back.searchParams.set('code', code);
        }
        response.writeHead(302, { location: back.href }).end();
      } else if (url.pathname === '/token' && request.method === 'POST') {
        const body = new URLSearchParams(await readBody(request));
        const authorization = request.headers.authorization;
        tokenRequests.push({ body, authorization });
        const grant = grants.get(body.get('code') ?? '');
        grants.delete(body.get('code') ?? '');
        const clientOk = options.clientSecret ? basicClient(authorization) === `${clientId}:${options.clientSecret}` : body.get('client_id') === clientId;
        if (!clientOk) return json(response, 401, { error: 'invalid_client' });
        const verifier = body.get('code_verifier') ?? '';
        if (!grant || grant.redirectUri !== body.get('redirect_uri') || createHash('sha256').update(verifier).digest('base64url') !== grant.challenge) {
          return json(response, 400, { error: 'invalid_grant' });
        }
        const { tampering } = grant;
        const idToken = await sign(
          { ...grant.claims, nonce: tampering.nonce ?? grant.nonce },
          tampering.aud ?? clientId,
          tampering.strangerKey ? stranger : privateKey,
          tampering.iss ?? issuer,
          tampering.expiresIn ?? 300,
        );
        json(response, 200, { access_token: 'opaque-to-the-ledger', token_type: 'Bearer', expires_in: 300, id_token: idToken });
      } else {
        response.writeHead(404).end();
      }
    })().catch((error: unknown) => {
      response.writeHead(500).end(String(error));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    issuer,
    jwksUrl: `${issuer}/jwks`,
    clientId,
    clientSecret: options.clientSecret,
    apiAudience,
    signInAs(claims, tampering = {}) {
      next = { claims, tampering };
    },
    failNextWith(error) {
      next = { error };
    },
    accessToken: (claims) => sign(claims, apiAudience, privateKey, issuer, 600),
    authorizeRequests,
    tokenRequests,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

/** The server's environment for signing in through this provider (and verifying its access tokens). */
export const providerEnv = (provider: FakeProvider, extra: Record<string, string> = {}): Record<string, string> => ({
  AUTH_JWKS_URL: provider.jwksUrl,
  AUTH_ISSUER: provider.issuer,
  AUTH_AUDIENCE: provider.apiAudience,
  AUTH_OIDC_ISSUER: provider.issuer,
  AUTH_OIDC_CLIENT_ID: provider.clientId,
  ...(provider.clientSecret ? { AUTH_OIDC_CLIENT_SECRET: provider.clientSecret } : {}),
  ...extra,
});
