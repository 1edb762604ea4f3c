import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import express from 'express';
import type { Logger } from 'pino';
import type { AccountStore as Accounts } from '../accounts/accounts.js';
import type { ProviderSessionStore as ProviderSessions } from '../accounts/provider-sessions.js';
import type { Actor } from '../auth/actor.js';
import type { OidcClient } from '../auth/oidc.js';
import { createAuthRoutes } from './auth-routes.js';
import { createOidcRoutes } from './oidc-routes.js';
import { projectRoot } from '../project-root.js';

/** Where `npm run build:web` (vite) writes the page: web/dist beside src/. */
export const webDistDir = join(projectRoot, 'web', 'dist') + sep;

/** Paths the page's fallback never answers: the API and the server's own routes keep them. */
export const reservedPrefixes = ['/graphql', '/exports', '/auth', '/healthz', '/readyz', '/metrics'] as const;

const isReserved = (path: string) => reservedPrefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}.`));

/**
 * The page's own headers: scripts, styles and connections from this origin only (inline SVG and
 * data: images allowed), never framed. GraphiQL at /graphql is not served from here and keeps its own.
 */
const securityHeaders = {
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; manifest-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'permissions-policy': 'camera=(), microphone=(), geolocation=()',
};

export interface WebAppOptions {
  /** Defaults to web/dist. */
  readonly distDir?: string;
  readonly logger: Logger;
}

/**
 * Serves the built web app at `/`: hashed files under /assets for a year, everything else
 * (index.html, sw.js, the manifest) revalidated on every load, and index.html for any other GET
 * that asks for HTML (the page's own routes, e.g. /workshops/…), never for the reserved paths.
 */
export function createWebAppRoutes(options: WebAppOptions): express.Router {
  const distDir = options.distDir ?? webDistDir;
  const index = `${distDir.replace(/\/$/, '')}/index.html`;
  const router = express.Router();
  let warned = false;

  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReserved(req.path)) {
      next();
      return;
    }
    for (const [name, value] of Object.entries(securityHeaders)) res.setHeader(name, value);
    next();
  });
  router.use(
    express.static(distDir, {
      index: false,
      redirect: false,
      setHeaders: (res, path) => {
        res.setHeader('cache-control', /\/assets\//.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    }),
  );
  router.use((req, res, next) => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || isReserved(req.path) || !req.accepts('html') || /\.[a-z0-9]{1,8}$/i.test(req.path)) {
      next();
      return;
    }
    if (!existsSync(index)) {
      if (!warned) options.logger.warn({ distDir }, 'the web app is not built; run `npm run build:web`');
      warned = true;
      res.status(503).type('text/plain').send('The web app is not built yet: run `npm run build:web` (npm start does it), then reload.\n');
      return;
    }
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}

export interface WebSettings {
  readonly trustProxy: boolean;
  readonly signInUrl: string | undefined;
}

/**
 * `TRUST_PROXY` (`true`: honour `X-Forwarded-Proto` from a TLS-terminating proxy, so session
 * cookies are marked Secure, and take the client's address for the sign-in limits from the last
 * `X-Forwarded-For` entry, the one that proxy added) and `AUTH_SIGN_IN_URL` (with an identity provider: where the page
 * sends people to sign in). A bad value stops the start with a message naming it.
 */
export function webSettingsFromEnv(env: NodeJS.ProcessEnv): WebSettings {
  const trust = env.TRUST_PROXY ?? '';
  if (!['', 'true', 'false'].includes(trust)) throw new Error('bad configuration: TRUST_PROXY: must be true or false');
  const signInUrl = env.AUTH_SIGN_IN_URL || undefined;
  if (signInUrl !== undefined && !/^(https:\/\/|\/)/.test(signInUrl)) {
    throw new Error('bad configuration: AUTH_SIGN_IN_URL: must be an https URL or a path on this server');
  }
  return { trustProxy: trust === 'true', signInUrl };
}

/** Signing in through the identity provider (AUTH_OIDC_ISSUER): the OpenID Connect client and the sessions it starts. */
export interface WebOidc {
  readonly client: OidcClient;
  readonly sessions: ProviderSessions;
}

/** The web app and its `/auth` routes, as mounted by createLedgerHttpApp. */
export function webRoutes(
  accounts: Accounts | undefined,
  authenticate: (request: Request) => Promise<Actor>,
  logger: Logger,
  settings: WebSettings = webSettingsFromEnv(process.env),
  oidc?: WebOidc,
): express.Router[] {
  if (oidc && settings.signInUrl) logger.warn('AUTH_SIGN_IN_URL is ignored: with AUTH_OIDC_ISSUER the page signs in at /auth/oidc/start');
  return [
    ...(oidc ? [createOidcRoutes({ ...oidc, trustProxy: settings.trustProxy, logger })] : []),
    createAuthRoutes({ accounts, authenticate, logger, ...settings, providerSessions: oidc?.sessions }),
    createWebAppRoutes({ logger }),
  ];
}
