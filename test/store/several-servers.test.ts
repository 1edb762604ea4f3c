/**
 * Two API servers on one KurrentDB, each with a DATA_DIR of its own: names, erasures and web
 * accounts reach both. Against the in-memory stand-in of KurrentDB's gRPC protocol, or a real
 * server when KURRENTDB_CONNECTION_STRING is set.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/api/server.js';
import { createLedgerHttpApp, openLedger } from '../../src/app.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { parseConfig } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import { personKeyStream } from '../../src/privacy/shared-vault.js';
import { ERASE, OPEN_CENTRE, PARTICIPANT, REGISTER } from '../backup/support.js';
import { graphql } from '../support/child-server.js';
import { createStandInServer } from '../support/kurrentdb-stand-in.js';

const real = process.env.KURRENTDB_CONNECTION_STRING;
const standIn = real ? undefined : createStandInServer();
const connection = real ?? `kurrentdb://admin:changeit@127.0.0.1:${await standIn!.start()}?tls=false`;
const root = mkdtempSync(join(tmpdir(), 'centre-ledger-several-'));
// Both servers accept the same tokens, as a deployment behind one load balancer does.
const AUTH_SECRET = randomBytes(32).toString('base64');
const PASSWORD = 'a long passphrase nobody guesses 73';

async function startServer(name: string) {
  const dataDir = join(root, name);
  const config = parseConfig({ TZ: 'Europe/Belgrade', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir, ERASURE_LIST: join(root, `${name}-erasures.jsonl`), KURRENTDB_CONNECTION_STRING: connection, AUTH_SECRET, READ_YOUR_WRITES_TIMEOUT_MS: '5000' });
  const logger = createLogger('silent');
  const ledger = await openLedger(config, logger);
  const http = await listen(createLedgerHttpApp(ledger, config, logger), 0);
  const origin = `http://127.0.0.1:${http.port}`;
  const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir, AUTH_SECRET), { role: 'admin', userId: 'several-servers-test', days: 1 });
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
  return {
    ledger,
    origin,
    post,
    gql: (query: string, variables: Record<string, unknown> = {}) => graphql(origin, token, query, variables),
    async close() {
      await http.close();
      await ledger.close();
    },
  };
}

/** Asks until the answer is as expected: the other server's views and keys follow KurrentDB within moments. */
async function eventually<T>(ask: () => Promise<T>, expected: T, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const answer = await ask();
    try {
      expect(answer).toEqual(expected);
      return answer;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
  }
}

const cookieOf = (response: Response) => /cl_session=([^;]+)/.exec(response.headers.get('set-cookie') ?? '')?.[1];

describe('several servers on one KurrentDB', () => {
  let one: Awaited<ReturnType<typeof startServer>>;
  let other: Awaited<ReturnType<typeof startServer>>;
  beforeAll(async () => {
    one = await startServer('one');
    other = await startServer('other');
  }, 60_000);
  afterAll(async () => {
    await one?.close();
    await other?.close();
    standIn?.stop();
    rmSync(root, { recursive: true, force: true });
  });

  async function register(givenName: string, familyName: string) {
    const opened = await one.gql(OPEN_CENTRE, { input: { name: `Novi Pazar Centre ${randomBytes(3).toString('hex')}`, municipality: 'Novi Pazar', district: 'Raška' } });
    const registered = await one.gql(REGISTER, { input: { centreId: opened.data.openCentre.centre.id, givenName, familyName, sex: 'FEMALE', birthYear: 2012, group: 'RETURNEE' } });
    return registered.data.registerParticipant.participant.id as string;
  }
  const names = async (server: typeof one, id: string) => (await server.gql(PARTICIPANT, { id })).data?.participant ?? null;

  it('given a participant registered through one server, when the other is asked, then it shows their name', async () => {
    const id = await register('Amra', 'Kurtović');

    await eventually(() => names(other, id), { id, givenName: 'Amra', familyName: 'Kurtović' });
    expect(await names(one, id)).toEqual({ id, givenName: 'Amra', familyName: 'Kurtović' });
  });

  it('given a name both servers have opened, when the person is erased through one, then both answer the name as erased and the key stream is gone for good', async () => {
    const id = await register('Selma', 'Hadžić');
    await eventually(() => names(other, id), { id, givenName: 'Selma', familyName: 'Hadžić' });

    const erased = await one.gql(ERASE, { input: { participantId: id, reason: 'their request' } });

    expect(erased.data.eraseParticipant.participant.erased).toBe(true);
    await eventually(() => names(one, id), { id, givenName: null, familyName: null });
    await eventually(() => names(other, id), { id, givenName: null, familyName: null });
    await eventually(async () => other.ledger.vault.isErased(id), true);
    if (standIn) expect(standIn.isDeleted(personKeyStream(id))).toBe(true);
    // Sealing anything for them again is refused on the other server too: the tombstone holds.
    expect(() => other.ledger.vault.seal(id, { givenName: 'Selma' })).toThrow(/erased/);
  });

  it('given a user created on one server, when they set their password and sign in on the other, then both servers know their session until they sign out', async () => {
    const link = await one.ledger.accounts!.createUser({ username: `adviser-${randomBytes(3).toString('hex')}`, role: 'admin' });

    const setUp = await other.post('/auth/setup', { token: link.token, password: PASSWORD });
    expect(setUp.status).toBe(200);
    const signedIn = await one.post('/auth/login', { username: link.user.username, password: PASSWORD });
    expect(signedIn.status).toBe(200);
    const { csrfToken } = (await signedIn.json()) as { csrfToken: string };
    const cookie = `cl_session=${cookieOf(signedIn)}`;

    const session = await fetch(`${other.origin}/auth/session`, { headers: { cookie } });
    expect(await session.json()).toMatchObject({ user: { username: link.user.username } });
    expect((await other.post('/auth/login', { username: link.user.username, password: 'not the password at all 1' })).status).toBe(401);

    expect((await other.post('/auth/logout', {}, { cookie, 'x-csrf-token': csrfToken })).status).toBe(200);
    const ended = await fetch(`${one.origin}/auth/session`, { headers: { cookie } });
    expect(ended.status).toBe(401);
    expect(await ended.json()).toMatchObject({ errors: [{ extensions: { code: 'UNAUTHENTICATED' } }] });
  });

  it('given a user deactivated on one server, when they sign in on the other, then they are refused', async () => {
    const link = await one.ledger.accounts!.createUser({ username: `leaver-${randomBytes(3).toString('hex')}`, role: 'admin' });
    expect((await one.post('/auth/setup', { token: link.token, password: PASSWORD })).status).toBe(200);

    await one.ledger.accounts!.setActive(link.user.id, false);

    expect((await other.post('/auth/login', { username: link.user.username, password: PASSWORD })).status).toBe(401);
  });
});
