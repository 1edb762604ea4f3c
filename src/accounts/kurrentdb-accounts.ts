import { randomUUID } from 'node:crypto';
import { conflict, domainError, notFound, badInput } from '../domain/shared/errors.js';
import { isWrongExpectedRevision } from '../store/port.js';
import type { SideStreams } from '../store/kurrentdb-streams.js';
import {
  actorOfUser,
  defaultAccountSettings,
  newToken,
  sameText,
  scopeOf,
  sha256,
  type AccountSettings,
  type AccountStore,
  type AccountsOptions,
  type Session,
  type SetupLink,
  type SignedIn,
  type UserView,
} from './accounts.js';
import { dummyHashFor, hashPassword, passwordCheck, passwordRefused, verifyPassword } from './passwords.js';
import { createSignInThrottle, defaultThrottleSettings } from './throttle.js';

/**
 * The web app's accounts in KurrentDB, for several API servers on one log: a user created on one
 * server signs in on every other. accounts.db holds them for a single server (accounts.ts).
 *
 * - `web-accounts`: one stream of every account change (created, scope, active, password set or
 *   forgotten, setup link issued or revoked, sessions revoked). One stream, so the rules that span
 *   accounts (a unique name, never without an active admin) hold through its expected revision:
 *   a server that lost a race reads the change and decides again. Each server folds it and reads
 *   only what is new before each answer, so every answer reflects every server's changes.
 * - `web-account-password-<userId>`: the password hash, `$maxCount` 1: a scavenge removes the
 *   replaced hashes, which the one stream above would keep for ever.
 * - `web-session-<sha256(token)>`: a session (its user, CSRF token, start), when it was last seen
 *   (written at most every few minutes) and its end; `$maxAge` its longest life. A session started
 *   on one server is valid on every other; signing out, a reset or a deactivation ends it on all.
 * - `web-sign-in-<sha256(name)>`: failed sign-ins (address key, time, which server), kept a day:
 *   each server counts the others' failures too before checking a password (best effort).
 */

export const ACCOUNTS_STREAM = 'web-accounts';
export const passwordStream = (userId: string) => `web-account-password-${userId}`;
const sessionStream = (tokenHash: string) => `web-session-${tokenHash}`;
const failureStream = (username: string) => `web-sign-in-${sha256(username)}`;

/** A session's last use is written at most this often (its idle limit counts in days). */
const TOUCH_EVERY_MS = 5 * 60_000;
const FAILURES_KEPT_SECONDS = 24 * 3_600;
const USERNAME = /^[a-z0-9][a-z0-9._-]{1,62}$/;

export type AccountEvent =
  | { type: 'UserCreated'; data: { id: string; username: string; role: string; centreIds: string[]; volunteerId: string | null; createdAt: number } }
  | { type: 'UserScopeChanged'; data: { id: string; role: string; centreIds: string[]; volunteerId: string | null } }
  | { type: 'UserActiveChanged'; data: { id: string; active: boolean } }
  | { type: 'PasswordChanged'; data: { id: string; set: boolean } }
  | { type: 'SetupLinkIssued'; data: { id: string; tokenHash: string; expiresAt: number } }
  | { type: 'SetupLinksRevoked'; data: { id: string } }
  | { type: 'SessionsRevoked'; data: { id: string; at: number } };

interface UserState {
  view: UserView;
  link?: { tokenHash: string; expiresAt: number } | undefined;
  sessionsRevokedAt: number;
}

type SessionEvent =
  | { type: 'SessionStarted'; data: { userId: string; csrfToken: string; createdAt: number } }
  | { type: 'SessionSeen'; data: { at: number } }
  | { type: 'SessionEnded'; data: Record<string, never> };

function evolve(users: Map<string, UserState>, event: AccountEvent): void {
  const { data } = event;
  if (event.type === 'UserCreated') {
    const d = event.data;
    users.set(d.id, {
      view: { id: d.id, username: d.username, role: d.role as UserView['role'], centreIds: d.centreIds, volunteerId: d.volunteerId, active: true, passwordSet: false, createdAt: new Date(d.createdAt).toISOString() },
      sessionsRevokedAt: 0,
    });
    return;
  }
  const user = users.get(data.id);
  if (!user) return;
  switch (event.type) {
    case 'UserScopeChanged':
      user.view = { ...user.view, role: event.data.role as UserView['role'], centreIds: event.data.centreIds, volunteerId: event.data.volunteerId };
      break;
    case 'UserActiveChanged':
      user.view = { ...user.view, active: event.data.active };
      break;
    case 'PasswordChanged':
      user.view = { ...user.view, passwordSet: event.data.set };
      break;
    case 'SetupLinkIssued':
      user.link = { tokenHash: event.data.tokenHash, expiresAt: event.data.expiresAt };
      break;
    case 'SetupLinksRevoked':
      user.link = undefined;
      break;
    case 'SessionsRevoked':
      user.sessionsRevokedAt = Math.max(user.sessionsRevokedAt, event.data.at);
      break;
  }
}

export interface SharedAccountsOptions extends Omit<AccountsOptions, 'dataDir'> {
  readonly streams: SideStreams;
}

export function openSharedAccounts(options: SharedAccountsOptions): AccountStore {
  const { streams } = options;
  const settings: AccountSettings = {
    ...defaultAccountSettings,
    ...options.settings,
    throttle: { ...defaultThrottleSettings, ...options.settings?.throttle },
  };
  const now = options.now ?? Date.now;
  const server = randomUUID();
  const users = new Map<string, UserState>();
  let revision = -1n;
  let reads: Promise<void> = Promise.resolve();

  /**
   * Folds what other servers (and this one) appended since the last read. Each call reads after
   * the calls before it, so a caller always sees at least what was stored before it called.
   */
  function catchUp(): Promise<void> {
    const next = reads.then(async () => {
      const events = await streams.read(ACCOUNTS_STREAM, revision < 0n ? {} : { fromRevision: revision + 1n });
      for (const event of events) {
        if (event.revision <= revision) continue;
        evolve(users, { type: event.type, data: event.data } as AccountEvent);
        revision = event.revision;
      }
    });
    reads = next.catch(() => {});
    return next;
  }

  /** Decides on the latest state and appends at its revision; a race lost to another server decides again. */
  async function change<R>(decide: () => { events: AccountEvent[]; result: () => R }): Promise<R> {
    for (let attempt = 1; ; attempt++) {
      await catchUp();
      const { events, result } = decide();
      if (events.length === 0) return result();
      try {
        await streams.append(ACCOUNTS_STREAM, events, revision < 0n ? 'no_stream' : revision);
      } catch (error) {
        if (isWrongExpectedRevision(error) && attempt < 5) continue;
        throw error;
      }
      await catchUp();
      return result();
    }
  }

  const byName = (username: string) => [...users.values()].find((user) => user.view.username === username);
  const activeAdmins = () => [...users.values()].filter((user) => user.view.role === 'admin' && user.view.active).length;
  const userState = (id: unknown): UserState => {
    const user = typeof id === 'string' ? users.get(id) : undefined;
    if (!user) throw notFound('id', 'no user has this id');
    return user;
  };
  const linkFor = (id: string): { event: AccountEvent; link: () => SetupLink; token: string } => {
    const token = newToken();
    const expiresAt = now() + settings.setupLinkMs;
    return {
      token,
      event: { type: 'SetupLinkIssued', data: { id, tokenHash: sha256(token), expiresAt } },
      link: () => ({ user: users.get(id)!.view, token, expiresAt: new Date(expiresAt).toISOString() }),
    };
  };

  async function passwordHash(userId: string): Promise<string | null> {
    const [last] = await streams.read(passwordStream(userId), { backwards: true, maxCount: 1 });
    return last ? ((last.data as { hash: string | null }).hash ?? null) : null;
  }

  async function storePassword(userId: string, hash: string | null): Promise<void> {
    const next = await streams.append(passwordStream(userId), [{ type: 'PasswordHashSet', data: { hash } }], 'any');
    if (next === 0n) await streams.limit(passwordStream(userId), { maxCount: 1 });
  }

  async function startSession(user: UserState): Promise<SignedIn> {
    const sessionToken = newToken();
    const csrfToken = newToken();
    const created = now();
    const stream = sessionStream(sha256(sessionToken));
    await streams.append(stream, [{ type: 'SessionStarted', data: { userId: user.view.id, csrfToken, createdAt: created } }], 'no_stream');
    await streams.limit(stream, { maxAgeSeconds: Math.ceil(settings.sessionMaxMs / 1000) + 3_600 });
    return { sessionToken, session: { user: user.view, actor: actorOfUser(user.view), csrfToken, expiresAt: created + settings.sessionMaxMs } };
  }

  async function session(sessionToken: string | undefined): Promise<Session | undefined> {
    if (!sessionToken || sessionToken.length > 100) return undefined;
    const stream = sessionStream(sha256(sessionToken));
    const events = (await streams.read(stream)) as unknown as SessionEvent[];
    const started = events.find((event) => event.type === 'SessionStarted') as Extract<SessionEvent, { type: 'SessionStarted' }> | undefined;
    if (!started || events.some((event) => event.type === 'SessionEnded')) return undefined;
    const lastSeen = Math.max(started.data.createdAt, ...events.flatMap((event) => (event.type === 'SessionSeen' ? [event.data.at] : [])));
    const at = now();
    if (at - lastSeen > settings.sessionIdleMs || at - started.data.createdAt > settings.sessionMaxMs) return undefined;
    await catchUp();
    const user = users.get(started.data.userId);
    if (!user || !user.view.active || !user.view.passwordSet || started.data.createdAt < user.sessionsRevokedAt) return undefined;
    if (at - lastSeen > TOUCH_EVERY_MS) await streams.append(stream, [{ type: 'SessionSeen', data: { at } }], 'any').catch(() => {});
    return { user: user.view, actor: actorOfUser(user.view), csrfToken: started.data.csrfToken, expiresAt: started.data.createdAt + settings.sessionMaxMs };
  }

  // Failures counted here, and those the other servers recorded (best effort).
  const throttle = createSignInThrottle(settings.throttle, now);
  const seenFailures = new Map<string, number>();
  let dummyHash: Promise<string> | undefined;

  async function othersFailures(username: string): Promise<void> {
    const events = await streams.read(failureStream(username), { backwards: true, maxCount: 200 }).catch(() => []);
    const since = seenFailures.get(username) ?? now() - FAILURES_KEPT_SECONDS * 1000;
    let newest = since;
    for (const event of events.reverse()) {
      const failure = event.data as { server: string; address: string; at: number };
      if (failure.at <= since || failure.server === server) continue;
      throttle.observe(username, failure.address, failure.at);
      newest = Math.max(newest, failure.at);
    }
    seenFailures.set(username, newest);
    if (seenFailures.size > settings.throttle.maxTrackedKeys) seenFailures.delete(seenFailures.keys().next().value!);
  }

  async function recordFailure(username: string, address: string | undefined): Promise<void> {
    try {
      const next = await streams.append(failureStream(username), [{ type: 'SignInFailed', data: { server, address: address ?? 'unknown', at: now() } }], 'any');
      if (next === 0n) await streams.limit(failureStream(username), { maxAgeSeconds: FAILURES_KEPT_SECONDS, maxCount: 500 });
    } catch {
      // best effort: this server's own count still holds
    }
  }

  /** A throttled attempt: the other servers' failures first, this one's recorded for them when it fails. */
  async function guarded<T>(username: string, address: string | undefined, check: () => Promise<T | undefined>, refusal: () => Error): Promise<T> {
    await othersFailures(username);
    const attempt = throttle.attempt(username, address);
    const outcome = await check();
    if (outcome === undefined) {
      for (const limit of attempt.filled) options.onLimitReached?.(limit);
      await recordFailure(username, address);
      throw refusal();
    }
    attempt.succeeded();
    return outcome;
  }

  const linkInvalid = () => domainError('UNAUTHENTICATED', 'this link is not valid any more; ask an admin for a new one');

  return {
    settings,
    actorOf: actorOfUser,

    bootstrap() {
      return change(() => {
        const events: AccountEvent[] = [];
        let admin: string | undefined;
        if (users.size === 0) {
          admin = randomUUID();
          events.push({ type: 'UserCreated', data: { id: admin, username: 'admin', role: 'admin', centreIds: [], volunteerId: null, createdAt: now() } });
        } else {
          const admins = [...users.values()].filter((user) => user.view.role === 'admin' && user.view.active);
          if (admins.some((user) => user.view.passwordSet)) return { events, result: () => null };
          admin = admins.sort((a, b) => a.view.createdAt.localeCompare(b.view.createdAt) || a.view.username.localeCompare(b.view.username))[0]?.view.id;
          if (!admin) return { events, result: () => null };
        }
        const issued = linkFor(admin);
        return { events: [...events, issued.event], result: issued.link };
      });
    },

    async users() {
      await catchUp();
      return [...users.values()].map((user) => user.view).sort((a, b) => (a.username < b.username ? -1 : 1));
    },

    async user(id) {
      await catchUp();
      return users.get(id)?.view;
    },

    createUser(input) {
      const username = typeof input.username === 'string' ? input.username.trim().toLowerCase() : '';
      if (!USERNAME.test(username)) {
        throw badInput('username', 'username: 2 to 63 characters: lower-case letters, digits, dot, dash or underscore, starting with a letter or digit');
      }
      const scope = scopeOf(input, options.exists);
      return change(() => {
        if (byName(username)) throw conflict('a user with this name already exists', 'username');
        const id = randomUUID();
        const issued = linkFor(id);
        return {
          events: [{ type: 'UserCreated', data: { id, username, role: scope.role, centreIds: scope.centreIds, volunteerId: scope.volunteerId, createdAt: now() } }, issued.event],
          result: issued.link,
        };
      });
    },

    async updateUser(id, input) {
      await catchUp();
      userState(id);
      const scope = scopeOf(input, options.exists);
      return change(() => {
        const user = userState(id);
        if (user.view.role === 'admin' && scope.role !== 'admin' && user.view.active && activeAdmins() <= 1) throw conflict('the last active admin cannot lose the admin role');
        return { events: [{ type: 'UserScopeChanged', data: { id: user.view.id, ...scope } }], result: () => userState(id).view };
      });
    },

    async resetPassword(id) {
      await catchUp();
      const user = userState(id);
      await storePassword(user.view.id, null);
      return change(() => {
        const issued = linkFor(user.view.id);
        return {
          events: [{ type: 'PasswordChanged', data: { id: user.view.id, set: false } }, { type: 'SessionsRevoked', data: { id: user.view.id, at: now() } }, issued.event],
          result: issued.link,
        };
      });
    },

    setActive(id, active, by) {
      return change(() => {
        const user = userState(id);
        const events: AccountEvent[] = [];
        if (!active) {
          if (by && by.userId === `account:${user.view.id}`) throw conflict('an admin cannot deactivate their own account');
          if (user.view.role === 'admin' && user.view.active && activeAdmins() <= 1) throw conflict('the last active admin cannot be deactivated');
          events.push({ type: 'SessionsRevoked', data: { id: user.view.id, at: now() } }, { type: 'SetupLinksRevoked', data: { id: user.view.id } });
        }
        events.push({ type: 'UserActiveChanged', data: { id: user.view.id, active } });
        return { events, result: () => userState(id).view };
      });
    },

    async completeSetup(token, password) {
      if (typeof token !== 'string' || token.length >= 200) throw linkInvalid();
      await catchUp();
      const tokenHash = sha256(token);
      const user = [...users.values()].find((one) => one.link?.tokenHash === tokenHash);
      if (!user || user.link!.expiresAt < now() || !user.view.active) throw linkInvalid();
      const problem = passwordCheck(password, user.view.username);
      if (problem) throw passwordRefused('password', problem);
      const hash = await hashPassword(password as string, settings.scrypt);
      // The link is used up in the accounts stream first: of two uses at once, one wins there.
      const at = now();
      await change(() => {
        if (users.get(user.view.id)?.link?.tokenHash !== tokenHash) throw linkInvalid();
        return { events: [{ type: 'SetupLinksRevoked', data: { id: user.view.id } }, { type: 'SessionsRevoked', data: { id: user.view.id, at } }], result: () => undefined };
      });
      await storePassword(user.view.id, hash);
      await change(() => ({ events: [{ type: 'PasswordChanged', data: { id: user.view.id, set: true } }], result: () => undefined }));
      return startSession(users.get(user.view.id)!);
    },

    async signIn(username, password, clientAddress) {
      const name = typeof username === 'string' ? username.trim().toLowerCase().slice(0, 100) : '';
      const given = typeof password === 'string' ? password.slice(0, 1024) : '';
      const user = await guarded(
        name,
        clientAddress,
        async () => {
          await catchUp();
          const found = name ? byName(name) : undefined;
          const stored = found?.view.passwordSet ? await passwordHash(found.view.id) : null;
          const matches = (await verifyPassword(given, stored ?? (await (dummyHash ??= dummyHashFor(settings.scrypt))))) && found !== undefined && stored !== null && found.view.active;
          return matches ? found : undefined;
        },
        () => domainError('UNAUTHENTICATED', 'the user name or password is not right'),
      );
      return startSession(user);
    },

    async changePassword(sessionToken, current, next, clientAddress) {
      const existing = await session(sessionToken);
      if (!existing) throw domainError('UNAUTHENTICATED', 'your session has ended; sign in again');
      const user = users.get(existing.user.id)!;
      await guarded(
        user.view.username,
        clientAddress,
        async () => {
          const stored = await passwordHash(user.view.id);
          return typeof current === 'string' && stored && (await verifyPassword(current.slice(0, 1024), stored)) ? true : undefined;
        },
        () => badInput('currentPassword', 'the current password is not right'),
      );
      const problem = passwordCheck(next, user.view.username);
      if (problem) throw passwordRefused('newPassword', problem);
      const hash = await hashPassword(next as string, settings.scrypt);
      await storePassword(user.view.id, hash);
      // Other sessions end; the new one starts after this instant.
      await change(() => ({ events: [{ type: 'SessionsRevoked', data: { id: user.view.id, at: now() } }], result: () => undefined }));
      return startSession(users.get(user.view.id)!);
    },

    session,

    csrfMatches: (one: { readonly csrfToken: string }, header: string | null | undefined) => typeof header === 'string' && sameText(header, one.csrfToken),

    async signOut(sessionToken) {
      if (!sessionToken || sessionToken.length > 100) return;
      const stream = sessionStream(sha256(sessionToken));
      if ((await streams.read(stream, { maxCount: 1 })).length === 0) return;
      await streams.append(stream, [{ type: 'SessionEnded', data: {} }], 'any');
    },

    close() {},
  };
}

