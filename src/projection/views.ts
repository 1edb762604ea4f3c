import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { AnyProjection, ProjectedEvent, ProjectionSettings } from '../../projections/projection.js';
import { ledgerEventTypes, parseLedgerEvent } from '../domain/catalogue.js';
import type { RecordedEvent } from '../store/port.js';
import { openLedgerDatabase, type Synchronous } from '../store/sqlite.js';

/** Marks a file as this ledger's views, so a foreign SQLite file is refused, not altered. */
export const VIEWS_APPLICATION_ID = 0x43_4c_56_57; // "CLVW"

const tableOf = (projection: AnyProjection) => `view_${projection.name}`;
const knownTypes = new Set<string>(ledgerEventTypes);

export interface Views {
  readonly db: Database.Database;
  /** Position of the last event applied to every view. */
  checkpoint(): bigint;
  /** How many of the log's events the views have read (for checks that a refusal stored nothing). */
  eventsRead(): number;
  /** Applies events in log order; views and checkpoint change in one transaction. */
  applyBatch(events: readonly RecordedEvent[]): void;
  /** Empties every view and sets the checkpoint back to the start of the log. */
  reset(): void;
  close(): void;
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
}

/** What the views' shape depends on: when it changes, stored views are stale and get rebuilt. */
function fingerprintOf(projections: readonly AnyProjection[], settings: ProjectionSettings & { source: string }): string {
  const shape = projections.map((p) => [p.name, p.version, Object.entries(p.columns).map(([c, d]) => [c, d.type]), p.indexes ?? []]);
  return createHash('sha256').update(JSON.stringify({ shape, settings })).digest('hex');
}

export function openViews(options: ViewsOptions): Views {
  const { projections } = options;
  const db = openLedgerDatabase(options.file, VIEWS_APPLICATION_ID, 'views file');
  db.pragma('journal_mode = WAL');
  db.pragma(`synchronous = ${options.synchronous ?? 'FULL'}`);
  db.pragma('busy_timeout = 5000');
  db.pragma(`application_id = ${VIEWS_APPLICATION_ID}`);
  db.exec(`CREATE TABLE IF NOT EXISTS views_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`);

  const readMeta = db.prepare<[string], { value: string }>(`SELECT value FROM views_meta WHERE key = ?`);
  const writeMeta = db.prepare(`INSERT INTO views_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);

  function createTables() {
    for (const projection of projections) {
      const columns = Object.entries(projection.columns).map(([name, column]) => `, ${name} ${column.type}`);
      db.exec(`CREATE TABLE IF NOT EXISTS ${tableOf(projection)} (id TEXT PRIMARY KEY, doc TEXT NOT NULL${columns.join('')})`);
      for (const index of projection.indexes ?? []) {
        db.exec(`CREATE INDEX IF NOT EXISTS ${tableOf(projection)}_${index.join('_')} ON ${tableOf(projection)} (${index.join(', ')})`);
      }
    }
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
  }

  const statements = new Map(
    projections.map((projection) => {
      const table = tableOf(projection);
      const columnNames = Object.keys(projection.columns);
      return [
        projection,
        {
          select: db.prepare<[string], { doc: string }>(`SELECT doc FROM ${table} WHERE id = ?`),
          upsert: db.prepare(
            `INSERT INTO ${table} (id, doc${columnNames.map((c) => `, ${c}`).join('')}) VALUES (?, ?${columnNames.map(() => ', ?').join('')})
             ON CONFLICT (id) DO UPDATE SET doc = excluded.doc${columnNames.map((c) => `, ${c} = excluded.${c}`).join('')}`,
          ),
          remove: db.prepare(`DELETE FROM ${table} WHERE id = ?`),
        },
      ] as const;
    }),
  );

  const byType = new Map<string, AnyProjection[]>();
  for (const projection of projections) {
    for (const type of projection.handles) byType.set(type, [...(byType.get(type) ?? []), projection]);
  }

  const applyBatch = db.transaction((events: readonly RecordedEvent[]) => {
    // Read inside the write transaction: another process (a second runner on this file) may have
    // applied some of these events already, and none may count twice.
    const applied = BigInt(readMeta.get('checkpoint')?.value ?? '0');
    // Documents touched in this batch, so that several events on one document read their own writes.
    const touched = new Map<AnyProjection, Map<string, unknown>>();
    for (const recorded of events) {
      if (recorded.position <= applied) continue;
      const interested = byType.get(recorded.type);
      if (!interested) {
        if (!knownTypes.has(recorded.type)) options.onUnknownEvent?.(recorded);
        continue;
      }
      const event = {
        ...parseLedgerEvent(recorded),
        metadata: recorded.metadata,
        position: recorded.position,
        streamId: recorded.streamId,
      } as ProjectedEvent;
      for (const projection of interested) {
        let docs = touched.get(projection);
        if (!docs) touched.set(projection, (docs = new Map()));
        for (const id of projection.documentIds(event)) {
          const current = docs.has(id) ? docs.get(id) : loadDoc(projection, id);
          docs.set(id, projection.evolve(current, event, id));
        }
      }
    }
    for (const [projection, docs] of touched) {
      const statement = statements.get(projection)!;
      for (const [id, doc] of docs) {
        if (doc === undefined) {
          statement.remove.run(id);
          continue;
        }
        const columns = Object.values(projection.columns).map((column) => column.value(doc));
        statement.upsert.run(id, JSON.stringify(doc), ...columns);
      }
    }
    const last = events[events.length - 1];
    if (last && last.position > applied) {
      writeMeta.run('checkpoint', last.position.toString());
      const read = events.filter((event) => event.position > applied).length;
      writeMeta.run('events_read', String(Number(readMeta.get('events_read')?.value ?? '0') + read));
    }
  });

  function loadDoc(projection: AnyProjection, id: string): unknown {
    const row = statements.get(projection)!.select.get(id);
    return row ? JSON.parse(row.doc) : undefined;
  }

  return {
    db,
    checkpoint: () => BigInt(readMeta.get('checkpoint')?.value ?? '0'),
    eventsRead: () => Number(readMeta.get('events_read')?.value ?? '0'),
    applyBatch: (events) => {
      if (events.length > 0) applyBatch.immediate(events);
    },
    reset: () => reset.immediate(),
    close: () => db.close(),
  };
}
