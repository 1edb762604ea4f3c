import type { Actor } from '../auth/actor.js';
import type { SideStreams } from '../store/kurrentdb-streams.js';
import { defaultAccountSettings, newToken, sameText, sha256 } from './accounts.js';
import type { ProviderSession, ProviderSessionStore } from './provider-sessions.js';

/**
 * Sessions of people signed in through the identity provider, in KurrentDB for several API
 * servers (provider-sessions.db holds them for one): a session started through one server is valid
 * on every other, and signing out on one ends it on all. One stream per session,
 * `web-provider-session-<sha256(token)>`: its start (the actor the provider's token mapped to, the
 * CSRF token), when it was last seen (at most every few minutes) and its end; `$maxAge` its
 * longest life, so a scavenge removes it after it expired.
 */

const streamOf = (sessionToken: string) => `web-provider-session-${sha256(sessionToken)}`;
const TOUCH_EVERY_MS = 5 * 60_000;

type Event =
  | { type: 'ProviderSessionStarted'; data: { actor: Actor; csrfToken: string; createdAt: number } }
  | { type: 'SessionSeen'; data: { at: number } }
  | { type: 'SessionEnded'; data: Record<string, never> };

export function openSharedProviderSessions(options: { streams: SideStreams; sessionMaxMs: number; sessionIdleMs?: number; now?: () => number }): ProviderSessionStore {
  const { streams } = options;
  const now = options.now ?? Date.now;
  const idleMs = options.sessionIdleMs ?? defaultAccountSettings.sessionIdleMs;
  const maxMs = options.sessionMaxMs;

  return {
    async start(actor) {
      const sessionToken = newToken();
      const csrfToken = newToken();
      const created = now();
      await streams.append(streamOf(sessionToken), [{ type: 'ProviderSessionStarted', data: { actor, csrfToken, createdAt: created } }], 'no_stream');
      await streams.limit(streamOf(sessionToken), { maxAgeSeconds: Math.ceil(maxMs / 1000) + 3_600 });
      return { sessionToken, session: { user: null, actor, csrfToken, expiresAt: created + maxMs } };
    },

    async session(sessionToken): Promise<ProviderSession | undefined> {
      if (!sessionToken || sessionToken.length > 100) return undefined;
      const events = (await streams.read(streamOf(sessionToken))) as unknown as Event[];
      const started = events.find((event) => event.type === 'ProviderSessionStarted') as Extract<Event, { type: 'ProviderSessionStarted' }> | undefined;
      if (!started || events.some((event) => event.type === 'SessionEnded')) return undefined;
      const lastSeen = Math.max(started.data.createdAt, ...events.flatMap((event) => (event.type === 'SessionSeen' ? [event.data.at] : [])));
      const at = now();
      if (at - lastSeen > idleMs || at - started.data.createdAt > maxMs) return undefined;
      if (at - lastSeen > TOUCH_EVERY_MS) await streams.append(streamOf(sessionToken), [{ type: 'SessionSeen', data: { at } }], 'any').catch(() => {});
      return { user: null, actor: started.data.actor, csrfToken: started.data.csrfToken, expiresAt: started.data.createdAt + maxMs };
    },

    csrfMatches: (session, header) => typeof header === 'string' && sameText(header, session.csrfToken),

    async signOut(sessionToken) {
      if (!sessionToken || sessionToken.length > 100) return;
      if ((await streams.read(streamOf(sessionToken), { maxCount: 1 })).length === 0) return;
      await streams.append(streamOf(sessionToken), [{ type: 'SessionEnded', data: {} }], 'any');
    },

    close() {},
  };
}
