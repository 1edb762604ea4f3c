import type { Actor } from '../auth/actor.js';
import type { TokenVerifier } from '../auth/tokens.js';
import { domainError } from '../domain/shared/errors.js';
import type { UserView } from './accounts.js';

/** The session cookie's name. `__Host-` needs Secure, which plain http on localhost cannot have, so one name for both. */
export const SESSION_COOKIE = 'cl_session';
/** The header a page sends on every state-changing request made with the session cookie. */
export const CSRF_HEADER = 'x-csrf-token';

/** A session a cookie names: a local account's (src/accounts/accounts.ts) or one signed in through the identity provider (provider-sessions.ts, no local user). */
export interface CookieSession {
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly expiresAt: number;
  readonly user: UserView | null;
}

/** Where sessions live: local accounts, or the identity provider's sessions. */
export interface SessionStore {
  /** At once (SQLite) or after a read (KurrentDB, several servers): awaited either way. */
  session(sessionToken: string | undefined): CookieSession | undefined | Promise<CookieSession | undefined>;
  csrfMatches(session: CookieSession, header: string | null | undefined): boolean;
  signOut(sessionToken: string | undefined): void | Promise<void>;
}

/** Methods that change nothing (GraphQL over GET runs queries only), and so need no CSRF header. */
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The value of one cookie in a `Cookie` header, or undefined. */
export function cookieValue(header: string | null | undefined, name: string): string | undefined {
  if (!header) return undefined;
  for (const part of header.split(';')) {
    const at = part.indexOf('=');
    if (at < 0) continue;
    if (part.slice(0, at).trim() === name) return part.slice(at + 1).trim();
  }
  return undefined;
}

/**
 * Who is asking: the session's user when the request carries a valid session cookie (and, unless
 * it is a GET or HEAD, the session's CSRF token in `x-csrf-token`), else the bearer token, as before.
 * A request with a valid cookie and a missing or wrong CSRF header is refused, not sent on to the
 * bearer check, so a forged cross-site POST never runs as anyone.
 */
export function sessionOrBearer(sessions: SessionStore | undefined, verifier: TokenVerifier): (request: Request) => Promise<Actor> {
  return async (request) => {
    const token = sessions ? cookieValue(request.headers.get('cookie'), SESSION_COOKIE) : undefined;
    const session = token ? await sessions!.session(token) : undefined;
    if (session) {
      if (!SAFE_METHODS.has(request.method.toUpperCase()) && !sessions!.csrfMatches(session, request.headers.get(CSRF_HEADER))) {
        throw domainError('UNAUTHENTICATED', `a request made with the session cookie must send the session's ${CSRF_HEADER} header`);
      }
      return session.actor;
    }
    if (token && !request.headers.get('authorization')) throw domainError('UNAUTHENTICATED', 'your session has ended; sign in again');
    return verifier.verify(request.headers.get('authorization'));
  };
}
