import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import type { Actor, Role } from '../auth/actor.js';
import { roles } from '../auth/actor.js';
import { badInput, conflict, domainError, notFound } from '../domain/shared/errors.js';
import { openLedgerDatabase } from '../store/sqlite.js';
import { defaultScryptParameters, dummyHashFor, hashPassword, passwordCheck, passwordRefused, verifyPassword, type ScryptParameters } from './passwords.js';
import { createSignInThrottle, defaultThrottleSettings, type ThrottleLimit, type ThrottleSettings } from './throttle.js';

/**
 * The web app's user accounts and sessions, in `<dataDir>/accounts.db`.
 *
 * Why a separate SQLite file and not events: users are not beneficiaries, and these records are
 * mutable credentials (a password hash replaced on reset, sessions that expire every few days).
 * In the immutable event log, every old password hash would be kept for ever, a reset could not
 * really forget anything, and the log would fill with session renewals that no report needs. The
 * activity a user records still carries their account id (the Actor's `userId`), never their name.
 * With several API servers on one KurrentDB, the accounts live in KurrentDB instead
 * (kurrentdb-accounts.ts), with the same rules.
 */

/** Marks accounts.db as this ledger's account store, so a foreign SQLite file is refused, not altered. */
export const ACCOUNT_STORE_APPLICATION_ID = 0x43_4c_41_43; // "CLAC"
export const ACCOUNT_STORE_FILE = 'accounts.db';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export interface AccountSettings {
  /** A session unused for this long ends (ms). Long, because phones work offline for days. */
  readonly sessionIdleMs: number;
  /** A session ends this long after sign-in whatever happens (ms). */
  readonly sessionMaxMs: number;
  /** How long a one-time link to set a password stays valid (ms). */
  readonly setupLinkMs: number;
  /** Limits on failed sign-ins: per name and address, per address, and a last-resort ceiling per name (throttle.ts). */
  readonly throttle: ThrottleSettings;
  readonly scrypt: ScryptParameters;
}

export const defaultAccountSettings: AccountSettings = {
  sessionIdleMs: 7 * DAY,
  sessionMaxMs: 30 * DAY,
  setupLinkMs: 72 * HOUR,
  throttle: defaultThrottleSettings,
  scrypt: defaultScryptParameters,
};

export interface AccountsOptions {
  readonly dataDir: string;
  /** Whether a centre or volunteer id names something, so an account never points at nothing. */
  readonly exists?: { readonly centre: (id: string) => boolean; readonly volunteer: (id: string) => boolean };
  readonly settings?: Partial<Omit<AccountSettings, 'throttle'>> & { readonly throttle?: Partial<ThrottleSettings> };
  readonly now?: () => number;
  /** Told when failed sign-ins fill a limit (for one warning in the log; never with the name). */
  readonly onLimitReached?: (limit: ThrottleLimit) => void;
}

/** A user as the admin screens show it: never the password hash. */
export interface UserView {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
  readonly centreIds: readonly string[];
  readonly volunteerId: string | null;
  readonly active: boolean;
  readonly passwordSet: boolean;
  readonly createdAt: string;
}

export interface NewUser {
  readonly username: unknown;
  readonly role: unknown;
  readonly centreIds?: unknown;
  readonly volunteerId?: unknown;
}

export interface Session {
  readonly user: UserView;
  readonly actor: Actor;
  readonly csrfToken: string;
  readonly expiresAt: number;
}

export interface SignedIn {
  /** The cookie's value: shown once, stored only as a hash. */
  readonly sessionToken: string;
  readonly session: Session;
}

export interface SetupLink {
  readonly user: UserView;
  /** Goes after `#` in the link (`/setup#<token>`), so it is never sent to a server or logged. */
  readonly token: string;
  readonly expiresAt: string;
}

/** A user as accounts.db stores it. */
export interface UserRow {
  id: string;
  username: string;
  role: string;
  centre_ids: string;
  volunteer_id: string | null;
  password_hash: string | null;
  active: number;
  created_at: number;
}

interface SessionRow {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
}

export const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');
export const newToken = () => randomBytes(32).toString('base64url');
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** The Actor a user acts as: the same shape and rules as a token's (see actorForRole in src/auth/tokens.ts). */
export const actorOfUser = (user: UserView): Actor => {
  // The account id, not the user name: it goes into event metadata, which is never erased.
  const userId = `account:${user.id}`;
  switch (user.role) {
    case 'staff':
    case 'legal':
      return { userId, role: user.role, centreIds: user.centreIds };
    case 'volunteer':
      return { userId, role: user.role, centreIds: [], volunteerId: user.volunteerId ?? undefined };
    default:
      return { userId, role: user.role, centreIds: [] };
  }
};

/** Checks a role and its scope as the token verifier does: staff and legal advisers need centres, a volunteer their volunteer id. */
export function scopeOf(input: { role: unknown; centreIds?: unknown; volunteerId?: unknown }, exists: AccountsOptions['exists']) {
  if (typeof input.role !== 'string' || !(roles as readonly string[]).includes(input.role)) {
    throw badInput('role', `role: must be one of ${roles.join(', ')}`);
  }
  const role = input.role as Role;
  const given = input.centreIds ?? [];
  if (!Array.isArray(given) || !given.every((id) => typeof id === 'string' && id.trim() !== '')) {
    throw badInput('centreIds', 'centreIds: must be a list of centre ids');
  }
  const centreIds = [...new Set(given.map((id: string) => id.trim()))];
  const volunteerId = typeof input.volunteerId === 'string' && input.volunteerId.trim() !== '' ? input.volunteerId.trim() : null;
  if (input.volunteerId !== undefined && input.volunteerId !== null && input.volunteerId !== '' && volunteerId === null) {
    throw badInput('volunteerId', 'volunteerId: must be a volunteer id');
  }
  if ((role === 'staff' || role === 'legal') && centreIds.length === 0) throw badInput('centreIds', `centreIds: a ${role} account needs at least one centre`);
  if (role === 'volunteer' && volunteerId === null) throw badInput('volunteerId', 'volunteerId: a volunteer account needs the volunteer it speaks for');
  for (const id of centreIds) if (exists && !exists.centre(id)) throw notFound('centreIds', `no centre has the id ${id.slice(0, 60)}`);
  if (role === 'volunteer' && exists && !exists.volunteer(volunteerId!)) throw notFound('volunteerId', 'no volunteer has this id');
  // Each role keeps only the scope it uses, as for tokens.
  return {
    role,
    centreIds: role === 'staff' || role === 'legal' ? centreIds : [],
    volunteerId: role === 'volunteer' ? volunteerId : null,
  };
}


type MaybePromise<T> = T | Promise<T>;

/**
 * The web app's accounts as the routes use them: in accounts.db (openAccounts, answers at once)
 * or, with several servers on one KurrentDB, in KurrentDB (src/accounts/kurrentdb-accounts.ts,
 * answers after a read): callers await every answer.
 */
export interface AccountStore {
  readonly settings: AccountSettings;
  actorOf(user: UserView): Actor;
  bootstrap(): MaybePromise<SetupLink | null>;
  users(): MaybePromise<UserView[]>;
  user(id: string): MaybePromise<UserView | undefined>;
  createUser(input: NewUser): MaybePromise<SetupLink>;
  updateUser(id: unknown, input: Omit<NewUser, 'username'>): MaybePromise<UserView>;
  resetPassword(id: unknown): MaybePromise<SetupLink>;
  setActive(id: unknown, active: boolean, by?: Actor): MaybePromise<UserView>;
  completeSetup(token: unknown, password: unknown): Promise<SignedIn>;
  signIn(username: unknown, password: unknown, clientAddress?: string): Promise<SignedIn>;
  changePassword(sessionToken: string, current: unknown, next: unknown, clientAddress?: string): Promise<SignedIn>;
  session(sessionToken: string | undefined): MaybePromise<Session | undefined>;
  csrfMatches(session: { readonly csrfToken: string }, header: string | null | undefined): boolean;
  signOut(sessionToken: string | undefined): MaybePromise<void>;
  close(): void;
}

export type Accounts = ReturnType<typeof openAccounts>;

export function openAccounts(options: AccountsOptions) {
  const settings: AccountSettings = {
    ...defaultAccountSettings,
    ...options.settings,
    throttle: { ...defaultThrottleSettings, ...options.settings?.throttle },
  };
  const now = options.now ?? Date.now;
  const db: Database.Database = openLedgerDatabase(join(options.dataDir, ACCOUNT_STORE_FILE), ACCOUNT_STORE_APPLICATION_ID, 'account store');
  db.pragma('journal_mode = WAL');
  db.pragma('busy_timeout = 5000');
  db.exec(`
    CREATE TABLE IF NOT EXISTS users (
      id            TEXT PRIMARY KEY,
      username      TEXT NOT NULL UNIQUE,
      role          TEXT NOT NULL,
      centre_ids    TEXT NOT NULL,
      volunteer_id  TEXT,
      password_hash TEXT,
      active        INTEGER NOT NULL,
      created_at    INTEGER NOT NULL
    );
    CREATE TABLE IF NOT EXISTS sessions (
      token_hash   TEXT PRIMARY KEY,
      user_id      TEXT NOT NULL REFERENCES users(id),
      csrf_token   TEXT NOT NULL,
      created_at   INTEGER NOT NULL,
      last_seen_at INTEGER NOT NULL
    );
    CREATE INDEX IF NOT EXISTS sessions_by_user ON sessions (user_id);
    CREATE TABLE IF NOT EXISTS setup_links (
      token_hash TEXT PRIMARY KEY,
      user_id    TEXT NOT NULL REFERENCES users(id),
      expires_at INTEGER NOT NULL
    );
  `);
  db.pragma(`application_id = ${ACCOUNT_STORE_APPLICATION_ID}`);

  const q = {
    userById: db.prepare<[string], UserRow>(`SELECT * FROM users WHERE id = ?`),
    userByName: db.prepare<[string], UserRow>(`SELECT * FROM users WHERE username = ?`),
    users: db.prepare<[], UserRow>(`SELECT * FROM users ORDER BY username`),
    userCount: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users`),
    activeAdmins: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1`),
    adminsWithPassword: db.prepare<[], { n: number }>(`SELECT count(*) AS n FROM users WHERE role = 'admin' AND active = 1 AND password_hash IS NOT NULL`),
    firstPasswordlessAdmin: db.prepare<[], UserRow>(
      `SELECT * FROM users WHERE role = 'admin' AND active = 1 AND password_hash IS NULL ORDER BY created_at, username LIMIT 1`,
    ),
    insertUser: db.prepare(
      `INSERT INTO users (id, username, role, centre_ids, volunteer_id, password_hash, active, created_at) VALUES (@id, @username, @role, @centre_ids, @volunteer_id, NULL, 1, @created_at)`,
    ),
    updateUser: db.prepare(`UPDATE users SET role = @role, centre_ids = @centre_ids, volunteer_id = @volunteer_id WHERE id = @id`),
    setPassword: db.prepare<[string | null, string]>(`UPDATE users SET password_hash = ? WHERE id = ?`),
    setActive: db.prepare<[number, string]>(`UPDATE users SET active = ? WHERE id = ?`),
    insertSession: db.prepare(
      `INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at) VALUES (@token_hash, @user_id, @csrf_token, @created_at, @created_at)`,
    ),
    session: db.prepare<[string], SessionRow>(`SELECT * FROM sessions WHERE token_hash = ?`),
    touchSession: db.prepare<[number, string]>(`UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?`),
    deleteSession: db.prepare<[string]>(`DELETE FROM sessions WHERE token_hash = ?`),
    deleteSessionsOf: db.prepare<[string]>(`DELETE FROM sessions WHERE user_id = ?`),
    deleteExpiredSessions: db.prepare<[number, number]>(`DELETE FROM sessions WHERE last_seen_at < ? OR created_at < ?`),
    insertLink: db.prepare<[string, string, number]>(`INSERT INTO setup_links (token_hash, user_id, expires_at) VALUES (?, ?, ?)`),
    link: db.prepare<[string], { user_id: string; expires_at: number }>(`SELECT user_id, expires_at FROM setup_links WHERE token_hash = ?`),
    deleteLink: db.prepare<[string]>(`DELETE FROM setup_links WHERE token_hash = ?`),
    deleteLinksOf: db.prepare<[string]>(`DELETE FROM setup_links WHERE user_id = ?`),
    deleteExpiredLinks: db.prepare<[number]>(`DELETE FROM setup_links WHERE expires_at < ?`),
  };

  const view = (row: UserRow): UserView => ({
    id: row.id,
    username: row.username,
    role: row.role as Role,
    centreIds: JSON.parse(row.centre_ids) as string[],
    volunteerId: row.volunteer_id,
    active: row.active === 1,
    passwordSet: row.password_hash !== null,
    createdAt: new Date(row.created_at).toISOString(),
  });

  const actorOf = actorOfUser;
  const scopeFor = (input: { role: unknown; centreIds?: unknown; volunteerId?: unknown }) => scopeOf(input, options.exists);

  function issueLink(userId: string): SetupLink {
    const token = newToken();
    const expiresAt = now() + settings.setupLinkMs;
    q.deleteExpiredLinks.run(now());
    q.insertLink.run(sha256(token), userId, expiresAt);
    return { user: view(q.userById.get(userId)!), token, expiresAt: new Date(expiresAt).toISOString() };
  }

  function userRow(id: unknown): UserRow {
    const row = typeof id === 'string' ? q.userById.get(id) : undefined;
    if (!row) throw notFound('id', 'no user has this id');
    return row;
  }

  function startSession(row: UserRow): SignedIn {
    const sessionToken = newToken();
    const csrfToken = newToken();
    const created = now();
    q.deleteExpiredSessions.run(created - settings.sessionIdleMs, created - settings.sessionMaxMs);
    q.insertSession.run({ token_hash: sha256(sessionToken), user_id: row.id, csrf_token: csrfToken, created_at: created });
    const user = view(row);
    return { sessionToken, session: { user, actor: actorOf(user), csrfToken, expiresAt: created + settings.sessionMaxMs } };
  }

  /** The session a cookie names, if it is still valid and its user active; renews its idle time. */
  function session(sessionToken: string | undefined): Session | undefined {
    if (!sessionToken || sessionToken.length > 100) return undefined;
    const key = sha256(sessionToken);
    const row = q.session.get(key);
    if (!row) return undefined;
    const at = now();
    if (at - row.last_seen_at > settings.sessionIdleMs || at - row.created_at > settings.sessionMaxMs) {
      q.deleteSession.run(key);
      return undefined;
    }
    const userRow = q.userById.get(row.user_id);
    if (!userRow || userRow.active !== 1 || userRow.password_hash === null) return undefined;
    // Written at most once a minute, not on every request.
    if (at - row.last_seen_at > 60_000) q.touchSession.run(at, key);
    const user = view(userRow);
    return { user, actor: actorOf(user), csrfToken: row.csrf_token, expiresAt: row.created_at + settings.sessionMaxMs };
  }

  // Failed sign-ins per name and address, per address and per name, in memory (see throttle.ts).
  const throttle = createSignInThrottle(settings.throttle, now);
  let dummyHash: Promise<string> | undefined;

  return {
    settings,
    actorOf,

    /**
     * The first start: with no user at all, creates the admin account `admin` without a password.
     * While no admin has set a password, every call revokes the earlier links and returns a new
     * one-time link for that admin; afterwards, null. A default password is never made.
     */
    bootstrap(): SetupLink | null {
      return db.transaction(() => {
        if (q.userCount.get()!.n === 0) {
          q.insertUser.run({ id: randomUUID(), username: 'admin', role: 'admin', centre_ids: '[]', volunteer_id: null, created_at: now() });
        }
        if (q.adminsWithPassword.get()!.n > 0) return null;
        const admin = q.firstPasswordlessAdmin.get();
        if (!admin) return null;
        q.deleteLinksOf.run(admin.id);
        return issueLink(admin.id);
      })();
    },

    users: (): UserView[] => q.users.all().map(view),
    user: (id: string): UserView | undefined => {
      const row = q.userById.get(id);
      return row ? view(row) : undefined;
    },

    /** A new account without a password, and its one-time link to set one. */
    createUser(input: NewUser): SetupLink {
      const username = typeof input.username === 'string' ? input.username.trim().toLowerCase() : '';
      if (!USERNAME.test(username)) {
        throw badInput('username', 'username: 2 to 63 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit');
      }
      const scope = scopeFor(input);
      return db.transaction(() => {
        if (q.userByName.get(username)) throw conflict('a user with this name already exists', 'username');
        const id = randomUUID();
        q.insertUser.run({ id, username, role: scope.role, centre_ids: JSON.stringify(scope.centreIds), volunteer_id: scope.volunteerId, created_at: now() });
        return issueLink(id);
      })();
    },

    /** Changes a user's role and scope; it applies to their open sessions at once. */
    updateUser(id: unknown, input: Omit<NewUser, 'username'>): UserView {
      const row = userRow(id);
      const scope = scopeFor(input);
      return db.transaction(() => {
        if (row.role === 'admin' && scope.role !== 'admin' && row.active === 1 && q.activeAdmins.get()!.n <= 1) {
          throw conflict('the last active admin cannot lose the admin role');
        }
        q.updateUser.run({ id: row.id, role: scope.role, centre_ids: JSON.stringify(scope.centreIds), volunteer_id: scope.volunteerId });
        return view(q.userById.get(row.id)!);
      })();
    },

    /** Forgets the password, ends the user's sessions and earlier links, and returns a new one-time link. */
    resetPassword(id: unknown): SetupLink {
      const row = userRow(id);
      return db.transaction(() => {
        q.setPassword.run(null, row.id);
        q.deleteSessionsOf.run(row.id);
        q.deleteLinksOf.run(row.id);
        return issueLink(row.id);
      })();
    },

    /** A deactivated user cannot sign in and their sessions end; their account id stays in the log's metadata. */
    setActive(id: unknown, active: boolean, by?: Actor): UserView {
      const row = userRow(id);
      return db.transaction(() => {
        if (!active) {
          if (by && by.userId === `account:${row.id}`) throw conflict('an admin cannot deactivate their own account');
          if (row.role === 'admin' && row.active === 1 && q.activeAdmins.get()!.n <= 1) throw conflict('the last active admin cannot be deactivated');
          q.deleteSessionsOf.run(row.id);
          q.deleteLinksOf.run(row.id);
        }
        q.setActive.run(active ? 1 : 0, row.id);
        return view(q.userById.get(row.id)!);
      })();
    },

    /** Sets the password from a one-time link (which is then used up) and signs the user in. */
    async completeSetup(token: unknown, password: unknown): Promise<SignedIn> {
      const link = typeof token === 'string' && token.length < 200 ? q.link.get(sha256(token)) : undefined;
      if (!link || link.expires_at < now()) throw domainError('UNAUTHENTICATED', 'this link is not valid any more; ask an admin for a new one');
      const row = q.userById.get(link.user_id);
      if (!row || row.active !== 1) throw domainError('UNAUTHENTICATED', 'this link is not valid any more; ask an admin for a new one');
      const problem = passwordCheck(password, row.username);
      if (problem) throw passwordRefused('password', problem);
      const hash = await hashPassword(password as string, settings.scrypt);
      return db.transaction(() => {
        // Checked again: the link may have been used while the hash was computed.
        if (!q.link.get(sha256(token as string))) throw domainError('UNAUTHENTICATED', 'this link is not valid any more; ask an admin for a new one');
        q.deleteLinksOf.run(row.id);
        q.deleteSessionsOf.run(row.id);
        q.setPassword.run(hash, row.id);
        return startSession(q.userById.get(row.id)!);
      })();
    },

    /**
     * Signs in with a user name and password, from a client address (express's `req.ip`). Unknown
     * name, wrong password and inactive account give one answer. Too many failures throw
     * TooManyAttempts (throttle.ts) before the password is looked at.
     */
    async signIn(username: unknown, password: unknown, clientAddress?: string): Promise<SignedIn> {
      const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
      const given = typeof password === 'string' ? password.slice(0, 1024) : '';
      const attempt = throttle.attempt(name, clientAddress);
      const row = name ? q.userByName.get(name) : undefined;
      const hash = row?.password_hash ?? (await (dummyHash ??= dummyHashFor(settings.scrypt)));
      const matches = (await verifyPassword(given, hash)) && row !== undefined && row.password_hash !== null && row.active === 1;
      if (!matches) {
        for (const limit of attempt.filled) options.onLimitReached?.(limit);
        throw domainError('UNAUTHENTICATED', 'the user name or password is not right');
      }
      attempt.succeeded();
      return startSession(q.userById.get(row.id)!);
    },

    /**
     * Changes one's own password, knowing the current one; other sessions of the user end. Guesses
     * at the current password count against the same limits as failed sign-ins (a stolen session
     * must not become an unthrottled way to guess the password), and throw TooManyAttempts.
     */
    async changePassword(sessionToken: string, current: unknown, next: unknown, clientAddress?: string): Promise<SignedIn> {
      const existing = session(sessionToken);
      if (!existing) throw domainError('UNAUTHENTICATED', 'your session has ended; sign in again');
      const row = q.userById.get(existing.user.id)!;
      const attempt = throttle.attempt(row.username, clientAddress);
      if (typeof current !== 'string' || !row.password_hash || !(await verifyPassword(current.slice(0, 1024), row.password_hash))) {
        for (const limit of attempt.filled) options.onLimitReached?.(limit);
        throw badInput('currentPassword', 'the current password is not right');
      }
      attempt.succeeded();
      const problem = passwordCheck(next, row.username);
      if (problem) throw passwordRefused('newPassword', problem);
      const hash = await hashPassword(next as string, settings.scrypt);
      return db.transaction(() => {
        q.setPassword.run(hash, row.id);
        q.deleteSessionsOf.run(row.id);
        return startSession(q.userById.get(row.id)!);
      })();
    },

    session,

    /** Whether a request's `x-csrf-token` header is this session's token (constant-time). */
    csrfMatches: (session: Session, header: string | null | undefined) => typeof header === 'string' && sameText(header, session.csrfToken),

    signOut(sessionToken: string | undefined) {
      if (sessionToken) q.deleteSession.run(sha256(sessionToken));
    },

    close() {
      db.close();
    },
  };
}
