import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appendRuns,
  expectedBefore,
  listCommands,
  migrateStore,
  migrationArguments,
  type MigrationTarget,
} from '../../src/cli/migrate-store.js';
import { streamCategories } from '../../src/domain/catalogue.js';
import { isLedgerStream, streamPrefixesOf } from '../../src/store/kurrentdb-mapping.js';
import {
  storeUnavailable,
  wrongExpectedRevision,
  type CommandRecord,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '../../src/store/port.js';
import { createSqliteEventStore } from '../../src/store/sqlite.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-migrate-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const prefixes = streamPrefixesOf(streamCategories);

const event = (type: string, data: unknown = {}): NewEvent => ({
  id: randomUUID(),
  type,
  data,
  metadata: { actor: { userId: 'u1', role: 'admin' }, centreId: 'c1', correlationId: randomUUID(), recordedAt: '2025-03-01T10:00:00.000Z' },
});

/**
 * A KurrentDB stand-in with the semantics the migration relies on: expected revisions are
 * checked, positions are its own (not SQLite's), and a command record written twice keeps the first.
 */
function memoryTarget(options: { failAfterAppends?: number } = {}) {
  const streams = new Map<string, RecordedEvent[]>();
  const log: RecordedEvent[] = [];
  const commands = new Map<string, CommandRecord>();
  let appends = 0;
  const target: MigrationTarget = {
    async append(streamId, events, expected) {
      appends += 1;
      if (appends > (options.failAfterAppends ?? Infinity)) throw storeUnavailable('connection lost');
      const stored = streams.get(streamId) ?? [];
      const actual = stored.length === 0 ? 'no_stream' : BigInt(stored.length - 1);
      if (expected !== 'any' && expected !== actual) throw wrongExpectedRevision(streamId, expected, actual);
      for (const { id, type, data, metadata } of events) {
        const recorded = { id, type, data, metadata, streamId, revision: BigInt(stored.length), position: 5_000n + BigInt(log.length) * 64n };
        stored.push(recorded);
        log.push(recorded);
      }
      streams.set(streamId, stored);
      return { nextRevision: BigInt(stored.length - 1), position: log[log.length - 1]?.position ?? 0n };
    },
    async readStream(streamId) {
      return [...(streams.get(streamId) ?? [])];
    },
    async findCommand(commandId) {
      return commands.get(commandId);
    },
    async recordCommand(record) {
      if (!commands.has(record.commandId)) commands.set(record.commandId, record);
    },
  };
  return { target, streams, log, commands, appendCount: () => appends };
}

/** A SQLite log of two centres and a participant, interleaved, with three kinds of command record. */
async function sqliteLog() {
  const file = join(dir, `events-${randomUUID()}.db`);
  const source = createSqliteEventStore({ file });
  const centreA = `centre-${randomUUID()}`;
  const centreB = `centre-${randomUUID()}`;
  const participant = `participant-${randomUUID()}`;
  const opened = await source.append(centreA, [event('CentreOpened', { n: 1 }), event('CentreRenamed', { n: 2 })], 'no_stream', {
    command: { commandId: 'cmd-open-a', fingerprint: 'fa', result: { centreId: 'a' } },
  });
  await source.append(participant, [event('ParticipantRegistered', { n: 3 })], 'no_stream');
  await source.append(centreB, [event('CentreOpened', { n: 4 })], 'no_stream');
  await source.append(centreA, [event('CentreRenamed', { n: 5 })], 1n);
  // A repeated command that stored nothing: its record points at the stream's last event.
  await source.append(centreB, [], 0n, { command: { commandId: 'cmd-noop-b', fingerprint: 'fb', result: null } });
  // A command that stored nothing on a stream that does not exist: position 0.
  await source.append(`centre-${randomUUID()}`, [], 'no_stream', { command: { commandId: 'cmd-noop-empty', fingerprint: 'fe', result: 'none' } });
  return { file, source, centreA, centreB, participant, opened };
}

const migrate = (source: EventStore, file: string, target: MigrationTarget, report: (line: string) => void = () => {}) =>
  migrateStore({
    source,
    commands: listCommands(file),
    target,
    isLedgerStream: (streamId) => isLedgerStream(streamId, prefixes),
    progressEvery: 2,
    report,
  });

describe('migrating the SQLite log to KurrentDB', () => {
  it('given a SQLite log with command records, when migrated, then every stream is copied in log order with ids, revisions, data and metadata', async () => {
    const { file, source } = await sqliteLog();
    const memory = memoryTarget();

    const summary = await migrate(source, file, memory.target);

    const original = await source.readAll(0n, 1_000);
    expect(memory.log.map(({ id, type, data, metadata, streamId, revision }) => ({ id, type, data, metadata, streamId, revision }))).toEqual(
      original.map(({ id, type, data, metadata, streamId, revision }) => ({ id, type, data, metadata, streamId, revision })),
    );
    expect(summary).toEqual({ events: 5, alreadyThere: 0, streams: 3, commands: 3, mismatches: [] });
    await source.close();
  });

  it('given command records, when migrated, then their positions name the same events in KurrentDB', async () => {
    const { file, source, centreA, centreB } = await sqliteLog();
    const memory = memoryTarget();

    await migrate(source, file, memory.target);

    const inTarget = (streamId: string, revision: number) => memory.streams.get(streamId)![revision]!.position;
    expect(memory.commands.get('cmd-open-a')).toEqual({ commandId: 'cmd-open-a', fingerprint: 'fa', result: { centreId: 'a' }, position: inTarget(centreA, 1) });
    expect(memory.commands.get('cmd-noop-b')?.position).toBe(inTarget(centreB, 0));
    expect(memory.commands.get('cmd-noop-empty')?.position).toBe(0n);
    await source.close();
  });

  it('given a migration that lost its connection half way, when run again, then it completes and nothing is stored twice', async () => {
    const { file, source } = await sqliteLog();
    const memory = memoryTarget({ failAfterAppends: 2 });
    await expect(migrate(source, file, memory.target)).rejects.toThrow(/connection lost/);
    const copiedBefore = memory.log.length;

    const retry = memoryTarget();
    // The second run talks to the same data: carry over what the first stored.
    for (const recorded of memory.log) await retry.target.append(recorded.streamId, [recorded], expectedBefore(recorded.revision));
    const summary = await migrate(source, file, retry.target);

    expect(copiedBefore).toBeGreaterThan(0);
    expect(summary.alreadyThere).toBe(copiedBefore);
    expect(summary.mismatches).toEqual([]);
    expect(retry.log.map((e) => e.id)).toEqual((await source.readAll(0n, 1_000)).map((e) => e.id));
    await source.close();
  });

  it('given a finished migration, when run again, then nothing is appended and every event counts as already there', async () => {
    const { file, source } = await sqliteLog();
    const memory = memoryTarget();
    await migrate(source, file, memory.target);
    const appendsBefore = memory.appendCount();

    const again = await migrate(source, file, memory.target);

    expect(memory.appendCount()).toBe(appendsBefore);
    expect(again).toMatchObject({ events: 5, alreadyThere: 5, mismatches: [] });
    await source.close();
  });

  it('given a target stream that holds other events, when migrated, then the mismatch is reported', async () => {
    const { file, source, participant } = await sqliteLog();
    const memory = memoryTarget();
    await memory.target.append(participant, [event('ParticipantRegistered')], 'no_stream');

    const summary = await migrate(source, file, memory.target);

    expect(summary.mismatches).toEqual([`${participant}: the events differ`]);
    await source.close();
  });

  it('given a stream outside the ledger categories, when migrated, then it refuses before copying anything', async () => {
    const file = join(dir, `events-${randomUUID()}.db`);
    const source = createSqliteEventStore({ file });
    await source.append(`centre-${randomUUID()}`, [event('CentreOpened')], 'no_stream');
    await source.append('orders-1', [event('OrderPlaced')], 'no_stream');
    const memory = memoryTarget();

    await expect(migrate(source, file, memory.target)).rejects.toThrow(/orders-1/);
    expect(memory.appendCount()).toBe(0);
    await source.close();
  });

  it('given a progress interval, when migrated, then progress is reported as events are copied', async () => {
    const { file, source } = await sqliteLog();
    const lines: string[] = [];

    await migrate(source, file, memoryTarget().target, (line) => lines.push(line));

    expect(lines.filter((line) => /^copied \d+ events$/.test(line)).length).toBeGreaterThanOrEqual(2);
    await source.close();
  });
});

describe('the pieces of the migration', () => {
  it('given a SQLite log file, when its command records are listed, then they come back as stored and the file is not changed', async () => {
    const { file, source } = await sqliteLog();
    await source.close();
    const before = readFileSync(file);

    const commands = listCommands(file);

    expect(commands.map((c) => [c.commandId, c.fingerprint, c.result])).toEqual(
      expect.arrayContaining([
        ['cmd-open-a', 'fa', { centreId: 'a' }],
        ['cmd-noop-b', 'fb', null],
        ['cmd-noop-empty', 'fe', 'none'],
      ]),
    );
    expect(commands.find((c) => c.commandId === 'cmd-noop-empty')?.position).toBe(0n);
    expect(readFileSync(file).equals(before)).toBe(true);
  });

  it('given events in log order, when cut into appends, then each append holds consecutive events of one stream, at most the maximum', () => {
    const at = (streamId: string, revision: bigint) => ({ ...event('T'), streamId, revision, position: 0n });
    const runs = appendRuns([at('a', 0n), at('a', 1n), at('b', 0n), at('a', 2n), at('a', 3n), at('a', 4n)], 2);
    expect(runs.map((run) => run.map((e) => `${e.streamId}${e.revision}`))).toEqual([['a0', 'a1'], ['b0'], ['a2', 'a3'], ['a4']]);
  });

  it('given a revision, when the expected revision before it is asked for, then revision 0 expects no stream', () => {
    expect(expectedBefore(0n)).toBe('no_stream');
    expect(expectedBefore(5n)).toBe(4n);
  });

  it('given no arguments, when the migration is configured, then it reads DATA_DIR/events.db and the environment connection string', () => {
    expect(migrationArguments([], { DATA_DIR: '/srv/ledger', KURRENTDB_CONNECTION_STRING: 'kurrentdb://db:2113' })).toEqual({
      from: resolve('/srv/ledger/events.db'),
      to: 'kurrentdb://db:2113',
      progressEvery: 1_000,
    });
    expect(migrationArguments([], { KURRENTDB_CONNECTION_STRING: 'kurrentdb://db:2113' }).from).toBe(resolve('data/events.db'));
  });

  it('given arguments, when the migration is configured, then they win over the environment', () => {
    const args = migrationArguments(['--from', '/tmp/x.db', '--to', 'kurrentdb://other:2113', '--progress-every', '50'], {
      KURRENTDB_CONNECTION_STRING: 'kurrentdb://db:2113',
    });
    expect(args).toEqual({ from: '/tmp/x.db', to: 'kurrentdb://other:2113', progressEvery: 50 });
  });

  it('given no KurrentDB server or a bad interval, when the migration is configured, then it says what is missing', () => {
    expect(() => migrationArguments([], {})).toThrow(/--to or KURRENTDB_CONNECTION_STRING/);
    expect(() => migrationArguments(['--to', 'kurrentdb://db', '--progress-every', '0'], {})).toThrow(/--progress-every/);
    expect(() => migrationArguments(['--bogus'], {})).toThrow();
  });
});
