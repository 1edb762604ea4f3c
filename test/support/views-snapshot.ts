import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** Every view_* table of a views file: its rows in id order, hashed, with a count. */
export interface ViewsSnapshot {
  readonly checkpoint: string | undefined;
  readonly tables: Readonly<Record<string, { readonly rows: number; readonly hash: string }>>;
}

/** Reads a views file (read-only) into a snapshot that two builds of the same log must share. */
export function snapshotViews(file: string): ViewsSnapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const names = (db.prepare(`SELECT name FROM sqlite_schema WHERE type = 'table' AND name LIKE 'view\\_%' ESCAPE '\\' ORDER BY name`).all() as { name: string }[]).map(
      (row) => row.name,
    );
    const tables: Record<string, { rows: number; hash: string }> = {};
    for (const name of names) {
      const hash = createHash('sha256');
      let rows = 0;
      // A row view has no id: its rows in the order they were appended.
      const hasId = db.prepare(`SELECT 1 FROM pragma_table_info(?) WHERE name = 'id'`).get(name) !== undefined;
      for (const row of db.prepare(`SELECT * FROM ${name} ORDER BY ${hasId ? 'id' : 'rowid'}`).raw().iterate() as IterableIterator<unknown[]>) {
        hash.update(JSON.stringify(row));
        hash.update('\n');
        rows += 1;
      }
      tables[name] = { rows, hash: hash.digest('hex') };
    }
    const checkpoint = (db.prepare(`SELECT value FROM views_meta WHERE key = 'checkpoint'`).get() as { value: string } | undefined)?.value;
    return { checkpoint, tables };
  } finally {
    db.close();
  }
}

/** The tables whose rows differ between two snapshots (with their row counts), empty when they are equal. */
export function differences(a: ViewsSnapshot, b: ViewsSnapshot): string[] {
  const names = new Set([...Object.keys(a.tables), ...Object.keys(b.tables)]);
  const out: string[] = [];
  for (const name of [...names].sort()) {
    const x = a.tables[name];
    const y = b.tables[name];
    if (!x || !y || x.hash !== y.hash) out.push(`${name}: ${x?.rows ?? 'missing'} rows vs ${y?.rows ?? 'missing'} rows`);
  }
  return out;
}
