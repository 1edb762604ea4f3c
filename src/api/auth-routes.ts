import express from 'express';
import type { Logger } from 'pino';
import type { AccountStore as Accounts, UserView } from '../accounts/accounts.js';
import { cookieValue, CSRF_HEADER, SESSION_COOKIE, type CookieSession, type SessionStore } from '../accounts/authenticate.js';
import type { ProviderSessionStore as ProviderSessions } from '../accounts/provider-sessions.js';
import { TooManyAttempts } from '../accounts/throttle.js';
import { OIDC_START_PATH } from '../auth/oidc.js';
import type { Actor } from '../auth/actor.js';
import { domainError, isDomainError, type ErrorCode } from '../domain/shared/errors.js';
import { errorBody } from './csv.js';

/**
 * `/auth/*`: signing in to the web app with a user name and password, one-time links to set a
 * password, and the admins' user management. Everything else the page does goes through
 * `/graphql` with the session cookie, under the API's own access rules.
 *
 * - `GET  /auth/config`             how people sign in here: `local` accounts or an `identityProvider`
 * - `GET  /auth/oidc/start`, `/auth/oidc/callback`  signing in through the identity provider (oidc-routes.ts)
 * - `GET  /auth/session`            who the request is (cookie or bearer token), with the CSRF token for the cookie
 * - `POST /auth/login`              `{ username, password }`: sets the session cookie; too many failures
 *                                   answer 429 `TOO_MANY_ATTEMPTS` with Retry-After (src/accounts/throttle.ts)
 * - `POST /auth/setup`              `{ token, password }`: sets a password from a one-time link, then signs in
 * - `POST /auth/logout`             ends the session
 * - `POST /auth/password`           `{ currentPassword, newPassword }`
 * - `GET  /auth/users`, `POST /auth/users` `{ username, role, centreIds, volunteerId }` (admins)
 * - `POST /auth/users/:id`          `{ role, centreIds, volunteerId }`, `POST /auth/users/:id/reset`,
 *   `/deactivate`, `/activate` (admins)
 *
 * Every POST must be `application/json` (a cross-site form cannot send that without a CORS
 * preflight, which this server never grants) and not come from another site (`Sec-Fetch-Site`);
 * those made with the session cookie must also carry its `x-csrf-token`.
 */

export interface AuthRouteOptions {
  /** Local accounts; undefined when an identity provider signs people in. */
  readonly accounts: Accounts | undefined;
  /** The same function as GraphQL's: the session's actor, else the bearer token's. */
  readonly authenticate: (request: Request) => Promise<Actor>;
  /** Honour `X-Forwarded-Proto` (the server is behind a TLS-terminating proxy). */
  readonly trustProxy: boolean;
  /** With an identity provider: where the page sends people to sign in (e.g. oauth2-proxy's `/oauth2/start`). */
  readonly signInUrl?: string | undefined;
  /** With an identity provider and AUTH_OIDC_ISSUER: the sessions of people signed in through it; the page is sent to /auth/oidc/start. */
  readonly providerSessions?: ProviderSessions | undefined;
  readonly logger: Logger;
}

const status: Record<ErrorCode, number> = { BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409, FORBIDDEN: 403, UNAUTHENTICATED: 401 };

/** Whether the browser reached this server over TLS: the socket's own, or a trusted proxy's `X-Forwarded-Proto`. */
export function isSecureRequest(req: express.Request, trustProxy: boolean): boolean {
  if ((req.socket as { encrypted?: boolean }).encrypted) return true;
  if (!trustProxy) return false;
  const forwarded = req.headers['x-forwarded-proto'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim().toLowerCase();
  return first === 'https';
}

/** The `Set-Cookie` value for a session: HttpOnly, SameSite=Strict, Path=/, Secure behind TLS. */
export function sessionCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${SESSION_COOKIE}=${value}`, 'Path=/', 'HttpOnly', 'SameSite=Strict', `Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`, ...(secure ? ['Secure'] : [])].join(
    '; ',
  );
}

/** The express request as a fetch Request with its real method and headers (no body: authentication reads headers only). */
function requestOf(req: express.Request): Request {
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    for (const one of value === undefined ? [] : Array.isArray(value) ? value : [value]) {
      try {
        headers.append(name, one);
      } catch {
        // not a header authentication reads
      }
    }
  }
  return new Request(new URL(req.originalUrl, 'http://localhost'), { method: req.method, headers });
}

const userJson = (user: UserView) => user;

function sessionJson(session: CookieSession) {
  return { actor: session.actor, user: session.user ? userJson(session.user) : null, csrfToken: session.csrfToken };
}

export function createAuthRoutes(options: AuthRouteOptions): express.Router {
  const { accounts, logger } = options;
  const router = express.Router();
  const mode = accounts ? 'local' : 'identityProvider';
  // Local sessions, or those of people signed in through the identity provider: the same cookie, CSRF token and routes.
  const sessions: SessionStore | undefined = accounts ?? options.providerSessions;
  const signInUrl = options.providerSessions ? OIDC_START_PATH : options.signInUrl;

  router.use('/auth', (req, res, next) => {
    res.setHeader('cache-control', 'no-store');
    if (req.method === 'POST') {
      const site = req.headers['sec-fetch-site'];
      if (site === 'cross-site' || site === 'same-site') {
        res.status(403).json(errorBody('FORBIDDEN', 'requests from other sites are refused'));
        return;
      }
      if (!req.is('application/json')) {
        res.status(415).json(errorBody('BAD_USER_INPUT', 'send the body as application/json'));
        return;
      }
    }
    next();
  });
  router.use('/auth', express.json({ limit: '16kb' }));

  const send = (res: express.Response, error: unknown) => {
    if (error instanceof TooManyAttempts) {
      // Which limit it was stays on the server: the client learns only when to try again.
      res.setHeader('retry-after', String(error.retryAfterSeconds));
      res.status(429).json({ errors: [{ message: error.message, extensions: { code: error.code, retryAfterSeconds: error.retryAfterSeconds } }] });
      return;
    }
    if (isDomainError(error)) {
      const body = errorBody(error.code, error.message, error.field);
      // A key the web app translates (a refused password says why in the person's language).
      const messageKey = (error as { messageKey?: unknown }).messageKey;
      if (typeof messageKey === 'string') Object.assign(body.errors[0]!.extensions, { messageKey });
      res.status(status[error.code]).json(body);
      return;
    }
    logger.error({ err: error }, 'an /auth request failed');
    res.status(500).json(errorBody('INTERNAL_SERVER_ERROR', 'something went wrong'));
  };

  const setCookie = (req: express.Request, res: express.Response, signedIn: { sessionToken: string; session: { expiresAt: number } }) => {
    const seconds = (signedIn.session.expiresAt - Date.now()) / 1000;
    res.setHeader('set-cookie', sessionCookie(signedIn.sessionToken, seconds, isSecureRequest(req, options.trustProxy)));
  };
  const clearCookie = (req: express.Request, res: express.Response) =>
    res.setHeader('set-cookie', sessionCookie('', 0, isSecureRequest(req, options.trustProxy)));

  const localOnly = () => {
    if (!accounts) throw domainError('NOT_FOUND', 'sign-in goes through the identity provider here');
    return accounts;
  };
  const body = (req: express.Request): Record<string, unknown> =>
    req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};

  /** The admin asking, from the session (with its CSRF header for a POST) or a bearer token; else 401 or 403. */
  const admin = async (req: express.Request): Promise<Actor> => {
    const actor = await options.authenticate(requestOf(req));
    if (actor.role !== 'admin') throw domainError('FORBIDDEN', `a ${actor.role} may not manage user accounts`);
    return actor;
  };

  router.get('/auth/config', (_req, res) => {
    res.json({ mode, ...(mode === 'identityProvider' && signInUrl ? { signInUrl } : {}) });
  });

  router.get('/auth/session', async (req, res) => {
    try {
      const session = await sessions?.session(cookieValue(req.headers.cookie, SESSION_COOKIE));
      if (session) {
        res.json({ mode, ...sessionJson(session) });
        return;
      }
      // No cookie session: a bearer token (an identity provider's, through a proxy that adds it) still says who this is.
      const actor = await options.authenticate(requestOf(req));
      res.json({ mode, actor, user: null, csrfToken: null });
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/login', async (req, res) => {
    try {
      // req.ip: the socket's address, or with TRUST_PROXY=true the one the proxy in front saw (createHttpApp's `trust proxy`).
      const signedIn = await localOnly().signIn(body(req).username, body(req).password, req.ip);
      setCookie(req, res, signedIn);
      logger.info({ userId: signedIn.session.actor.userId }, 'signed in');
      res.json({ mode, ...sessionJson(signedIn.session) });
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/setup', async (req, res) => {
    try {
      const signedIn = await localOnly().completeSetup(body(req).token, body(req).password);
      setCookie(req, res, signedIn);
      logger.info({ userId: signedIn.session.actor.userId }, 'password set from a one-time link');
      res.json({ mode, ...sessionJson(signedIn.session) });
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/logout', async (req, res) => {
    const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
    const session = await sessions?.session(token);
    if (session && !sessions!.csrfMatches(session, req.headers[CSRF_HEADER] as string | undefined)) {
      res.status(401).json(errorBody('UNAUTHENTICATED', `send the session's ${CSRF_HEADER} header`));
      return;
    }
    await sessions?.signOut(token);
    clearCookie(req, res);
    res.json({ signedOut: true });
  });

  router.post('/auth/password', async (req, res) => {
    try {
      const token = cookieValue(req.headers.cookie, SESSION_COOKIE);
      const session = await localOnly().session(token);
      if (!session || !accounts!.csrfMatches(session, req.headers[CSRF_HEADER] as string | undefined)) {
        throw domainError('UNAUTHENTICATED', `sign in, and send the session's ${CSRF_HEADER} header`);
      }
      const signedIn = await accounts!.changePassword(token!, body(req).currentPassword, body(req).newPassword, req.ip);
      setCookie(req, res, signedIn);
      res.json({ mode, ...sessionJson(signedIn.session) });
    } catch (error) {
      send(res, error);
    }
  });

  router.get('/auth/users', async (req, res) => {
    try {
      await admin(req);
      res.json({ users: (await localOnly().users()).map(userJson) });
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/users', async (req, res) => {
    try {
      const by = await admin(req);
      const { username, role, centreIds, volunteerId } = body(req);
      const link = await localOnly().createUser({ username, role, centreIds, volunteerId });
      logger.info({ by: by.userId, userId: link.user.id, role: link.user.role }, 'user created');
      res.status(201).json(link);
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/users/:id', async (req, res) => {
    try {
      const by = await admin(req);
      const { role, centreIds, volunteerId } = body(req);
      const user = await localOnly().updateUser(req.params.id, { role, centreIds, volunteerId });
      logger.info({ by: by.userId, userId: user.id, role: user.role }, 'user changed');
      res.json({ user });
    } catch (error) {
      send(res, error);
    }
  });

  router.post('/auth/users/:id/reset', async (req, res) => {
    try {
      const by = await admin(req);
      const link = await localOnly().resetPassword(req.params.id);
      logger.info({ by: by.userId, userId: link.user.id }, 'password reset');
      res.json(link);
    } catch (error) {
      send(res, error);
    }
  });

  for (const [path, active] of [['deactivate', false], ['activate', true]] as const) {
    router.post(`/auth/users/:id/${path}`, async (req, res) => {
      try {
        const by = await admin(req);
        const user = await localOnly().setActive(req.params.id, active, by);
        logger.info({ by: by.userId, userId: user.id, active }, 'user activation changed');
        res.json({ user });
      } catch (error) {
        send(res, error);
      }
    });
  }

  router.use('/auth', (_req, res) => {
    res.status(404).json(errorBody('NOT_FOUND', 'no such /auth route'));
  });

  return router;
}
