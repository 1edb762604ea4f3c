import { existsSync, realpathSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import { streamCategories } from '../domain/catalogue.js';
import { checkConnection, createKurrentDbEventStore, redactConnectionString } from '../store/kurrentdb.js';
import { isLedgerStream, streamPrefixesOf } from '../store/kurrentdb-mapping.js';
import type { CommandRecord, EventStore, ExpectedRevision, RecordedEvent } from '../store/port.js';
import { createSqliteEventStore } from '../store/sqlite.js';
import { openSideStreams } from '../store/kurrentdb-streams.js';
import { migrateAccounts, migrateKeys } from '../store/migrate-shared.js';

/**
 * Copies the SQLite event log into KurrentDB, then its command records, then checks the copy:
 *   npm run migrate-store -- [--from data/events.db] [--to kurrentdb://…] [--progress-every 1000]
 * Every event keeps its id, type, data, metadata, stream and revision, and goes in log order.
 * Each append names the revision the stream must be at, and a stream's events already in
 * KurrentDB are skipped, so an interrupted migration is simply run again. Stop the API servers
 * first: events they append during the copy would not be migrated. Then the people's keys and web
 * accounts beside the log (keys.db, accounts.db) are copied too (src/store/migrate-shared.ts).
 */

const usage = 'usage: migrate-store [--from <events.db>] [--to <kurrentdb connection string>] [--progress-every <n>]';

/** Events read from the source per page. */
const PAGE = 1_000;
/** Events per append at most: a long run of one stream is split to stay under KurrentDB's append size limit. */
const MAX_APPEND = 100;

type UsageError = Error & { readonly usage: true };
const usageError = (message: string): UsageError => Object.assign(new Error(message), { usage: true as const });
const isUsageError = (error: unknown): error is UsageError => error instanceof Error && (error as Partial<UsageError>).usage === true;

export interface MigrationArguments {
  readonly from: string;
  readonly to: string;
  readonly progressEvery: number;
}

/** What the arguments and environment ask for; throws a usage error saying what is wrong. */
export function migrationArguments(args: readonly string[], env: NodeJS.ProcessEnv): MigrationArguments {
  let values;
  try {
    ({ values } = parseArgs({
      args: [...args],
      strict: true,
      allowPositionals: false,
      options: { from: { type: 'string' }, to: { type: 'string' }, 'progress-every': { type: 'string' } },
    }));
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const from = resolve(values.from ?? resolve(env.DATA_DIR || './data', 'events.db'));
  const to = values.to ?? env.KURRENTDB_CONNECTION_STRING;
  if (!to) throw usageError('name the KurrentDB server with --to or KURRENTDB_CONNECTION_STRING');
  const progressEvery = values['progress-every'] === undefined ? 1_000 : Number(values['progress-every']);
  if (!Number.isInteger(progressEvery) || progressEvery < 1) throw usageError('--progress-every must be a whole number of events, 1 or more');
  return { from, to, progressEvery };
}

/** The SQLite log's command records, read straight from its `commands` table without changing the file. */
export function listCommands(file: string): CommandRecord[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'commands'`).get();
    if (!table) return [];
    const rows = db
      .prepare(`SELECT command_id, fingerprint, result, position FROM commands ORDER BY position, command_id`)
      .all() as { command_id: string; fingerprint: string; result: string; position: number }[];
    return rows.map((row) => ({ commandId: row.command_id, fingerprint: row.fingerprint, result: JSON.parse(row.result), position: BigInt(row.position) }));
  } finally {
    db.close();
  }
}

/** Where KurrentDB must be to take the event at `revision`: the revision before it, or no stream. */
export const expectedBefore = (revision: bigint): ExpectedRevision => (revision === 0n ? 'no_stream' : revision - 1n);

/** Consecutive events of one stream in log order, at most `max` each: what one append carries. */
export function appendRuns(events: readonly RecordedEvent[], max = MAX_APPEND): RecordedEvent[][] {
  const runs: RecordedEvent[][] = [];
  for (const event of events) {
    const run = runs[runs.length - 1];
    const last = run?.[run.length - 1];
    if (run && last && last.streamId === event.streamId && last.revision + 1n === event.revision && run.length < max) run.push(event);
    else runs.push([event]);
  }
  return runs;
}

/** The part of the target the migration uses: the port, plus writing a record as it is. */
export type MigrationTarget = Pick<EventStore, 'append' | 'readStream' | 'findCommand'> & {
  recordCommand(record: CommandRecord): Promise<void>;
};

export interface MigrationSummary {
  readonly events: number;
  /** Events that were already in the target (an earlier, interrupted run). */
  readonly alreadyThere: number;
  readonly streams: number;
  readonly commands: number;
  /** One line per stream or command record that differs after the copy; empty when all match. */
  readonly mismatches: readonly string[];
}

export interface MigrationOptions {
  readonly source: EventStore;
  readonly commands: readonly CommandRecord[];
  readonly target: MigrationTarget;
  /** Whether the target follows a stream; one it does not follow would never reach the views. */
  readonly isLedgerStream: (streamId: string) => boolean;
  readonly progressEvery: number;
  readonly report: (line: string) => void;
}

/** Every event of the source in log order, page by page. */
async function* sourceEvents(source: EventStore): AsyncGenerator<RecordedEvent> {
  let position = 0n;
  for (;;) {
    const page = await source.readAll(position, PAGE);
    if (page.length === 0) return;
    yield* page;
    position = page[page.length - 1]!.position;
  }
}

/** Counts each stream and finds the events the command records point at; refuses streams the target would not follow. */
async function survey(options: MigrationOptions) {
  const counts = new Map<string, number>();
  const wanted = new Set(options.commands.map((command) => command.position));
  const pointedAt = new Map<bigint, { streamId: string; revision: bigint }>();
  for await (const event of sourceEvents(options.source)) {
    counts.set(event.streamId, (counts.get(event.streamId) ?? 0) + 1);
    if (wanted.has(event.position)) pointedAt.set(event.position, { streamId: event.streamId, revision: event.revision });
  }
  const foreign = [...counts.keys()].filter((streamId) => !options.isLedgerStream(streamId));
  if (foreign.length > 0) {
    throw new Error(`these streams are outside the ledger's categories and would never reach the views: ${foreign.slice(0, 10).join(', ')}`);
  }
  return { counts, pointedAt };
}

/** Copies the log; a stream's events already in the target (same revisions) are skipped. */
async function copyEvents(options: MigrationOptions) {
  const { target, report } = options;
  const reached = new Map<string, bigint>(); // the target's last revision per stream
  const lastRevisionOf = async (streamId: string) => {
    const known = reached.get(streamId);
    if (known !== undefined) return known;
    const stored = await target.readStream(streamId);
    return stored.length === 0 ? -1n : stored[stored.length - 1]!.revision;
  };
  let copied = 0;
  let alreadyThere = 0;
  let nextReport = options.progressEvery;
  let page: RecordedEvent[] = [];
  const flush = async () => {
    for (const run of appendRuns(page)) {
      const streamId = run[0]!.streamId;
      const stored = await lastRevisionOf(streamId);
      const missing = run.filter((event) => event.revision > stored);
      alreadyThere += run.length - missing.length;
      if (missing.length > 0) {
        const events = missing.map(({ id, type, data, metadata }) => ({ id, type, data, metadata }));
        await target.append(streamId, events, expectedBefore(missing[0]!.revision));
      }
      const runEnd = run[run.length - 1]!.revision;
      reached.set(streamId, runEnd > stored ? runEnd : stored);
      copied += run.length;
      if (copied >= nextReport) {
        report(`copied ${copied} events`);
        nextReport = (Math.floor(copied / options.progressEvery) + 1) * options.progressEvery;
      }
    }
    page = [];
  };
  for await (const event of sourceEvents(options.source)) {
    page.push(event);
    // A page may end inside a run of one stream: that only splits an append, which changes nothing.
    if (page.length >= PAGE) await flush();
  }
  await flush();
  return { copied, alreadyThere };
}

/** Compares each stream's event ids in both stores; returns the target's positions by stream for the records. */
async function verifyStreams(options: MigrationOptions, counts: ReadonlyMap<string, number>) {
  const mismatches: string[] = [];
  const positions = new Map<string, bigint[]>();
  for (const [streamId, count] of counts) {
    const [copy, original] = await Promise.all([options.target.readStream(streamId), options.source.readStream(streamId)]);
    positions.set(streamId, copy.map((event) => event.position));
    if (copy.length !== count) mismatches.push(`${streamId}: ${count} events in SQLite, ${copy.length} in KurrentDB`);
    else if (copy.some((event, index) => event.id !== original[index]?.id || event.revision !== BigInt(index))) {
      mismatches.push(`${streamId}: the events differ`);
    }
  }
  return { mismatches, positions };
}

/**
 * Writes the command records with their positions translated: a SQLite position names an event
 * by (stream, revision), and that event's KurrentDB position replaces it. Position 0 (a command
 * that stored nothing on an empty stream) stays 0.
 */
async function copyCommands(
  options: MigrationOptions,
  pointedAt: ReadonlyMap<bigint, { streamId: string; revision: bigint }>,
  positions: ReadonlyMap<string, bigint[]>,
) {
  const mismatches: string[] = [];
  for (const command of options.commands) {
    let position = 0n;
    if (command.position !== 0n) {
      const event = pointedAt.get(command.position);
      const translated = event && positions.get(event.streamId)?.[Number(event.revision)];
      if (translated === undefined) {
        mismatches.push(`command ${command.commandId}: its position ${command.position} names no event that was copied`);
        continue;
      }
      position = translated;
    }
    await options.target.recordCommand({ ...command, position });
    const stored = await options.target.findCommand(command.commandId);
    if (!stored || stored.fingerprint !== command.fingerprint || stored.position !== position) {
      mismatches.push(`command ${command.commandId}: its record in KurrentDB differs from SQLite's`);
    }
  }
  return mismatches;
}

export async function migrateStore(options: MigrationOptions): Promise<MigrationSummary> {
  const { counts, pointedAt } = await survey(options);
  options.report(`found ${[...counts.values()].reduce((a, b) => a + b, 0)} events in ${counts.size} streams and ${options.commands.length} command records`);
  const { copied, alreadyThere } = await copyEvents(options);
  options.report(`copied ${copied} events; checking every stream`);
  const streams = await verifyStreams(options, counts);
  const commandMismatches = await copyCommands(options, pointedAt, streams.positions);
  return {
    events: copied,
    alreadyThere,
    streams: counts.size,
    commands: options.commands.length,
    mismatches: [...streams.mismatches, ...commandMismatches],
  };
}

export function describeSummary(summary: MigrationSummary, from: string, to: string): string {
  const lines = [
    `migrated ${from} to ${to}`,
    `  events:          ${summary.events} in ${summary.streams} streams (${summary.alreadyThere} were already there)`,
    `  command records: ${summary.commands}`,
  ];
  if (summary.mismatches.length === 0) lines.push('  check:           every stream and command record matches');
  else lines.push(`  check:           ${summary.mismatches.length} MISMATCHES`, ...summary.mismatches.map((line) => `    ${line}`));
  return lines.join('\n');
}

/** Copies DATA_DIR's keys.db and accounts.db into KurrentDB when they are there (src/store/migrate-shared.ts). */
export async function migrateKeysAndAccounts(dataDir: string, to: string, report: (line: string) => void): Promise<{ mismatches: readonly string[] }> {
  const streams = openSideStreams(to);
  try {
    let mismatches: readonly string[] = [];
    const keysFile = join(dataDir, 'keys.db');
    if (existsSync(keysFile)) {
      const keys = await migrateKeys(keysFile, streams);
      mismatches = keys.mismatches;
      report(`  people's keys:   ${keys.keys} copied (${keys.alreadyThere} were already there), ${keys.erased} erased people's key streams deleted`);
      for (const line of keys.mismatches) report(`    ${line}`);
    }
    const accountsFile = join(dataDir, 'accounts.db');
    if (existsSync(accountsFile)) {
      const accounts = await migrateAccounts(accountsFile, streams);
      report(accounts.skipped ? '  web accounts:    KurrentDB has accounts already; none copied' : `  web accounts:    ${accounts.users} copied (sessions and one-time links are not: people sign in again)`);
    }
    return { mismatches };
  } finally {
    await streams.close();
  }
}

async function main(): Promise<number> {
  let args: MigrationArguments;
  try {
    args = migrationArguments(process.argv.slice(2), process.env);
  } catch (error) {
    if (!isUsageError(error)) throw error;
    process.stderr.write(`${error.message}\n${usage}\n`);
    return 2;
  }
  const to = redactConnectionString(args.to);
  if (!existsSync(args.from)) {
    process.stderr.write(`${args.from} does not exist: name the SQLite event log with --from or DATA_DIR\n`);
    return 2;
  }
  await checkConnection(args.to, 5_000);
  const source = createSqliteEventStore({ file: args.from });
  const target = createKurrentDbEventStore({ connectionString: args.to, categories: streamCategories });
  const prefixes = streamPrefixesOf(streamCategories);
  try {
    const summary = await migrateStore({
      source,
      commands: listCommands(args.from),
      target,
      isLedgerStream: (streamId) => isLedgerStream(streamId, prefixes),
      progressEvery: args.progressEvery,
      report: (line) => process.stdout.write(`${line}\n`),
    });
    process.stdout.write(`${describeSummary(summary, args.from, to)}\n`);
    // People's keys and web accounts beside the log, so every server on KurrentDB opens names and signs people in.
    const shared = await migrateKeysAndAccounts(dirname(args.from), args.to, (line) => process.stdout.write(`${line}\n`));
    return summary.mismatches.length === 0 && shared.mismatches.length === 0 ? 0 : 1;
  } finally {
    await source.close();
    await target.close();
  }
}

const runAsScript = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
if (runAsScript) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`migrate-store failed: ${(error as Error).message}\n`);
      process.exitCode = 1;
    },
  );
}
