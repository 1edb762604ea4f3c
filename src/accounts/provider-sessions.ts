import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Actor } from '../auth/actor.js';
import { openLedgerDatabase } from '../store/sqlite.js';
import { defaultAccountSettings, newToken, sameText, sha256 } from './accounts.js';

/**
 * Sessions of people signed in through the identity provider (OpenID Connect), in
 * `<dataDir>/provider-sessions.db`. There is no local user behind them: each session holds the
 * actor the provider's id_token mapped to at sign-in, so a change at the provider (another role,
 * an account closed) applies from the next sign-in; hence the shorter maximum lifetime.
 * Cookie, CSRF token and expiry work as for local sessions (src/accounts/accounts.ts).
 */

export const PROVIDER_SESSION_STORE_FILE = 'provider-sessions.db';
export const PROVIDER_SESSION_STORE_APPLICATION_ID = 0x43_4c_50_53; // "CLPS"

export interface ProviderSessionsOptions {
  readonly dataDir: string;
  /** A session ends this long after sign-in (ms). */
  readonly sessionMaxMs: number;
  /** A session unused for this long ends (ms); as for local sessions. */
  readonly sessionIdleMs?: number;
  readonly now?: () => number;
}

export interface ProviderSession {
  readonly user: null;
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

interface Row {
  actor: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

export type ProviderSessions = ReturnType<typeof openProviderSessions>;

type MaybePromise<T> = T | Promise<T>;

/** Provider sessions as the routes use them: in provider-sessions.db, or in KurrentDB with several servers (kurrentdb-provider-sessions.ts). */
export interface ProviderSessionStore {
  start(actor: Actor): MaybePromise<{ sessionToken: string; session: ProviderSession }>;
  session(sessionToken: string | undefined): MaybePromise<ProviderSession | undefined>;
  csrfMatches(session: { readonly csrfToken: string }, header: string | null | undefined): boolean;
  signOut(sessionToken: string | undefined): MaybePromise<void>;
  close(): void;
}

export function openProviderSessions(options: ProviderSessionsOptions) {
  const now = options.now ?? Date.now;
  const idleMs = options.sessionIdleMs ?? defaultAccountSettings.sessionIdleMs;
  const maxMs = options.sessionMaxMs;
  const db: Database.Database = openLedgerDatabase(
    join(options.dataDir, PROVIDER_SESSION_STORE_FILE),
    PROVIDER_SESSION_STORE_APPLICATION_ID,
    'provider session store',
  );
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS sessions (
      token_hash   TEXT PRIMARY KEY,
      actor        TEXT NOT NULL,
      csrf_token   TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    );
  `);
  db.pragma(`application_id = ${PROVIDER_SESSION_STORE_APPLICATION_ID}`);

  const q = {
    insert: db.prepare(
      `INSERT INTO sessions (token_hash, actor, csrf_token, created_at, last_seen_at) VALUES (@token_hash, @actor, @csrf_token, @created_at, @created_at)`,
    ),
    get: db.prepare<[string], Row>(`SELECT actor, csrf_token, created_at, last_seen_at FROM sessions WHERE token_hash = ?`),
    touch: db.prepare<[number, string]>(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`),
    delete: db.prepare<[string]>(`DELETE FROM sessions WHERE token_hash = ?`),
    deleteExpired: db.prepare<[number, number]>(`DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`),
  };

  return {
    /** A new session for an actor the provider vouched for; the cookie's value is returned once and stored only as a hash. */
    start(actor: Actor): { sessionToken: string; session: ProviderSession } {
      const sessionToken = newToken();
      const csrfToken = newToken();
      const created = now();
      q.deleteExpired.run(created - idleMs, created - maxMs);
      q.insert.run({ token_hash: sha256(sessionToken), actor: JSON.stringify(actor), csrf_token: csrfToken, created_at: created });
      return { sessionToken, session: { user: null, actor, csrfToken, expiresAt: created + maxMs } };
    },

    /** The session a cookie names, if still valid; renews its idle time. */
    session(sessionToken: string | undefined): ProviderSession | undefined {
      if (!sessionToken || sessionToken.length > 100) return undefined;
      const key = sha256(sessionToken);
      const row = q.get.get(key);
      if (!row) return undefined;
      const at = now();
      if (at - row.last_seen_at > idleMs || at - row.created_at > maxMs) {
        q.delete.run(key);
        return undefined;
      }
      if (at - row.last_seen_at > 60_000) q.touch.run(at, key);
      return { user: null, actor: JSON.parse(row.actor) as Actor, csrfToken: row.csrf_token, expiresAt: row.created_at + maxMs };
    },

    csrfMatches: (session: { readonly csrfToken: string }, header: string | null | undefined) => typeof header === 'string' && sameText(header, session.csrfToken),

    signOut(sessionToken: string | undefined) {
      if (sessionToken) q.delete.run(sha256(sessionToken));
    },

    close() {
      db.close();
    },
  };
}
