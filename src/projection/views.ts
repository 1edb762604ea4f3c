import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { Lookup, AnyProjection, ColumnValue, ProjectedEvent, ProjectionSettings } from '../../projections/projection.js';
import { LedgerEvent, ledgerEventTypes, parseLedgerEvent } from '../domain/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import { openLedgerDatabase, type Synchronous } from '../store/sqlite.js';

/** Marks a file as this ledger's views, so a foreign SQLite file is refused, not altered. */
export const VIEWS_APPLICATION_ID = 0x43_4c_56_57; // "CLVW"

const tableOf = (projection: AnyProjection) => `view_${projection.name}`;
const knownTypes = new Set<string>(ledgerEventTypes);

export interface ApplyOptions {
  /**
   * The events come from a log that only this ledger's command path appends to (see
   * EventStore.appendsOnlyFromLedger): they were decided from validated input and have their
   * catalogue shape, so they are not validated again. Event types whose schema changes what it
   * parses (an upcaster, a default, a transform) are parsed all the same.
   */
  readonly trusted?: boolean;
}

export interface Views {
  readonly db: Database.Database;
  /** Position of the last event applied to every view. */
  checkpoint(): bigint;
  /** How many of the log's events the views have read (for checks that a refusal stored nothing). */
  eventsRead(): number;
  /** Rows this connection has written or deleted in the views since it was opened (for benchmarks). */
  rowsWritten(): number;
  /** Applies events in log order; views and checkpoint change in one transaction. */
  applyBatch(events: readonly RecordedEvent[], options?: ApplyOptions): void;
  /** Empties every view and sets the checkpoint back to the start of the log. */
  reset(): void;
  /**
   * For replaying a long log into emptied views (`npm run rebuild`): drops the views' secondary
   * indexes, which are built once at `endBulk` (much faster than keeping them up to date row by
   * row), lets commits skip their fsync (endBulk syncs) and gives SQLite a larger page cache.
   * Queries are slow in between; the indexes are also built again whenever the views are opened,
   * should the rebuild be interrupted.
   */
  beginBulk(options?: BulkOptions): void;
  /** Builds the indexes, restores the durability and journal settings, and syncs the file. */
  endBulk(): void;
  close(): void;
}

export interface BulkOptions {
  /**
   * The views are a new file that nobody else has open and that is thrown away if the rebuild
   * fails (see src/cli/rebuild.ts): no rollback journal at all while replaying, so every page is
   * written once. A failed batch then leaves the file unusable.
   */
  readonly disposableFile?: boolean;
  /** SQLite page cache while replaying, in KiB. Default 256 MiB. */
  readonly pageCacheKiB?: number;
}

export interface ViewsOptions {
  readonly file: string;
  readonly projections: readonly AnyProjection[];
  readonly settings: ProjectionSettings;
  readonly synchronous?: Synchronous;
  /** Names the log the views follow; another log means another meaning of every position. */
  readonly source?: string;
  readonly onUnknownEvent?: (event: RecordedEvent) => void;
  /** Told when the stored views were built by other projections or settings and are rebuilt. */
  readonly onRebuildNeeded?: (reason: string) => void;
  /** Documents kept parsed in memory between batches (least recently used first out). Default 20,000. */
  readonly cachedDocuments?: number;
  /**
   * The same cache bounded by the documents' size as JSON too (parsed, a document takes about
   * twice that): documents grow (a centre's day with every child who came), so a bound by count
   * alone lets the cache grow with them. Default none (the count only).
   */
  readonly cachedDocumentBytes?: number;
  /** SQLite page cache for the views, in KiB. Default 64 MiB. */
  readonly pageCacheKiB?: number;
}

/** What the views' shape depends on: when it changes, stored views are stale and get rebuilt. */
function fingerprintOf(projections: readonly AnyProjection[], settings: ProjectionSettings & { source: string }): string {
  const shape = projections.map((p) => [p.name, p.version, Object.entries(p.columns).map(([c, d]) => [c, d.type]), p.indexes ?? []]);
  return createHash('sha256').update(JSON.stringify({ shape, settings })).digest('hex');
}

/** zod definition kinds that can make the parsed value differ from the stored one. */
const reshaping = new Set(['pipe', 'transform', 'default', 'prefault', 'catch', 'lazy', 'promise', 'function']);

interface SchemaDefinition {
  readonly type: string;
  readonly [key: string]: unknown;
}

/** Whether parsing with this zod schema can return something else than its (valid) input. */
function changesWhatItParses(schema: unknown, seen = new Set<unknown>()): boolean {
  const def = (schema as { _zod?: { def?: SchemaDefinition } } | undefined)?._zod?.def;
  if (!def) return true;
  if (seen.has(schema)) return false;
  seen.add(schema);
  if (reshaping.has(def.type)) return true;
  const children: unknown[] = [];
  if (def.type === 'object') {
    children.push(...Object.values((def.shape as Record<string, unknown>) ?? {}));
    if (def.catchall) children.push(def.catchall);
  }
  for (const key of ['innerType', 'element', 'keyType', 'valueType', 'left', 'right', 'rest'] as const) {
    if (def[key]) children.push(def[key]);
  }
  for (const key of ['options', 'items'] as const) {
    if (Array.isArray(def[key])) children.push(...(def[key] as unknown[]));
  }
  return children.some((child) => changesWhatItParses(child, seen));
}

/** Event types that are always parsed, even from a trusted log: their schema upcasts or fills in. */
const typesThatReshape = new Set<string>(
  LedgerEvent.options.filter((option) => changesWhatItParses(option)).map((option) => option.shape.type.value),
);

/**
 * An event from the log as projections see it: parsed (upcast) by its catalogue schema, unless the
 * log is trusted (see ApplyOptions) and its type's schema leaves valid input as it is.
 */
export function toProjectedEvent(recorded: RecordedEvent, trusted: boolean): ProjectedEvent {
  if (trusted && !typesThatReshape.has(recorded.type)) {
    return { type: recorded.type, data: recorded.data, metadata: recorded.metadata, position: recorded.position, streamId: recorded.streamId } as ProjectedEvent;
  }
  return { ...parseLedgerEvent(recorded), metadata: recorded.metadata, position: recorded.position, streamId: recorded.streamId } as ProjectedEvent;
}

/**
 * A bounded map that forgets the least recently used entries first, in two generations: entries
 * are set in the young one; when it is full it becomes the old one and the previous old one is
 * dropped whole; a hit in the old generation moves the entry back to the young one. O(1) and no
 * deletes at the front of a Map (which V8 makes slow to iterate past). Full means half the count
 * or half the bytes (an entry's size as its caller measures it, plus its key's length), so that
 * both bounds hold for the two generations together.
 *
 * Keys live in `spaces` separate maps (one per view), so that a document's id is used as it is:
 * a key built as view + id would be a new string, hashed again, on every lookup.
 */
export class LeastRecentlyUsed<V> {
  #young: Map<string, Sized<V>>[];
  #old: Map<string, Sized<V>>[];
  #youngSize = 0;
  /** Bytes of the young generation (the old one's were bounded while it was young). */
  #youngBytes = 0;
  #oldSize = 0;
  readonly #generation: number;
  readonly #generationBytes: number;
  readonly #spaces: number;
  constructor(capacity: number, capacityBytes = Infinity, spaces = 1) {
    this.#generation = Math.max(0, Math.floor(capacity / 2));
    this.#generationBytes = Math.max(0, capacityBytes / 2);
    this.#spaces = spaces;
    this.#young = this.#fresh();
    this.#old = this.#fresh();
  }
  #fresh() {
    return Array.from({ length: this.#spaces }, () => new Map<string, Sized<V>>());
  }
  get(key: string, space = 0): V | undefined {
    const young = this.#young[space]!.get(key);
    if (young !== undefined) return young.value;
    const old = this.#old[space]!.get(key);
    if (old !== undefined) this.#put(key, old, space);
    return old?.value;
  }
  /** The bytes an entry was set with, or undefined if it is not here; does not count as a use. */
  bytesOf(key: string, space = 0): number | undefined {
    const entry = this.#young[space]!.get(key) ?? this.#old[space]!.get(key);
    return entry && entry.bytes - key.length;
  }
  set(key: string, value: V, bytes = 0, space = 0) {
    this.#put(key, { value, bytes: bytes + key.length }, space);
  }
  #put(key: string, entry: Sized<V>, space: number) {
    if (this.#generation === 0 || this.#generationBytes === 0) return;
    // A document set again replaces its copy, whose bytes no longer count; it may have grown.
    const replaced = this.#young[space]!.get(key);
    const others = this.#youngSize - (replaced === undefined ? 0 : 1);
    const bytes = this.#youngBytes - (replaced?.bytes ?? 0) + entry.bytes;
    if (others > 0 && (others >= this.#generation || bytes > this.#generationBytes)) {
      this.#old = this.#young;
      this.#oldSize = this.#youngSize;
      this.#young = this.#fresh();
      this.#youngSize = 0;
      this.#youngBytes = entry.bytes;
    } else {
      this.#youngBytes = bytes;
    }
    const young = this.#young[space]!;
    if (!young.has(key)) this.#youngSize += 1;
    young.set(key, entry);
    // A stale copy in the old generation must not come back after the young one is dropped.
    if (this.#old[space]!.delete(key)) this.#oldSize -= 1;
  }
  /** Entries held, in both generations. */
  get size() {
    return this.#youngSize + this.#oldSize;
  }
  /** Bytes held, in both generations (walks the old one: for tests and measurements). */
  get bytes() {
    let bytes = this.#youngBytes;
    for (const map of this.#old) for (const entry of map.values()) bytes += entry.bytes;
    return bytes;
  }
  clear() {
    this.#young = this.#fresh();
    this.#old = this.#fresh();
    this.#youngSize = 0;
    this.#oldSize = 0;
    this.#youngBytes = 0;
  }
}

interface Sized<V> {
  readonly value: V;
  readonly bytes: number;
}

/**
 * A fixed-size Bloom filter of the documents written since a bulk rebuild began on empty views: a
 * document it has never seen is absent without asking SQLite. A false positive only costs the
 * lookup it saves otherwise; the filter does not grow with the log (it only fills up).
 */
class WrittenSince {
  readonly #bits: Uint32Array;
  readonly #mask: number;
  constructor(log2Bits = 26) {
    this.#bits = new Uint32Array(2 ** (log2Bits - 5));
    this.#mask = 2 ** log2Bits - 1;
  }
  #hashes(space: number, key: string): [number, number] {
    // Two FNV-1a variants, seeded by the view; the k probes are h1 + i*h2 (Kirsch–Mitzenmacher).
    let h1 = Math.imul(0x811c9dc5 ^ space, 0x01000193);
    let h2 = Math.imul(0x01000193 ^ space, 0x5bd1e995);
    for (let i = 0; i < key.length; i++) {
      const c = key.charCodeAt(i);
      h1 = Math.imul(h1 ^ c, 0x01000193);
      h2 = Math.imul(h2 ^ c, 0x5bd1e995) ^ (h2 >>> 15);
    }
    return [h1 >>> 0, (h2 | 1) >>> 0];
  }
  add(space: number, key: string) {
    const [h1, h2] = this.#hashes(space, key);
    for (let i = 0; i < 4; i++) {
      const bit = (h1 + i * h2) & this.#mask;
      this.#bits[bit >>> 5]! |= 1 << (bit & 31);
    }
  }
  has(space: number, key: string): boolean {
    const [h1, h2] = this.#hashes(space, key);
    for (let i = 0; i < 4; i++) {
      const bit = (h1 + i * h2) & this.#mask;
      if ((this.#bits[bit >>> 5]! & (1 << (bit & 31))) === 0) return false;
    }
    return true;
  }
}

/** In the cache, a document known to be absent (deleted, or never written). */
const ABSENT = Symbol('absent');

/** A document touched in the batch: as loaded at the start of the batch, and as it is now. */
interface Touched {
  readonly before: unknown;
  after: unknown;
  /** Length of `after` as JSON, when the batch wrote it: its size in the cache. */
  json?: number;
}

export function openViews(options: ViewsOptions): Views {
  const { projections } = options;
  const db = openLedgerDatabase(options.file, VIEWS_APPLICATION_ID, 'views file');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  const pageCacheKiB = Math.max(2_000, Math.round(options.pageCacheKiB ?? 65_536));
  db.pragma(`cache_size = -${pageCacheKiB}`);
  db.pragma(`application_id = ${VIEWS_APPLICATION_ID}`);
  db.exec(`CREATE TABLE IF NOT EXISTS views_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);

  const readMeta = db.prepare<[string], { value: string }>(`SELECT value FROM views_meta WHERE key = ?`);
  const writeMeta = db.prepare(`INSERT INTO views_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
  const dataVersion = db.prepare(`PRAGMA data_version`).pluck();

  const indexName = (projection: AnyProjection, index: readonly string[]) => `${tableOf(projection)}_${index.join('_')}`;

  function createIndexes() {
    for (const projection of projections) {
      for (const index of projection.indexes ?? []) {
        db.exec(`CREATE INDEX IF NOT EXISTS ${indexName(projection, index)} ON ${tableOf(projection)} (${index.join(', ')})`);
      }
    }
  }

  function createTables() {
    for (const projection of projections) {
      const columns = Object.entries(projection.columns).map(([name, column]) => `, ${name} ${column.type}`);
      db.exec(`CREATE TABLE IF NOT EXISTS ${tableOf(projection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${columns.join('')})`);
    }
    createIndexes();
  }

  function dropTables() {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'view\\_%' ESCAPE '\\'`).all() as { name: string }[];
    for (const { name } of tables) db.exec(`DROP TABLE ${name}`);
  }

  const fingerprint = fingerprintOf(projections, { ...options.settings, source: options.source ?? 'sqlite' });
  const reset = db.transaction(() => {
    dropTables();
    createTables();
    writeMeta.run('checkpoint', '0');
    writeMeta.run('events_read', '0');
    writeMeta.run('fingerprint', fingerprint);
  });

  const stored = readMeta.get('fingerprint')?.value;
  if (stored !== fingerprint) {
    if (stored) options.onRebuildNeeded?.('the projections or their settings changed since the views were built');
    reset();
  } else {
    // A bulk rebuild that was interrupted left them out.
    createIndexes();
  }

  interface Plan {
    readonly projection: AnyProjection;
    readonly columns: readonly ((doc: unknown) => ColumnValue)[];
    readonly select: Database.Statement<[string], string>;
    readonly upsert: Database.Statement<unknown[]>;
    readonly remove: Database.Statement<[string]>;
    /** Documents touched by the batch being applied, by id. */
    readonly touched: Map<string, Touched>;
    /** The plan's space in the document cache and in the filter of written documents. */
    readonly space: number;
  }

  const plans: Plan[] = projections.map((projection, index) => {
    const table = tableOf(projection);
    const columnNames = Object.keys(projection.columns);
    return {
      projection,
      columns: Object.values(projection.columns).map((column) => column.value),
      select: db.prepare<[string], string>(`SELECT doc FROM ${table} WHERE id = ?`).pluck(),
      upsert: db.prepare<unknown[]>(
        `INSERT INTO ${table} (id, doc${columnNames.map((c) => `, ${c}`).join('')}) VALUES (?, ?${columnNames.map(() => ', ?').join('')})
         ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${columnNames.map((c) => `, ${c} = excluded.${c}`).join('')}`,
      ),
      remove: db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`),
      touched: new Map(),
      space: index,
    };
  });

  /** Another view's document as this batch has left it so far (projections run in list order). */
  const planByName = new Map(plans.map((plan) => [plan.projection.name, plan]));
  const lookup: Lookup = <D>(view: string, id: string) => {
    const plan = planByName.get(view);
    if (!plan) throw new Error(`no view is called ${view}`);
    const entry = plan.touched.get(id);
    return (entry ? entry.after : loadDoc(plan, id)) as D | undefined;
  };

  const byType = new Map<string, Plan[]>();
  for (const plan of plans) {
    for (const type of plan.projection.handles) byType.set(type, [...(byType.get(type) ?? []), plan]);
  }

  /**
   * Parsed documents as last committed, kept between batches. Valid only while this connection
   * is the only writer: PRAGMA data_version changes when another connection commits, and then
   * the cache is dropped.
   */
  const cache = new LeastRecentlyUsed<unknown>(options.cachedDocuments ?? 20_000, options.cachedDocumentBytes, projections.length);
  let versionSeen: number | undefined;
  /** During a bulk rebuild that began on empty views: every document written since. */
  let written: WrittenSince | undefined;

  function loadDoc(plan: Plan, id: string): unknown {
    const { space } = plan;
    const cached = cache.get(id, space);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached;
    if (written && !written.has(space, id)) return undefined;
    const json = plan.select.get(id);
    // Kept for the next batches too: documents that are only looked up (a participant's number for
    // every attendance) would otherwise be read and parsed again on every event that names them.
    // The read is of committed rows inside the write transaction, so the copy is current.
    if (json === undefined) {
      cache.set(id, ABSENT, 0, space);
      return undefined;
    }
    const doc: unknown = JSON.parse(json);
    cache.set(id, doc, json.length, space);
    return doc;
  }

  let rowsWritten = 0;
  const applyBatch = db.transaction((events: readonly RecordedEvent[], trusted: boolean) => {
    // Asked inside the write transaction: checked before BEGIN, another process (the demo loader,
    // a second server) could commit in between, and this batch would evolve stale cached documents.
    const version = dataVersion.get() as number;
    if (version !== versionSeen) {
      cache.clear();
      // Another connection wrote the views: documents may exist that the filter never saw.
      if (versionSeen !== undefined) written = undefined;
    }
    // Read inside the write transaction: another process (a second runner on this file) may have
    // applied some of these events already, and none may count twice.
    const applied = BigInt(readMeta.get('checkpoint')?.value ?? '0');
    // Documents touched in this batch (plan.touched), so that several events on one document read their own writes.
    for (const recorded of events) {
      if (recorded.position <= applied) continue;
      const interested = byType.get(recorded.type);
      if (!interested) {
        if (!knownTypes.has(recorded.type)) options.onUnknownEvent?.(recorded);
        continue;
      }
      const event = toProjectedEvent(recorded, trusted);
      for (const plan of interested) {
        const { projection, touched } = plan;
        for (const id of projection.documentIds(event, lookup)) {
          const entry = touched.get(id);
          if (entry) {
            entry.after = projection.evolve(entry.after, event, id, lookup);
          } else {
            const before = loadDoc(plan, id);
            touched.set(id, { before, after: projection.evolve(before, event, id, lookup) });
          }
        }
      }
    }
    for (const { touched, columns, upsert, remove } of plans) {
      if (touched.size === 0) continue;
      for (const [id, entry] of touched) {
        const { before, after } = entry;
        // evolve answered the document it was given: the row is already what it would write.
        if (after === before) continue;
        rowsWritten += 1;
        if (after === undefined) {
          remove.run(id);
          continue;
        }
        const json = JSON.stringify(after);
        entry.json = json.length;
        const values: unknown[] = [id, json];
        for (const column of columns) values.push(column(after));
        upsert.run(values);
      }
    }
    const last = events[events.length - 1];
    if (last && last.position > applied) {
      writeMeta.run('checkpoint', last.position.toString());
      let read = 0;
      for (const event of events) if (event.position > applied) read += 1;
      writeMeta.run('events_read', String(Number(readMeta.get('events_read')?.value ?? '0') + read));
    }
  });

  function forgetTouched() {
    for (const plan of plans) plan.touched.clear();
  }

  let bulk = false;

  return {
    db,
    checkpoint: () => BigInt(readMeta.get('checkpoint')?.value ?? '0'),
    eventsRead: () => Number(readMeta.get('events_read')?.value ?? '0'),
    rowsWritten: () => rowsWritten,
    applyBatch: (events, applyOptions = {}) => {
      if (events.length === 0) return;
      try {
        applyBatch.immediate(events, applyOptions.trusted === true);
      } catch (error) {
        forgetTouched();
        // A failed evolve may have changed a cached document in place; start afresh.
        cache.clear();
        throw error;
      }
      // Committed: what the batch wrote is what the views now hold. A document the batch left as it
      // was is cached already (loadDoc keeps what it reads), with the size it was read with.
      for (const plan of plans) {
        for (const [id, { before, after, json }] of plan.touched) {
          if (after === before) continue;
          // Sized by its JSON, measured when it was written.
          cache.set(id, after === undefined ? ABSENT : after, json ?? 0, plan.space);
          written?.add(plan.space, id);
        }
        plan.touched.clear();
      }
      versionSeen = dataVersion.get() as number;
    },
    reset: () => {
      cache.clear();
      written = undefined;
      reset.immediate();
    },
    beginBulk: (bulkOptions = {}) => {
      if (bulk) return;
      bulk = true;
      if (bulkOptions.disposableFile) {
        db.pragma('journal_mode = OFF');
        db.pragma('synchronous = OFF');
      } else {
        // Commits need not reach the disk one by one (in WAL mode NORMAL never corrupts); endBulk syncs.
        db.pragma('synchronous = NORMAL');
      }
      db.pragma(`cache_size = -${Math.max(2_000, Math.round(bulkOptions.pageCacheKiB ?? 262_144))}`);
      // CREATE INDEX may sort with a helper thread.
      db.pragma('threads = 2');
      if (BigInt(readMeta.get('checkpoint')?.value ?? '0') === 0n) {
        written = new WrittenSince();
        versionSeen = dataVersion.get() as number;
      }
      db.transaction(() => {
        for (const projection of projections) {
          for (const index of projection.indexes ?? []) db.exec(`DROP INDEX IF EXISTS ${indexName(projection, index)}`);
        }
      }).immediate();
    },
    endBulk: () => {
      if (!bulk) return;
      bulk = false;
      written = undefined;
      db.transaction(createIndexes).immediate();
      db.pragma('threads = 0');
      db.pragma(`cache_size = -${pageCacheKiB}`);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      // With synchronous=FULL or NORMAL a checkpoint syncs the database file.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => {
      cache.clear();
      db.close();
    },
  };
}
