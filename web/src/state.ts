import { useEffect, useState } from 'preact/hooks';
import { authCall, setCsrfToken, SignedOutError } from './api/client.js';
import { clearCache, setCacheOwner } from './offline/cache.js';
import { startOutbox, stopOutbox } from './offline/outbox.js';

export type Role = 'admin' | 'coordinator' | 'staff' | 'legal' | 'volunteer';

export interface SessionInfo {
  readonly mode: 'local' | 'identityProvider';
  readonly actor: { userId: string; role: Role; centreIds: string[]; volunteerId?: string };
  readonly user: { id: string; username: string } | null;
  readonly csrfToken: string | null;
}

type AuthState = { status: 'loading' } | { status: 'signedOut'; mode: 'local' | 'identityProvider'; signInUrl?: string; offline?: boolean } | { status: 'signedIn'; session: SessionInfo };

let state: AuthState = { status: 'loading' };
const listeners = new Set<() => void>();
const set = (next: AuthState) => {
  state = next;
  listeners.forEach((listener) => listener());
};

export const auth = () => state;
export function useAuth(): AuthState {
  const [, rerender] = useState(0);
  const seen = state;
  useEffect(() => {
    const listener = () => rerender((n) => n + 1);
    listeners.add(listener);
    // A change between this render and the subscription (an offline start fails at once) is not lost.
    if (state !== seen) listener();
    return () => void listeners.delete(listener);
  }, []);
  return state;
}

const SESSION_KEY = 'session';

/** Signed in: remembered (without the cookie, which the page cannot read) so the page opens offline. */
export async function signedIn(session: SessionInfo) {
  setCsrfToken(session.csrfToken);
  setCacheOwner(session.actor.userId);
  try {
    localStorage.setItem(SESSION_KEY, JSON.stringify(session));
  } catch {
    // private mode
  }
  set({ status: 'signedIn', session });
  await startOutbox(session.actor.userId);
}

/** Who this is: asks the server; with no connection, the last session this device had. */
export async function restoreSession() {
  try {
    const session = await authCall<SessionInfo>('session');
    await signedIn(session);
  } catch (error) {
    if (error instanceof SignedOutError) {
      await showSignIn();
      return;
    }
    const remembered = localStorage.getItem(SESSION_KEY);
    if (remembered) {
      await signedIn(JSON.parse(remembered) as SessionInfo);
      return;
    }
    set({ status: 'signedOut', mode: 'local', offline: true });
  }
}

async function showSignIn() {
  setCsrfToken(null);
  try {
    localStorage.removeItem(SESSION_KEY);
  } catch {
    // private mode
  }
  stopOutbox();
  const config = await authCall<{ mode: 'local' | 'identityProvider'; signInUrl?: string }>('config').catch(() => ({ mode: 'local' as const }));
  set({ status: 'signedOut', ...config });
}

/**
 * Why signing in through the identity provider failed, once: `/auth/oidc/callback` sends the
 * browser to `/?signInError=<reason>`; the reason is taken off the address so a reload does not repeat it.
 */
export function takeSignInError(): string | null {
  const params = new URLSearchParams(location.search);
  const reason = params.get('signInError');
  if (reason === null) return null;
  params.delete('signInError');
  const rest = params.toString();
  history.replaceState(null, '', `${location.pathname}${rest ? `?${rest}` : ''}${location.hash}`);
  return reason;
}

/** The session ended on the server (401): sign in again; the outbox keeps its items for this account. */
export const sessionEnded = () => void showSignIn();

export async function signOut() {
  await authCall('logout', {}).catch(() => undefined);
  await clearCache().catch(() => undefined);
  await showSignIn();
}
