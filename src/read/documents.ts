import type Database from 'better-sqlite3';

/** Reads documents of one view table; queries filter on the columns the projection declared. */
export function documentReader<Doc>(db: Database.Database, table: string) {
  const byId = db.prepare<[string], { doc: string }>(`SELECT doc FROM view_${table} WHERE id = ?`);
  return {
    get(id: string): Doc | undefined {
      const row = byId.get(id);
      return row ? (JSON.parse(row.doc) as Doc) : undefined;
    },
    many(ids: readonly string[]): Doc[] {
      if (ids.length === 0) return [];
      const rows = db
        .prepare<[string], { doc: string }>(`SELECT doc FROM view_${table} WHERE id IN (SELECT value FROM json_each(?))`)
        .all(JSON.stringify(ids));
      return rows.map((row) => JSON.parse(row.doc) as Doc);
    },
    where(condition: string, params: Record<string, unknown>, orderBy = 'id'): Doc[] {
      const rows = db.prepare(`SELECT doc FROM view_${table} WHERE ${condition} ORDER BY ${orderBy}`).all(params) as { doc: string }[];
      return rows.map((row) => JSON.parse(row.doc) as Doc);
    },
  };
}

/** Prepares each distinct SQL text once: readers whose SQL depends on their arguments keep their statements here. */
export function statementCache(db: Database.Database) {
  const statements = new Map<string, Database.Statement>();
  return (sql: string) => {
    let statement = statements.get(sql);
    if (!statement) statements.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
}

/** A set of centres a reader may see: every centre, or these. */
export type CentreScope = 'all' | readonly string[];

/** SQL condition on a centre column for a scope, with its parameter. */
export const centreCondition = (column: string, scope: CentreScope) =>
  scope === 'all' ? '1 = 1' : `${column} IN (SELECT value FROM json_each(@centres))`;

export interface Period {
  readonly from?: string | null;
  readonly to?: string | null;
}

/** Dates within the period; a missing bound is open. One BETWEEN, so SQLite seeks a date index. */
export const periodCondition = (column: string) => `${column} BETWEEN coalesce(@from, '0000-01-01') AND coalesce(@to, '9999-12-31')`;

export const scopeParams = (scope: CentreScope, period: Period = {}) => ({
  centres: scope === 'all' ? null : JSON.stringify(scope),
  from: period.from ?? null,
  to: period.to ?? null,
});
