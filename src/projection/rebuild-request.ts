/**
 * REBUILD_VIEWS: an operator's request that named views be built again from the log, in the
 * background, while the server keeps answering from their current version (as after an upgrade
 * that changed their projections; see ./views.ts). For a view suspected wrong after a bug fix that
 * forgot its version bump, and for measuring what a background build costs the queries
 * (`npm run bench`, section 7).
 *
 * It works by marking the views' stored fingerprints stale before the views are opened: opening
 * them then finds those views changed and builds their next version beside the current one. The
 * request is carried out once: the list is recorded in the views file, and a later start with the
 * same list (the variable left set) builds nothing again; a start without it forgets the list.
 */
import { existsSync } from 'node:fs';
import type { AnyView } from '../../projections/projection.js';
import { openLedgerDatabase } from '../store/sqlite.js';
import { VIEWS_APPLICATION_ID } from './views.js';

/** Stands in views_meta for a fingerprint no projection has: the view is rebuilt at the next open. */
const STALE = 'rebuild requested by REBUILD_VIEWS';
const REQUEST_KEY = 'rebuild_views_requested';

/**
 * The named views and every view that reads them, directly or through others: a view that looks
 * up another must be built beside it, from the same events.
 */
export function viewsToRebuild(projections: readonly AnyView[], names: readonly string[]): string[] {
  const known = new Set(projections.map((p) => p.name));
  const unknown = names.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new Error(`REBUILD_VIEWS names ${unknown.join(', ')}, which no view is; the views are ${[...known].join(', ')}`);
  const wanted = new Set(names);
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of projections) {
      if (!wanted.has(p.name) && (p.reads ?? []).some((read) => wanted.has(read))) {
        wanted.add(p.name);
        grew = true;
      }
    }
  }
  return projections.map((p) => p.name).filter((name) => wanted.has(name));
}

/**
 * Before the views are opened: marks the views to rebuild as stale, unless this same request was
 * carried out already. Returns the views marked (none when there was nothing to do).
 */
export function requestViewRebuilds(viewsFile: string, projections: readonly AnyView[], names: readonly string[]): string[] {
  const request = [...new Set(names)].sort().join(',');
  const views = request ? viewsToRebuild(projections, request.split(',')) : [];
  // No views yet: the first open builds them all anyway.
  if (!existsSync(viewsFile)) return [];
  const db = openLedgerDatabase(viewsFile, VIEWS_APPLICATION_ID, 'views file');
  try {
    db.pragma('busy_timeout = 5000');
    if (!db.prepare(`SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'views_meta'`).get()) return [];
    const meta = (key: string) => (db.prepare(`SELECT value FROM views_meta WHERE key = ?`).pluck().get(key) as string | undefined);
    // Nothing asked and nothing recorded: the usual start writes nothing.
    if (!request && meta(REQUEST_KEY) === undefined) return [];
    const write = db.prepare(`INSERT INTO views_meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value`);
    return db
      .transaction(() => {
        if (!request) {
          db.prepare(`DELETE FROM views_meta WHERE key = ?`).run(REQUEST_KEY);
          return [];
        }
        if (meta(REQUEST_KEY) === request) return [];
        // Only views that have a version: the others are built anyway.
        const marked = views.filter((name) => meta(`fingerprint:${name}`) !== undefined);
        for (const name of marked) write.run(`fingerprint:${name}`, STALE);
        write.run(REQUEST_KEY, request);
        return marked;
      })
      .immediate();
  } finally {
    db.close();
  }
}
