import express from 'express';
import type { Logger } from 'pino';
import { cookieValue } from '../accounts/authenticate.js';
import type { ProviderSessionStore as ProviderSessions } from '../accounts/provider-sessions.js';
import { OIDC_CALLBACK_PATH, OIDC_FLOW_SECONDS, OIDC_START_PATH, OidcFailure, type OidcClient } from '../auth/oidc.js';
import { isSecureRequest, sessionCookie } from './auth-routes.js';

/**
 * `GET /auth/oidc/start` sends the browser to the identity provider; `GET /auth/oidc/callback`
 * is where it comes back: on success with a session cookie (as for local accounts) to `/`, else to
 * `/?signInError=<reason>`, which the sign-in screen shows in the user's language.
 */

/** The flow cookie: only for the callback, and SameSite=Lax because the provider's redirect back is a cross-site navigation. */
export const FLOW_COOKIE = 'cl_oidc';

export interface OidcRouteOptions {
  readonly client: OidcClient;
  readonly sessions: ProviderSessions;
  readonly trustProxy: boolean;
  readonly logger: Logger;
}

function flowCookie(value: string, maxAgeSeconds: number, secure: boolean): string {
  return [`${FLOW_COOKIE}=${value}`, `Path=${OIDC_CALLBACK_PATH}`, 'HttpOnly', 'SameSite=Lax', `Max-Age=${maxAgeSeconds}`, ...(secure ? ['Secure'] : [])].join('; ');
}

export function createOidcRoutes(options: OidcRouteOptions): express.Router {
  const { client, sessions, logger } = options;
  const router = express.Router();

  /** The callback URL: as configured, else this server as the browser reached it (the provider accepts only registered ones). */
  const redirectUri = (req: express.Request, secure: boolean): string | undefined => {
    if (client.settings.redirectUrl) return client.settings.redirectUrl;
    const host = req.headers.host;
    if (!host || !/^[A-Za-z0-9.-]+(:\d{1,5})?$|^\[[0-9A-Fa-f:.]+\](:\d{1,5})?$/.test(host)) return undefined;
    return `${secure ? 'https' : 'http'}://${host}${OIDC_CALLBACK_PATH}`;
  };

  const failed = (res: express.Response, reason: string) => res.redirect(303, `/?signInError=${reason}`);

  router.get(OIDC_START_PATH, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const secure = isSecureRequest(req, options.trustProxy);
    const callback = redirectUri(req, secure);
    if (!callback) {
      res.status(400).type('text/plain').send('bad Host header');
      return;
    }
    try {
      const { location, flowCookie: value } = await client.begin(callback);
      res.setHeader('set-cookie', flowCookie(value, OIDC_FLOW_SECONDS, secure));
      res.redirect(303, location);
    } catch (error) {
      if (error instanceof OidcFailure) logger.warn({ reason: error.reason, why: error.message }, 'sign-in through the identity provider could not start');
      else logger.error({ err: error }, 'an /auth/oidc/start request failed');
      failed(res, error instanceof OidcFailure ? error.reason : 'failed');
    }
  });

  router.get(OIDC_CALLBACK_PATH, async (req, res) => {
    res.setHeader('cache-control', 'no-store');
    const secure = isSecureRequest(req, options.trustProxy);
    // The flow cookie is used once, whatever happens.
    res.append('set-cookie', flowCookie('', 0, secure));
    try {
      const actor = await client.complete(req.query as Record<string, unknown>, cookieValue(req.headers.cookie, FLOW_COOKIE));
      const { sessionToken, session } = await sessions.start(actor);
      res.append('set-cookie', sessionCookie(sessionToken, (session.expiresAt - Date.now()) / 1000, secure));
      // The role only: the provider's user claim may be a name or an e-mail address.
      logger.info({ role: actor.role }, 'signed in through the identity provider');
      res.redirect(303, '/');
    } catch (error) {
      if (error instanceof OidcFailure) {
        // Our own messages: they name claims and codes, never the token or the person.
        logger.warn({ reason: error.reason, why: error.message }, 'sign-in through the identity provider failed');
        failed(res, error.reason);
        return;
      }
      logger.error({ err: error }, 'an /auth/oidc/callback request failed');
      failed(res, 'failed');
    }
  });

  return router;
}
