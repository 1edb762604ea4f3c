/**
 * The web accounts in KurrentDB (src/accounts/kurrentdb-accounts.ts) as two servers see them:
 * against the in-memory stand-in of KurrentDB's gRPC protocol, or a real server when
 * KURRENTDB_CONNECTION_STRING is set.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { openSharedAccounts } from '../../src/accounts/kurrentdb-accounts.js';
import { openSharedProviderSessions } from '../../src/accounts/kurrentdb-provider-sessions.js';
import { TooManyAttempts } from '../../src/accounts/throttle.js';
import { isDomainError } from '../../src/domain/shared/errors.js';
import { openSideStreams, type SideStreams } from '../../src/store/kurrentdb-streams.js';
import { createStandInServer } from '../support/kurrentdb-stand-in.js';

const real = process.env.KURRENTDB_CONNECTION_STRING;
const standIn = real ? undefined : createStandInServer();
const connection = real ?? `kurrentdb://admin:changeit@127.0.0.1:${await standIn!.start()}?tls=false`;
const PASSWORD = 'a long passphrase nobody guesses 73';
// Cheap hashing for tests; the throttle tight enough to reach in a few attempts.
const settings = { scrypt: { logN: 10, r: 8, p: 1 }, throttle: { failuresBeforeBackoff: 2, backoffStartMs: 60_000 } };
const streamsOpened: SideStreams[] = [];

function server() {
  const streams = openSideStreams(connection);
  streamsOpened.push(streams);
  return { accounts: openSharedAccounts({ streams, settings }), streams };
}

afterAll(async () => {
  for (const streams of streamsOpened) await streams.close();
  standIn?.stop();
});

const uniqueName = (base: string) => `${base}-${randomBytes(4).toString('hex')}`;

describe('web accounts in KurrentDB', () => {
  it('given two servers, when both create a user with the same name at once, then one is refused as a conflict and the name exists once', async () => {
    const one = server().accounts;
    const other = server().accounts;
    const username = uniqueName('koordinator');

    const outcomes = await Promise.allSettled([one.createUser({ username, role: 'coordinator' }), other.createUser({ username, role: 'coordinator' })]);

    const refused = outcomes.filter((outcome) => outcome.status === 'rejected') as PromiseRejectedResult[];
    expect(refused).toHaveLength(1);
    expect(isDomainError(refused[0]!.reason) && refused[0]!.reason.code).toBe('CONFLICT');
    expect((await one.users()).filter((user) => user.username === username)).toHaveLength(1);
    expect((await other.users()).filter((user) => user.username === username)).toHaveLength(1);
  });

  it('given a password set on one server, when it is changed on the other, then the old one no longer signs in anywhere and the old session ends', async () => {
    const one = server().accounts;
    const other = server().accounts;
    const link = await one.createUser({ username: uniqueName('savjetnik'), role: 'admin' });
    const first = await one.completeSetup(link.token, PASSWORD);

    const changed = await other.changePassword(first.sessionToken, PASSWORD, `${PASSWORD} and more`);

    await expect(one.signIn(link.user.username, PASSWORD, '10.0.0.1')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await one.session(first.sessionToken)).toBeUndefined();
    expect((await one.session(changed.sessionToken))?.user.username).toBe(link.user.username);
    expect((await one.signIn(link.user.username, `${PASSWORD} and more`, '10.0.0.2')).session.user.id).toBe(link.user.id);
  });

  it('given a password set, when its hash is stored, then its stream keeps only the newest ($maxCount 1), so a scavenge drops the replaced ones', async () => {
    const { accounts, streams } = server();
    const link = await accounts.createUser({ username: uniqueName('volonter-admin'), role: 'admin' });

    await accounts.completeSetup(link.token, PASSWORD);

    const [metadata] = await streams.read(`$$web-account-password-${link.user.id}`, { backwards: true, maxCount: 1 });
    expect(metadata?.data).toMatchObject({ $maxCount: 1 });
  });

  it('given failed sign-ins through one server, when the same address tries on the other, then the back-off counts them there too', async () => {
    const one = server().accounts;
    const other = server().accounts;
    const link = await one.createUser({ username: uniqueName('osoblje'), role: 'admin' });
    await one.completeSetup(link.token, PASSWORD);

    for (let n = 0; n < 2; n++) await expect(one.signIn(link.user.username, 'wrong password entirely 1', '203.0.113.9')).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });

    await expect(other.signIn(link.user.username, PASSWORD, '203.0.113.9')).rejects.toBeInstanceOf(TooManyAttempts);
    // Another address is not held back.
    expect((await other.signIn(link.user.username, PASSWORD, '198.51.100.4')).session.user.id).toBe(link.user.id);
  });

  it('given a session through the identity provider started on one server, when it is used and ended on the other, then both follow it', async () => {
    const one = openSharedProviderSessions({ streams: server().streams, sessionMaxMs: 3_600_000 });
    const other = openSharedProviderSessions({ streams: server().streams, sessionMaxMs: 3_600_000 });
    const actor = { userId: 'oidc:someone', role: 'staff' as const, centreIds: ['c-1'] };

    const { sessionToken, session } = await one.start(actor);

    expect(await other.session(sessionToken)).toMatchObject({ actor, csrfToken: session.csrfToken });
    await other.signOut(sessionToken);
    expect(await one.session(sessionToken)).toBeUndefined();
  });
});

describe.skipIf(real)('the first start of several servers on one KurrentDB', () => {
  it('given no account yet, when two servers bootstrap at once, then there is one admin and each link sets its password until one is used', async () => {
    const own = createStandInServer();
    const at = `kurrentdb://admin:changeit@127.0.0.1:${await own.start()}?tls=false`;
    const streams = [openSideStreams(at), openSideStreams(at)];
    try {
      const [one, other] = streams.map((side) => openSharedAccounts({ streams: side, settings }));

      const [firstLink, secondLink] = await Promise.all([one!.bootstrap(), other!.bootstrap()]);

      expect((await one!.users()).map((user) => user.username)).toEqual(['admin']);
      expect(firstLink?.user.username).toBe('admin');
      expect(secondLink?.user.username).toBe('admin');
      // Each call revokes the earlier link: only the newest works.
      const newest = (await other!.bootstrap())!;
      await expect(one!.completeSetup(firstLink!.token, PASSWORD)).rejects.toMatchObject({ code: 'UNAUTHENTICATED' });
      await one!.completeSetup(newest.token, PASSWORD);
      expect(await other!.bootstrap()).toBeNull();
    } finally {
      for (const side of streams) await side.close();
      own.stop();
    }
  });
});
