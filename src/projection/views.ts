import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import { isRowView, type Lookup, type AnyProjection, type AnyRowView, type AnyView, type ColumnValue, type ProjectedEvent, type ProjectionSettings, type RowChange } from '../../projections/projection.js';
import { LedgerEvent, ledgerEventTypes, parseLedgerEvent } from '../domain/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import { openLedgerDatabase, type Synchronous } from '../store/sqlite.js';

/** Marks a file as this ledger's views, so a foreign SQLite file is refused, not altered. */
export const VIEWS_APPLICATION_ID = 0x43_4c_56_57; // "CLVW"

const tableOf = (projection: AnyView) => `view_${projection.name}`;
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
   * The views whose new version is being built beside the old one (after an upgrade changed their
   * projections), or undefined. Read from the file, so any connection sees the build's progress.
   */
  building(): BuildStatus | undefined;
  /**
   * Applies events to the versions being built, up to the checkpoint of the views queries read
   * (never past it), in one transaction with the build's own checkpoint.
   */
  applyToBuild(events: readonly RecordedEvent[], options?: ApplyOptions): void;
  /**
   * Once the build has reached the views' checkpoint: in one transaction, the built versions
   * replace the old ones (queries on other connections see either the old or the new) and join the
   * views applyBatch keeps up to date. Returns the views switched, none if the build is behind.
   */
  switchOver(): readonly string[];
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
  readonly projections: readonly AnyView[];
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
  /** Told of each entry the cache forgets (not of those replaced or cleared). */
  onEvict: ((key: string, value: V, space: number) => void) | undefined;
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
      if (this.onEvict) {
        const evict = this.onEvict;
        this.#old.forEach((map, oldSpace) => map.forEach((dropped, oldKey) => evict(oldKey, dropped.value, oldSpace)));
      }
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
  /** Every entry held, in both generations (for writing out what is held at the end of a bulk replay). */
  *entries(space: number): IterableIterator<[string, V]> {
    for (const [key, entry] of this.#old[space]!) if (!this.#young[space]!.has(key)) yield [key, entry.value];
    for (const [key, entry] of this.#young[space]!) yield [key, entry.value];
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

/** Rows a bulk replay appends to a row view with one INSERT statement. */
const APPEND_CHUNK = 64;

/** In the cache, a document known to be absent (deleted, or never written). */
const ABSENT = Symbol('absent');

/** A document touched in the batch: as loaded at the start of the batch, and as it is now. */
interface Touched {
  readonly before: unknown;
  after: unknown;
  /** Length of `after` as JSON, when the batch wrote it: its size in the cache. */
  json?: number;
}

/** A view's table while a new version of it is built beside the one queries read (`view_<name>`). */
const buildTableOf = (projection: AnyView, fingerprint: string) => `view_${projection.name}__${fingerprint.slice(0, 12)}`;
/** Named by the fingerprint, so the indexes of a view's next version never clash with the current one's. */
const indexNameOf = (projection: AnyView, fingerprint: string, index: readonly string[]) =>
  `view_${projection.name}_${index.join('_')}_${fingerprint.slice(0, 12)}`;

/**
 * Each view's fingerprint: its name, version, columns and indexes, the settings and log they
 * depend on, and the fingerprints of the views it looks up. A projection that changes changes its
 * own fingerprint and those of the views that read it, and no other.
 */
export function viewFingerprints(projections: readonly AnyView[], settings: ProjectionSettings & { source: string }): Map<string, string> {
  const byName = new Map(projections.map((p) => [p.name, p]));
  const fingerprints = new Map<string, string>();
  const visiting = new Set<string>();
  const of = (projection: AnyView): string => {
    const known = fingerprints.get(projection.name);
    if (known) return known;
    if (visiting.has(projection.name)) throw new Error(`the view ${projection.name} looks itself up through the views it reads`);
    visiting.add(projection.name);
    const reads = (projection.reads ?? []).filter((name) => name !== projection.name).map((name) => {
      const read = byName.get(name);
      if (!read) throw new Error(`the view ${projection.name} reads ${name}, which no projection keeps`);
      return [name, of(read)];
    });
    const shape: unknown[] = [projection.name, projection.version, Object.entries(projection.columns).map(([c, d]) => [c, d.type]), projection.indexes ?? []];
    // Only row views say so: the document views' fingerprints stay as they were.
    if (isRowView(projection)) shape.push('rows');
    const fingerprint = createHash('sha256').update(JSON.stringify({ shape, settings, reads })).digest('hex');
    visiting.delete(projection.name);
    fingerprints.set(projection.name, fingerprint);
    return fingerprint;
  };
  for (const projection of projections) of(projection);
  return fingerprints;
}

/** Thrown by a query that needs a view of which no version is built yet (see openViews). */
export class ViewBeingBuilt extends Error {
  readonly view: string;
  constructor(view: string) {
    super(`the ${view} view is being rebuilt after an upgrade and has no earlier version to answer from; retry shortly`);
    this.name = 'ViewBeingBuilt';
    this.view = view;
  }
}

export const isViewBeingBuilt = (error: unknown): error is ViewBeingBuilt =>
  error instanceof ViewBeingBuilt || (error instanceof Error && error.name === 'ViewBeingBuilt');

/** The views whose next version is being built beside the current one, and how far it has read. */
export interface BuildStatus {
  readonly views: readonly string[];
  /** Views without an earlier version: queries that need them answer SERVICE_UNAVAILABLE until the switch. */
  readonly missing: readonly string[];
  /** Position of the last event the new versions have applied. */
  readonly position: bigint;
}

/** What a build of new view versions is, as stored in views_meta under `build`. */
interface StoredBuild {
  /** The views being rebuilt and their new fingerprints. */
  readonly views: Record<string, string>;
  /** Views they look up, replayed beside them (their state at each event) and dropped at the switch. */
  readonly helpers: Record<string, string>;
}

interface Plan {
  readonly rows?: undefined;
  readonly projection: AnyProjection;
  readonly columns: readonly ((doc: unknown) => ColumnValue)[];
  readonly select: Database.Statement<[string], string>;
  readonly upsert: Database.Statement<unknown[]>;
  /**
   * For a document whose indexed columns keep their values (a workshop's centre and date, a day's
   * span): an UPDATE of the document and the other columns only, which leaves the indexes' pages
   * alone. The upsert sets every column, and SQLite rewrites an index whose columns are set.
   */
  readonly keepIndexed: { readonly indexed: readonly number[]; readonly others: readonly number[]; readonly update: Database.Statement<unknown[]> } | undefined;
  readonly remove: Database.Statement<[string]>;
  /** Documents touched by the batch being applied, by id. */
  readonly touched: Map<string, Touched>;
  /** The plan's space in the document cache and in the filter of written documents. */
  readonly space: number;
  /** Lookups of the views this one declares it reads, as they stand in the same set. */
  lookup: Lookup;
}

/** A row view's statements: rows are written as its changes come, with nothing cached. */
interface RowPlan {
  readonly rows: true;
  readonly projection: AnyRowView;
  /**
   * Appended rows not inserted yet (their values, row after row), inserted up to APPEND_CHUNK at a
   * time by one statement, in order, before an update of this view and at the end of the batch.
   * One statement per row costs more than SQLite's insert itself: an attendance appends 20.
   */
  readonly pending: unknown[];
  /** INSERT statements by how many rows they insert (prepared when first needed, at most APPEND_CHUNK). */
  readonly appendRows: Map<number, Database.Statement<unknown[]>>;
  /** UPDATE statements by the columns they set and match (prepared when first needed). */
  readonly updates: Map<string, Database.Statement<unknown[]>>;
  readonly table: string;
  lookup: Lookup;
}

/** Projections applied together to one set of tables, with their document cache. */
interface PlanSet {
  /** The document views' plans (row views have no documents to cache or write back). */
  readonly plans: readonly Plan[];
  readonly rowPlans: readonly RowPlan[];
  /** The views an event type concerns, document and row views alike, in the runner's order. */
  readonly byType: Map<string, (Plan | RowPlan)[]>;
  readonly cache: LeastRecentlyUsed<unknown>;
  /** During a bulk replay that began on empty tables: every document written since. */
  written: WrittenSince | undefined;
  /**
   * During a bulk replay into a disposable file: per view, the documents changed in the cache and
   * not written yet. They are written once, when the cache forgets them or at endBulk.
   */
  dirty: Set<string>[] | undefined;
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
  const deleteMeta = db.prepare(`DELETE FROM views_meta WHERE key = ?`);
  const dataVersion = db.prepare(`PRAGMA data_version`).pluck();
  const meta = (key: string) => readMeta.get(key)?.value;
  const tableExists = (name: string) => db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?`).get(name) !== undefined;

  const source = options.source ?? 'sqlite';
  const fingerprints = viewFingerprints(projections, { ...options.settings, source });
  const fingerprintOf = (projection: AnyView) => fingerprints.get(projection.name)!;
  const byName = new Map(projections.map((p) => [p.name, p]));

  function createTable(projection: AnyView, table: string) {
    if (isRowView(projection)) {
      db.exec(`CREATE TABLE IF NOT EXISTS ${table} (${Object.entries(projection.columns).map(([name, column]) => `${name} ${column.type}`).join(', ')})`);
      // Its updates find their rows through this index, from the first row on (it moves with the table at the switch).
      const { updatedThrough } = projection;
      if (updatedThrough) db.exec(`CREATE INDEX IF NOT EXISTS ${indexNameOf(projection, fingerprintOf(projection), updatedThrough)} ON ${table} (${updatedThrough.join(', ')})`);
      return;
    }
    const columns = Object.entries(projection.columns).map(([name, column]) => `, ${name} ${column.type}`);
    db.exec(`CREATE TABLE IF NOT EXISTS ${table} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${columns.join('')})`);
  }
  function createIndexes(list: readonly AnyView[]) {
    for (const projection of list) {
      for (const index of projection.indexes ?? []) {
        db.exec(`CREATE INDEX IF NOT EXISTS ${indexNameOf(projection, fingerprintOf(projection), index)} ON ${tableOf(projection)} (${index.join(', ')})`);
      }
    }
  }
  function dropViewTables(pattern: string) {
    const tables = db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE ? ESCAPE '\\'`).all(pattern) as { name: string }[];
    for (const { name } of tables) db.exec(`DROP TABLE ${name}`);
  }
  /** Whether an earlier version's table has every column the current queries name. */
  function servesCurrentQueries(projection: AnyView) {
    const have = new Set((db.prepare(`SELECT name FROM pragma_table_info(?)`).pluck().all(tableOfName(projection.name)) as string[]));
    return columnsOfTable(projection).every((column) => have.has(column));
  }
  const tableOfName = (name: string) => `view_${name}`;
  const columnsOfTable = (projection: AnyView) => [...(isRowView(projection) ? [] : ['id', 'doc']), ...Object.keys(projection.columns)];

  const storedBuild = (): StoredBuild | undefined => {
    const json = meta('build');
    return json ? (JSON.parse(json) as StoredBuild) : undefined;
  };

  /**
   * Brings the stored views in line with these projections: views whose fingerprint matches are
   * kept as they are; the others get a new version built beside the old one (build tables), which
   * the runner fills from the log while queries still read the old one (see switchOver).
   */
  const prepare = db.transaction(() => {
    const legacy = meta('fingerprint');
    const storedSource = meta('source');
    if (storedSource !== undefined && storedSource !== source) {
      // Another log: every position and every figure of the old views means nothing here.
      options.onRebuildNeeded?.('the views were built from another event log');
      dropViewTables('view\\_%');
      db.exec(`DELETE FROM views_meta`);
    }
    if (meta('checkpoint') === undefined) {
      writeMeta.run('checkpoint', '0');
      writeMeta.run('events_read', '0');
    }
    writeMeta.run('source', source);
    // Views of a version before per-view fingerprints: every view gets a new version, built in
    // the background while the old ones answer.
    if (legacy !== undefined) deleteMeta.run('fingerprint');

    const changed = projections.filter((p) => meta(`fingerprint:${p.name}`) !== fingerprintOf(p));
    if (changed.length === 0) {
      if (storedBuild()) dropBuild();
      return;
    }
    const helpers = new Map<string, AnyView>();
    const changedNames = new Set(changed.map((p) => p.name));
    const addReads = (projection: AnyView) => {
      for (const name of projection.reads ?? []) {
        const read = byName.get(name)!;
        if (changedNames.has(name) || helpers.has(name)) continue;
        helpers.set(name, read);
        addReads(read);
      }
    };
    for (const projection of changed) addReads(projection);
    const wanted: StoredBuild = {
      views: Object.fromEntries(changed.map((p) => [p.name, fingerprintOf(p)])),
      helpers: Object.fromEntries([...helpers.values()].map((p) => [p.name, fingerprintOf(p)])),
    };
    const stored = storedBuild();
    if (JSON.stringify(stored) !== JSON.stringify(wanted)) {
      if (stored) dropBuild();
      for (const projection of [...changed, ...helpers.values()]) createTable(projection, buildTableOf(projection, fingerprintOf(projection)));
      writeMeta.run('build', JSON.stringify(wanted));
      writeMeta.run('build_checkpoint', '0');
      if (legacy !== undefined || changed.some((p) => tableExists(tableOf(p)))) {
        options.onRebuildNeeded?.(`the projections of ${changed.map((p) => p.name).join(', ')} changed since the views were built`);
      }
    }
    // An old version that lacks a column the queries name cannot answer them: it goes, and those
    // queries wait for the new one.
    for (const projection of changed) {
      if (tableExists(tableOf(projection)) && !servesCurrentQueries(projection)) db.exec(`DROP TABLE ${tableOf(projection)}`);
    }
    // An empty log (a new ledger), or a build that had caught up when the server stopped.
    if (meta('build_checkpoint') === meta('checkpoint')) switchNow();
  });

  function dropBuild() {
    const stored = storedBuild();
    if (stored) {
      for (const [name, fingerprint] of [...Object.entries(stored.views), ...Object.entries(stored.helpers)]) {
        const projection = byName.get(name);
        const table = projection ? buildTableOf(projection, fingerprint) : `view_${name}__${fingerprint.slice(0, 12)}`;
        db.exec(`DROP TABLE IF EXISTS ${table}`);
      }
    }
    deleteMeta.run('build');
    deleteMeta.run('build_checkpoint');
  }

  /** In a transaction: the built versions replace the old ones (see switchOver). */
  function switchNow(): string[] {
    const stored = storedBuild()!;
    const switched: string[] = [];
    for (const name of Object.keys(stored.views)) {
      const projection = byName.get(name)!;
      // Asked of the schema: a view with no table yet is this connection's virtual table, which is not dropped.
      if (tableExists(tableOf(projection))) db.exec(`DROP TABLE ${tableOf(projection)}`);
      db.exec(`ALTER TABLE ${buildTableOf(projection, fingerprintOf(projection))} RENAME TO ${tableOf(projection)}`);
      createIndexes([projection]);
      writeMeta.run(`fingerprint:${name}`, fingerprintOf(projection));
      switched.push(name);
    }
    for (const name of Object.keys(stored.helpers)) db.exec(`DROP TABLE IF EXISTS ${buildTableOf(byName.get(name)!, stored.helpers[name]!)}`);
    deleteMeta.run('build');
    deleteMeta.run('build_checkpoint');
    return switched;
  }

  prepare.immediate();
  // A bulk rebuild that was interrupted left the indexes out.
  createIndexes(projections.filter((p) => meta(`fingerprint:${p.name}`) === fingerprintOf(p)));

  // A view with no version at all yet: until its table exists, a query that reads it fails with
  // ViewBeingBuilt (an eponymous virtual table, which the real table shadows once it is there).
  for (const projection of projections) {
    if (tableExists(tableOf(projection))) continue;
    db.table(tableOf(projection), {
      columns: columnsOfTable(projection),
      // eslint-disable-next-line require-yield
      rows: function* () {
        throw new ViewBeingBuilt(projection.name);
      },
    });
  }

  const cacheBound = { count: options.cachedDocuments ?? 20_000, bytes: options.cachedDocumentBytes };

  function keepIndexedOf(projection: AnyProjection, table: string): Plan['keepIndexed'] {
    const names = Object.keys(projection.columns);
    const inIndexes = new Set((projection.indexes ?? []).flat());
    const indexed = names.flatMap((name, i) => (inIndexes.has(name) ? [i] : []));
    if (indexed.length === 0) return undefined;
    const others = names.flatMap((name, i) => (inIndexes.has(name) ? [] : [i]));
    const update = db.prepare<unknown[]>(`UPDATE ${table} SET doc = ?${others.map((i) => `, ${names[i]} = ?`).join('')} WHERE id = ?`);
    return { indexed, others, update };
  }

  function planSet(all: readonly AnyView[], tableName: (projection: AnyView) => string, cacheCount: number): PlanSet {
    const list = all.filter((view): view is AnyProjection => !isRowView(view));
    const rowPlans: RowPlan[] = all.filter(isRowView).map((projection) => {
      const table = tableName(projection);
      const names = Object.keys(projection.columns);
      return {
        rows: true,
        projection,
        table,
        pending: [],
        appendRows: new Map(),
        updates: new Map(),
        lookup: () => undefined,
      };
    });
    const plans: Plan[] = list.map((projection, index) => {
      const table = tableName(projection);
      const columnNames = Object.keys(projection.columns);
      return {
        projection,
        columns: Object.values(projection.columns).map((column) => column.value),
        select: db.prepare<[string], string>(`SELECT doc FROM ${table} WHERE id = ?`).pluck(),
        upsert: db.prepare<unknown[]>(
          `INSERT INTO ${table} (id, doc${columnNames.map((c) => `, ${c}`).join('')}) VALUES (?, ?${columnNames.map(() => ', ?').join('')})
           ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${columnNames.map((c) => `, ${c} = excluded.${c}`).join('')}`,
        ),
        keepIndexed: keepIndexedOf(projection, table),
        remove: db.prepare<[string]>(`DELETE FROM ${table} WHERE id = ?`),
        touched: new Map(),
        space: index,
        lookup: () => undefined,
      };
    });
    const set: PlanSet = { plans, rowPlans, byType: new Map(), cache: new LeastRecentlyUsed<unknown>(cacheCount, cacheBound.bytes, list.length), written: undefined, dirty: undefined };
    set.cache.onEvict = (id, doc, space) => {
      if (set.dirty?.[space]!.delete(id)) writeRow(set, plans[space]!, id, doc);
    };
    const planByName = new Map(plans.map((plan) => [plan.projection.name, plan]));
    const ordered = all.map((view) => (isRowView(view) ? rowPlans.find((plan) => plan.projection === view)! : plans.find((plan) => plan.projection === view)!));
    for (const plan of ordered) {
      // Another view's document as this batch has left it so far (projections run in list order).
      // The plans of the views it declares it reads: one map lookup per lookup.
      const reads = new Map((plan.projection.reads ?? []).flatMap((name) => (planByName.has(name) ? [[name, planByName.get(name)!] as const] : [])));
      plan.lookup = <D>(view: string, id: string) => {
        const read = reads.get(view);
        if (!read) throw new Error(`the ${plan.projection.name} view looks up ${view}, which its projection does not list in \`reads\``);
        const entry = read.touched.get(id);
        return (entry ? entry.after : loadDoc(set, read, id)) as D | undefined;
      };
      for (const type of plan.projection.handles) set.byType.set(type, [...(set.byType.get(type) ?? []), plan]);
    }
    return set;
  }

  /** The views queries read, kept up to date by applyBatch. */
  const liveSet = () => planSet(projections.filter((p) => meta(`fingerprint:${p.name}`) === fingerprintOf(p)), tableOf, cacheBound.count);
  /** The next versions being built, with the views they look up. */
  const buildSet = () => {
    const stored = storedBuild();
    if (!stored) return undefined;
    const names = new Set([...Object.keys(stored.views), ...Object.keys(stored.helpers)]);
    return planSet(projections.filter((p) => names.has(p.name)), (p) => buildTableOf(p, fingerprintOf(p)), cacheBound.count);
  };
  let live = liveSet();
  let build = buildSet();

  /**
   * Parsed documents as last committed, kept between batches. Valid only while this connection
   * is the only writer: PRAGMA data_version changes when another connection commits, and then
   * the caches are dropped.
   */
  let versionSeen: number | undefined;

  function loadDoc(set: PlanSet, plan: Plan, id: string): unknown {
    const { space } = plan;
    const cached = set.cache.get(id, space);
    if (cached !== undefined) return cached === ABSENT ? undefined : cached;
    if (set.written && !set.written.has(space, id)) return undefined;
    const json = plan.select.get(id);
    // Kept for the next batches too: documents that are only looked up (a participant's number for
    // every attendance) would otherwise be read and parsed again on every event that names them.
    // The read is of committed rows inside the write transaction, so the copy is current.
    if (json === undefined) {
      set.cache.set(id, ABSENT, 0, space);
      return undefined;
    }
    const doc: unknown = JSON.parse(json);
    set.cache.set(id, doc, json.length, space);
    return doc;
  }

  /** Inside a write transaction: drops what this connection cached if another one committed since. */
  function noticeOtherWriters() {
    // Asked inside the write transaction: checked before BEGIN, another process (the demo loader,
    // a second server) could commit in between, and this batch would evolve stale cached documents.
    const version = dataVersion.get() as number;
    if (version === versionSeen) return;
    for (const set of [live, build]) {
      if (!set) continue;
      set.cache.clear();
      // Another connection wrote the views: documents may exist that the filter never saw.
      if (versionSeen !== undefined) set.written = undefined;
    }
    if (versionSeen !== undefined) {
      // It may have switched views over: follow what is stored.
      const stored = meta('build');
      const liveNames = live.plans.map((p) => p.projection.name).join();
      const nowLive = projections.filter((p) => meta(`fingerprint:${p.name}`) === fingerprintOf(p)).map((p) => p.name).join();
      if (nowLive !== liveNames) live = liveSet();
      if ((stored === undefined) !== (build === undefined)) build = buildSet();
    }
  }

  let rowsWritten = 0;
  /** Writes one document (or deletes it, when absent) with its columns; returns its length as JSON. */
  function writeRow(set: PlanSet, plan: Plan, id: string, doc: unknown): number {
    rowsWritten += 1;
    set.written?.add(plan.space, id);
    if (doc === undefined || doc === ABSENT) {
      plan.remove.run(id);
      return 0;
    }
    const json = JSON.stringify(doc);
    const values: unknown[] = [id, json];
    for (const column of plan.columns) values.push(column(doc));
    plan.upsert.run(values);
    return json.length;
  }

  /** Inserts a row view's pending appends, in the order they came. */
  function flushAppends(plan: RowPlan) {
    const { pending } = plan;
    if (pending.length === 0) return;
    const width = Object.keys(plan.projection.columns).length;
    for (let from = 0; from < pending.length; from += APPEND_CHUNK * width) {
      const values = pending.slice(from, from + APPEND_CHUNK * width);
      const rows = values.length / width;
      let statement = plan.appendRows.get(rows);
      if (!statement) {
        const names = Object.keys(plan.projection.columns);
        const row = `(${names.map(() => '?').join(', ')})`;
        statement = db.prepare<unknown[]>(`INSERT INTO ${plan.table} (${names.join(', ')}) VALUES ${Array.from({ length: rows }, () => row).join(', ')}`);
        plan.appendRows.set(rows, statement);
      }
      statement.run(values);
    }
    pending.length = 0;
  }

  /** Appends or updates a row view's rows, in the batch's transaction (rows read back nothing, so nothing waits). */
  function writeChange(plan: RowPlan, change: RowChange) {
    rowsWritten += 1;
    if ('append' in change) {
      const { pending } = plan;
      for (const value of change.append) pending.push(value);
      if (pending.length >= APPEND_CHUNK * change.append.length) flushAppends(plan);
      return;
    }
    // An update may concern rows still pending.
    flushAppends(plan);
    const set = Object.keys(change.update);
    const where = Object.entries(change.where);
    const key = `${set.join()}|${where.map(([column, value]) => (value === null ? `${column}~` : column)).join()}`;
    let statement = plan.updates.get(key);
    if (!statement) {
      const conditions = where.map(([column, value]) => (value === null ? `${column} IS NULL` : `${column} = ?`));
      statement = db.prepare<unknown[]>(`UPDATE ${plan.table} SET ${set.map((column) => `${column} = ?`).join(', ')} WHERE ${conditions.join(' AND ')}`);
      plan.updates.set(key, statement);
    }
    statement.run([...Object.values(change.update), ...where.flatMap(([, value]) => (value === null ? [] : [value]))]);
  }

  /** Writes every document a bulk replay still holds unwritten (in a transaction). */
  function writeDirty(set: PlanSet) {
    const { dirty } = set;
    if (!dirty) return;
    for (const plan of set.plans) {
      const ids = dirty[plan.space]!;
      if (ids.size === 0) continue;
      for (const [id, doc] of set.cache.entries(plan.space)) if (ids.delete(id)) writeRow(set, plan, id, doc);
    }
  }

  /** Evolves the set's documents by the events after `applied` and up to `until`, and writes them. */
  function evolveAndWrite(set: PlanSet, events: readonly RecordedEvent[], applied: bigint, until: bigint | undefined, trusted: boolean) {
    // Documents touched in this batch (plan.touched), so that several events on one document read their own writes.
    for (const recorded of events) {
      if (recorded.position <= applied || (until !== undefined && recorded.position > until)) continue;
      const interested = set.byType.get(recorded.type);
      if (!interested) {
        if (set === live && !knownTypes.has(recorded.type)) options.onUnknownEvent?.(recorded);
        continue;
      }
      const event = toProjectedEvent(recorded, trusted);
      for (const plan of interested) {
        if (plan.rows) {
          for (const change of plan.projection.changes(event, plan.lookup)) writeChange(plan, change);
          continue;
        }
        const { projection, touched, lookup } = plan;
        // In a bulk replay the documents held are the runner's own copies: changed in place where the projection can.
        const evolve = (set.dirty && projection.evolveInPlace) || projection.evolve;
        for (const id of projection.documentIds(event, lookup)) {
          const entry = touched.get(id);
          if (entry) {
            entry.after = evolve(entry.after, event, id, lookup);
          } else {
            const before = loadDoc(set, plan, id);
            touched.set(id, { before, after: evolve(before, event, id, lookup) });
          }
        }
      }
    }
    for (const plan of set.rowPlans) flushAppends(plan);
    if (set.dirty) {
      // Kept in the cache, changed, and written once when the cache forgets them (or at endBulk).
      for (const plan of set.plans) {
        if (plan.touched.size === 0) continue;
        const dirty = set.dirty[plan.space]!;
        // Changed in place, a document is the one it was: whether it changed is not known, so it is written.
        const inPlace = plan.projection.evolveInPlace !== undefined;
        for (const [id, { before, after }] of plan.touched) {
          if (after === before && !(inPlace && after !== undefined)) continue;
          set.cache.set(id, after === undefined ? ABSENT : after, 0, plan.space);
          dirty.add(id);
        }
        plan.touched.clear();
      }
      return;
    }
    for (const { touched, columns, upsert, keepIndexed, remove } of set.plans) {
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
        if (keepIndexed && before !== undefined && keepIndexed.indexed.every((i) => columns[i]!(before) === values[2 + i])) {
          const kept: unknown[] = [json];
          for (const i of keepIndexed.others) kept.push(values[2 + i]);
          kept.push(id);
          if (keepIndexed.update.run(kept).changes === 1) continue;
        }
        upsert.run(values);
      }
    }
  }

  /** Committed: what the batch wrote is what the set's tables now hold. */
  function keepTouched(set: PlanSet) {
    // A document the batch left as it was is cached already (loadDoc keeps what it reads), with the size it was read with.
    for (const plan of set.plans) {
      for (const [id, { before, after, json }] of plan.touched) {
        if (after === before) continue;
        // Sized by its JSON, measured when it was written.
        set.cache.set(id, after === undefined ? ABSENT : after, json ?? 0, plan.space);
        set.written?.add(plan.space, id);
      }
      plan.touched.clear();
    }
  }

  function forgetTouched(set: PlanSet) {
    for (const plan of set.plans) plan.touched.clear();
    for (const plan of set.rowPlans) plan.pending.length = 0;
    for (const ids of set.dirty ?? []) ids.clear();
    // A failed evolve may have changed a cached document in place; start afresh.
    set.cache.clear();
  }

  const applyBatch = db.transaction((events: readonly RecordedEvent[], trusted: boolean) => {
    noticeOtherWriters();
    // Read inside the write transaction: another process (a second runner on this file) may have
    // applied some of these events already, and none may count twice.
    const applied = BigInt(meta('checkpoint') ?? '0');
    evolveAndWrite(live, events, applied, undefined, trusted);
    const last = events[events.length - 1];
    if (last && last.position > applied) {
      writeMeta.run('checkpoint', last.position.toString());
      let read = 0;
      for (const event of events) if (event.position > applied) read += 1;
      writeMeta.run('events_read', String(Number(meta('events_read') ?? '0') + read));
    }
  });

  const applyToBuild = db.transaction((events: readonly RecordedEvent[], trusted: boolean) => {
    noticeOtherWriters();
    if (!build) return;
    const applied = BigInt(meta('build_checkpoint') ?? '0');
    // Never past the views queries read: the switch happens where both stand at the same event.
    const until = BigInt(meta('checkpoint') ?? '0');
    evolveAndWrite(build, events, applied, until, trusted);
    let last = applied;
    for (const event of events) if (event.position > last && event.position <= until) last = event.position;
    if (last > applied) writeMeta.run('build_checkpoint', last.toString());
  });

  const switchOver = db.transaction((): string[] => {
    noticeOtherWriters();
    if (!storedBuild() || meta('build_checkpoint') !== meta('checkpoint')) return [];
    return switchNow();
  });

  let bulk = false;
  let bulkIndexes: AnyView[] = [];

  return {
    db,
    checkpoint: () => BigInt(meta('checkpoint') ?? '0'),
    eventsRead: () => Number(meta('events_read') ?? '0'),
    rowsWritten: () => rowsWritten,
    applyBatch: (events, applyOptions = {}) => {
      if (events.length === 0) return;
      try {
        applyBatch.immediate(events, applyOptions.trusted === true);
      } catch (error) {
        forgetTouched(live);
        throw error;
      }
      keepTouched(live);
      versionSeen = dataVersion.get() as number;
    },
    building: () => {
      const stored = storedBuild();
      if (!stored) return undefined;
      const views = Object.keys(stored.views);
      return {
        views,
        missing: views.filter((name) => !tableExists(tableOfName(name))),
        position: BigInt(meta('build_checkpoint') ?? '0'),
      };
    },
    applyToBuild: (events, applyOptions = {}) => {
      if (events.length === 0) return;
      const set = build;
      try {
        applyToBuild.immediate(events, applyOptions.trusted === true);
      } catch (error) {
        if (set) forgetTouched(set);
        throw error;
      }
      if (set && set === build) keepTouched(set);
      versionSeen = dataVersion.get() as number;
    },
    switchOver: () => {
      const switched = switchOver.immediate();
      versionSeen = dataVersion.get() as number;
      if (switched.length > 0 || (build && !storedBuild())) {
        live = liveSet();
        build = undefined;
      }
      return switched;
    },
    reset: () => {
      db.transaction(() => {
        dropViewTables('view\\_%');
        db.exec(`DELETE FROM views_meta`);
      }).immediate();
      prepare.immediate();
      live = liveSet();
      build = buildSet();
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
      if (BigInt(meta('checkpoint') ?? '0') === 0n) {
        live.written = new WrittenSince();
        versionSeen = dataVersion.get() as number;
      }
      // Only into a file thrown away if the replay fails: the checkpoint then runs ahead of the rows.
      if (bulkOptions.disposableFile) {
        live.dirty = live.plans.map(() => new Set<string>());
        // Documents are changed in place from now on (Projection.evolveInPlace): only copies read
        // from the file, never one an evolve made, which may share its lists with other documents.
        live.cache.clear();
      }
      bulkIndexes = [...live.plans, ...live.rowPlans].map((plan) => plan.projection);
      db.transaction(() => {
        for (const projection of bulkIndexes) {
          // A row view's updates find their rows through this one: without it each would scan the table.
          const kept = isRowView(projection) ? projection.updatedThrough?.join() : undefined;
          for (const index of projection.indexes ?? []) {
            if (index.join() !== kept) db.exec(`DROP INDEX IF EXISTS ${indexNameOf(projection, fingerprintOf(projection), index)}`);
          }
        }
      }).immediate();
    },
    endBulk: () => {
      if (!bulk) return;
      bulk = false;
      db.transaction(() => {
        writeDirty(live);
        createIndexes(bulkIndexes);
      }).immediate();
      // What was changed in place (a month's members held decoded) is not for evolve: read afresh.
      if (live.dirty) live.cache.clear();
      live.dirty = undefined;
      live.written = undefined;
      db.pragma('threads = 0');
      db.pragma(`cache_size = -${pageCacheKiB}`);
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
      // With synchronous=FULL or NORMAL a checkpoint syncs the database file.
      db.pragma('wal_checkpoint(TRUNCATE)');
    },
    close: () => {
      live.cache.clear();
      build?.cache.clear();
      db.close();
    },
  };
}
