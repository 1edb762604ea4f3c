/**
 * The KurrentDB adapter end to end through the real client (its gRPC calls and its native reader)
 * against a stand-in server that speaks KurrentDB's gRPC protocol from memory. No KurrentDB can run
 * here, so this is what exercises the adapter's wiring: how it calls the client and reads its
 * answers, the filters, the subscription and its reconnection. The stand-in follows the server's
 * rules as read from KurrentDB's source (expected-revision checks and idempotent appends as in
 * IndexWriter.CheckCommit; commit = prepare = the event's log position; forward reads of `$all`
 * include the start position, subscriptions start after it), and it adds system events and
 * foreign streams to the log. It proves the adapter against those rules, not the server itself:
 * test/store/kurrentdb.test.ts runs the same contract against a real server when one is named.
 */
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listCommands, migrateStore } from '../../src/cli/migrate-store.js';
import { streamCategories } from '../../src/domain/catalogue.js';
import { createKurrentDbEventStore, type KurrentDbEventStore } from '../../src/store/kurrentdb.js';
import { isLedgerStream, streamPrefixesOf } from '../../src/store/kurrentdb-mapping.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';
import type { NewEvent, RecordedEvent } from '../../src/store/port.js';
import { describeEventStoreContract } from './contract.js';
import { createStandInServer } from '../support/kurrentdb-stand-in.js';

// ---------------------------------------------------------------------------------------------

const standIn = createStandInServer();
const port = await standIn.start();
afterAll(() => standIn.stop());

const open = (warnings: string[] = []): KurrentDbEventStore => {
  standIn.addNoise();
  return createKurrentDbEventStore({
    connectionString: `kurrentdb://admin:changeit@127.0.0.1:${port}?tls=false`,
    categories: streamCategories,
    extraStreamPrefixes: ['contract'],
    subscription: { retryInitialMs: 10, retryMaxMs: 50 },
    logger: { warn: (_details, message) => warnings.push(message) },
  });
};

describeEventStoreContract('kurrentdb through the client against a stand-in gRPC server', async () => open());

describe('the KurrentDB adapter through the client against a stand-in gRPC server', () => {
  let store: KurrentDbEventStore;
  let warnings: string[];
  const stream = () => `centre-${randomUUID()}`;
  const event = (type: string): NewEvent => ({
    id: randomUUID(),
    type,
    data: { at: type },
    metadata: { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: new Date().toISOString() },
  });

  beforeEach(() => {
    warnings = [];
    store = open(warnings);
  });
  afterEach(async () => {
    await store.close();
  });

  it('given the server is up, when the connection is checked, then it passes', async () => {
    await expect(store.checkConnection(5_000)).resolves.toBeUndefined();
  });

  it('given a command stored with its events, when the log is read, then neither the record nor foreign or system events are among them', async () => {
    const head = await store.headPosition();
    const s = stream();

    await store.append(s, [event('CentreOpened')], 'no_stream', { command: { commandId: `cmd-${randomUUID()}`, fingerprint: 'f', result: null } });
    standIn.addNoise();

    const log = await store.readAll(head, 10_000);
    expect(log.map((e) => [e.streamId, e.type])).toEqual([[s, 'CentreOpened']]);
    expect(standIn.log.some((e) => e.streamId.startsWith('command-'))).toBe(true);
    expect(await store.headPosition()).toBe(log[0]!.position);
  });

  it('given more ledger events than one read returns, when the log is read in small pages, then every event comes once in order', async () => {
    const head = await store.headPosition();
    const s = stream();
    for (let n = 0; n < 7; n++) {
      await store.append(s, [event(`E${n}`)], n === 0 ? 'no_stream' : BigInt(n - 1));
      standIn.addNoise();
    }

    const read: RecordedEvent[] = [];
    for (let page = await store.readAll(head, 3); page.length > 0; page = await store.readAll(page[page.length - 1]!.position, 3)) read.push(...page);

    expect(read.map((e) => e.type)).toEqual(['E0', 'E1', 'E2', 'E3', 'E4', 'E5', 'E6']);
  });

  it('given events stored but their command record lost, when the command is retried at the new end of the stream, then nothing is stored twice and the record points at the first events', async () => {
    const s = stream();
    const commandId = `cmd-${randomUUID()}`;
    const events = [event('CentreOpened'), event('CentreRenamed')];
    const first = await store.append(s, events, 'no_stream');

    const retried = await store.append(s, events, 1n, { command: { commandId, fingerprint: 'f', result: { ok: true } } });

    expect(retried).toEqual(first);
    expect(await store.readStream(s)).toHaveLength(2);
    expect(await store.findCommand(commandId)).toEqual({ commandId, fingerprint: 'f', result: { ok: true }, position: first.position });
  });

  it('given a command that stores no event, when it is recorded, then the record carries the position of the stream end', async () => {
    const s = stream();
    const appended = await store.append(s, [event('CentreOpened')], 'no_stream');
    const commandId = `cmd-${randomUUID()}`;

    const result = await store.append(s, [], 0n, { command: { commandId, fingerprint: 'f', result: 'nothing to do' } });

    expect(result).toEqual({ nextRevision: 0n, position: appended.position });
    expect((await store.findCommand(commandId))?.position).toBe(appended.position);
    await expect(store.append(s, [], 5n)).rejects.toMatchObject({ wrongExpectedRevision: true, actual: 0n });
  });

  it('given a command record, when a record with the same command id is written again, then it is a no-op and the first one stays', async () => {
    const commandId = `cmd-${randomUUID()}`;
    await store.recordCommand({ commandId, fingerprint: 'f1', result: 1, position: 5n });

    await store.recordCommand({ commandId, fingerprint: 'f2', result: 2, position: 9n });

    expect(await store.findCommand(commandId)).toEqual({ commandId, fingerprint: 'f1', result: 1, position: 5n });
  });

  it('given a subscription, when the connection drops and the server resends events already delivered, then it resubscribes and every event reaches the consumer once, in order', async () => {
    const head = await store.headPosition();
    const s = stream();
    const controller = new AbortController();
    const seen: RecordedEvent[] = [];
    const following = (async () => {
      for await (const batch of store.subscribe(head, controller.signal)) {
        seen.push(...batch.filter((e) => e.streamId === s));
        if (seen.some((e) => e.type === 'Third')) controller.abort();
      }
    })();
    await store.append(s, [event('First'), event('Second')], 'no_stream');
    await waitUntil(() => seen.length === 2);

    standIn.dropSubscriptions(2);
    await store.append(s, [event('Third')], 1n);
    await following;

    expect(warnings.filter((w) => /resubscribing/.test(w)).length).toBeGreaterThanOrEqual(1);
    expect(seen.map((e) => e.type)).toEqual(['First', 'Second', 'Third']);
    expect(seen.map((e) => e.revision)).toEqual([0n, 1n, 2n]);
  });
});

describe('migrating a SQLite log through the adapter into a stand-in gRPC server', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ledger-wire-migrate-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const metadata = { actor: { userId: 'u1', role: 'admin' }, correlationId: 'c1', recordedAt: '2025-03-01T10:00:00.000Z' };
  const newEvent = (type: string): NewEvent => ({ id: randomUUID(), type, data: { type }, metadata });

  async function sqliteLog() {
    const file = join(dir, `events-${randomUUID()}.db`);
    const source = createSqliteEventStore({ file });
    const centre = `centre-${randomUUID()}`;
    const workshop = `workshop-${randomUUID()}`;
    await source.append(centre, [newEvent('CentreOpened'), newEvent('CentreRenamed')], 'no_stream', {
      command: { commandId: `cmd-${randomUUID()}`, fingerprint: 'f1', result: { centreId: centre } },
    });
    await source.append(workshop, [newEvent('WorkshopScheduled')], 'no_stream');
    await source.append(centre, [newEvent('CentreRenamed')], 1n, { command: { commandId: `cmd-${randomUUID()}`, fingerprint: 'f2', result: null } });
    return { file, source, centre };
  }

  it('given a SQLite log, when it is migrated twice, then the copy matches, records point at the copied events and the second run stores nothing', async () => {
    const { file, source, centre } = await sqliteLog();
    const target = open();
    const prefixes = streamPrefixesOf(streamCategories);
    const run = () =>
      migrateStore({
        source,
        commands: listCommands(file),
        target,
        isLedgerStream: (streamId) => isLedgerStream(streamId, prefixes),
        progressEvery: 1_000,
        report: () => {},
      });

    const first = await run();
    const second = await run();

    expect(first).toMatchObject({ events: 4, alreadyThere: 0, streams: 2, commands: 2, mismatches: [] });
    expect(second).toMatchObject({ events: 4, alreadyThere: 4, mismatches: [] });
    const copied = await target.readStream(centre);
    expect(copied.map((e) => e.type)).toEqual(['CentreOpened', 'CentreRenamed', 'CentreRenamed']);
    for (const command of listCommands(file)) {
      const record = await target.findCommand(command.commandId);
      expect(copied.map((e) => e.position)).toContain(record?.position);
    }
    await source.close();
    await target.close();
  });

  it('given the command line, when migrate-store runs against the server, then it prints progress and a matching summary and exits 0', async () => {
    const { file, source } = await sqliteLog();
    await source.close();

    const { code, stdout } = await runCommand('npx', ['tsx', 'src/cli/migrate-store.ts', '--from', file, '--progress-every', '1'], {
      KURRENTDB_CONNECTION_STRING: `kurrentdb://admin:changeit@127.0.0.1:${port}?tls=false`,
    });

    expect(stdout.match(/^copied \d+ events$/gm)?.length).toBeGreaterThanOrEqual(2);
    expect(stdout).toMatch(/every stream and command record matches/);
    expect(stdout).toContain('kurrentdb://admin:***@127.0.0.1');
    expect(stdout).not.toContain('changeit');
    expect(code).toBe(0);
  }, 60_000);
});

/** Runs a command without blocking this process, which also serves the stand-in server. */
function runCommand(command: string, args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: process.cwd(), env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 5_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
