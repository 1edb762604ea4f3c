/**
 * Moving a single server on SQLite to KurrentDB: migrate-store copies the log, then the people's
 * keys and web accounts, so a server on KurrentDB opens the names and signs the users in.
 * Against the in-memory stand-in of KurrentDB's gRPC protocol (a real server would already hold
 * other runs' accounts, which the migration never merges into).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { listen } from '../../src/api/server.js';
import { createLedgerHttpApp, openLedger } from '../../src/app.js';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { listCommands, migrateKeysAndAccounts, migrateStore } from '../../src/cli/migrate-store.js';
import { parseConfig } from '../../src/config.js';
import { streamCategories } from '../../src/domain/catalogue.js';
import { createLogger } from '../../src/logger.js';
import { createKurrentDbEventStore } from '../../src/store/kurrentdb.js';
import { isLedgerStream, streamPrefixesOf } from '../../src/store/kurrentdb-mapping.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';
import { ERASE, OPEN_CENTRE, PARTICIPANT, REGISTER } from '../backup/support.js';
import { graphql } from '../support/child-server.js';
import { createStandInServer } from '../support/kurrentdb-stand-in.js';

const root = mkdtempSync(join(tmpdir(), 'centre-ledger-migrate-shared-'));
const AUTH_SECRET = randomBytes(32).toString('base64');
const PASSWORD = 'a long passphrase nobody guesses 73';
const standIn = createStandInServer();
const connection = `kurrentdb://admin:changeit@127.0.0.1:${await standIn.start()}?tls=false`;
afterAll(() => {
  standIn.stop();
  rmSync(root, { recursive: true, force: true });
});

async function serve(dataDir: string, env: Record<string, string> = {}) {
  const config = parseConfig({ TZ: 'Europe/Belgrade', LOG_LEVEL: 'silent', PORT: '0', DATA_DIR: dataDir, ERASURE_LIST: join(dataDir, '..', `${randomBytes(3).toString('hex')}.jsonl`), AUTH_SECRET, ...env });
  const logger = createLogger('silent');
  const ledger = await openLedger(config, logger);
  const http = await listen(createLedgerHttpApp(ledger, config, logger), 0);
  const origin = `http://127.0.0.1:${http.port}`;
  const token = await issueLocalToken(loadOrCreateLocalSecret(dataDir, AUTH_SECRET), { role: 'admin', userId: 'migration-test', days: 1 });
  return {
    ledger,
    gql: (query: string, variables: Record<string, unknown> = {}) => graphql(origin, token, query, variables),
    post: (path: string, body: unknown) => fetch(`${origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
    async close() {
      await http.close();
      await ledger.close();
    },
  };
}

describe('moving a SQLite server to KurrentDB', () => {
  it('given names, an erasure and a web account on SQLite, when migrate-store has run, then a server on KurrentDB opens the names, keeps the erasure and signs the user in', async () => {
    const sqliteDir = join(root, 'sqlite');
    const before = await serve(sqliteDir);
    const opened = await before.gql(OPEN_CENTRE, { input: { name: 'Prijepolje Centre', municipality: 'Prijepolje', district: 'Zlatibor' } });
    const input = { centreId: opened.data.openCentre.centre.id, sex: 'MALE', birthYear: 2011, group: 'LOCAL' };
    const kept = (await before.gql(REGISTER, { input: { ...input, givenName: 'Edin', familyName: 'Muratović' } })).data.registerParticipant.participant.id as string;
    const erased = (await before.gql(REGISTER, { input: { ...input, givenName: 'Faruk', familyName: 'Bećirović' } })).data.registerParticipant.participant.id as string;
    await before.gql(ERASE, { input: { participantId: erased, reason: 'their request' } });
    const link = await before.ledger.accounts!.createUser({ username: 'koordinatorka', role: 'admin' });
    expect((await before.post('/auth/setup', { token: link.token, password: PASSWORD })).status).toBe(200);
    await before.close();

    const file = join(sqliteDir, 'events.db');
    const source = createSqliteEventStore({ file });
    const target = createKurrentDbEventStore({ connectionString: connection, categories: streamCategories });
    const prefixes = streamPrefixesOf(streamCategories);
    const lines: string[] = [];
    const summary = await migrateStore({ source, commands: listCommands(file), target, isLedgerStream: (id) => isLedgerStream(id, prefixes), progressEvery: 1_000, report: () => {} });
    const shared = await migrateKeysAndAccounts(sqliteDir, connection, (line) => lines.push(line));
    await source.close();
    await target.close();

    expect(summary.mismatches).toEqual([]);
    expect(shared.mismatches).toEqual([]);
    expect(lines.join('\n')).toMatch(/web accounts: +\d+ copied/);
    const after = await serve(join(root, 'kurrentdb'), { KURRENTDB_CONNECTION_STRING: connection });
    try {
      expect((await after.gql(PARTICIPANT, { id: kept })).data.participant).toEqual({ id: kept, givenName: 'Edin', familyName: 'Muratović' });
      expect((await after.gql(PARTICIPANT, { id: erased })).data.participant).toEqual({ id: erased, givenName: null, familyName: null });
      expect(after.ledger.vault.isErased(erased)).toBe(true);
      expect((await after.post('/auth/login', { username: 'koordinatorka', password: PASSWORD })).status).toBe(200);
    } finally {
      await after.close();
    }
  });
});
