import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { entryHash, openAuditTrail, type AuditRecord, type AuditTrail } from '../../src/audit/trail.js';

let dataDir: string;
let trail: AuditTrail;

const read = (people: AuditRecord['people'], at = '2025-03-14T10:00:00.000Z'): AuditRecord => ({ at, userId: 'u-1', role: 'staff', operation: 'ParticipantNames', people });

beforeEach(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'centre-ledger-audit-'));
  trail = openAuditTrail({ dataDir });
});

afterEach(() => {
  trail.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Changes audit.db behind the trail's back, as someone with the file could. */
function tamper(sql: string) {
  trail.close();
  const db = new Database(join(dataDir, 'audit.db'));
  db.exec('DROP TRIGGER access_log_no_update; DROP TRIGGER access_log_no_delete;');
  db.exec(sql);
  db.close();
  trail = openAuditTrail({ dataDir });
}

describe('the audit trail', () => {
  it('given entries about two people, when one is asked about, then only the entries naming them come back, oldest first, numbered without gaps', () => {
    trail.record(read([{ kind: 'participant', id: 'p-1', code: 'AAAAA-11111' }]));
    trail.record(read([{ kind: 'participant', id: 'p-2', code: 'BBBBB-22222' }], '2025-03-15T10:00:00.000Z'));
    trail.record(read([{ kind: 'participant', id: 'p-1', code: 'AAAAA-11111' }, { kind: 'household', id: 'h-1', code: 'H-CCCCC-33333' }], '2025-03-16T10:00:00.000Z'));
    expect(trail.entriesAbout('p-1', {}).map((entry) => entry.seq)).toEqual([1, 3]);
    expect(trail.entriesAbout('p-1', { from: '2025-03-15T00:00:00.000Z' }).map((entry) => entry.seq)).toEqual([3]);
    expect(trail.entriesAbout('p-1', { to: '2025-03-15T00:00:00.000Z' }).map((entry) => entry.seq)).toEqual([1]);
    expect(trail.verify()).toEqual({ ok: true, entries: 3 });
  });

  it('given a stored entry, when it is updated or deleted through SQL, then the database refuses (append-only)', () => {
    trail.record(read([{ kind: 'participant', id: 'p-1' }]));
    trail.flush();
    const db = new Database(join(dataDir, 'audit.db'));
    expect(() => db.exec("UPDATE access_log SET user_id = 'someone-else'")).toThrow(/append-only/);
    expect(() => db.exec('DELETE FROM access_log')).toThrow(/append-only/);
    db.close();
  });

  it('given a chain of entries, when one entry’s reader is rewritten, then verify names that entry', () => {
    for (let i = 0; i < 3; i++) trail.record(read([{ kind: 'participant', id: `p-${i}` }]));
    tamper("UPDATE access_log SET user_id = 'someone-else' WHERE seq = 2");
    expect(trail.verify()).toMatchObject({ ok: false, seq: 2 });
  });

  it('given a chain of entries, when an entry is deleted from the middle, then verify finds the gap', () => {
    for (let i = 0; i < 3; i++) trail.record(read([{ kind: 'participant', id: `p-${i}` }]));
    tamper('DELETE FROM access_log WHERE seq = 2');
    expect(trail.verify()).toMatchObject({ ok: false, seq: 2 });
  });

  it('given a chain of entries, when an entry is rewritten with its own hash recomputed, then verify finds the broken link after it', () => {
    for (let i = 0; i < 3; i++) trail.record(read([{ kind: 'participant', id: `p-${i}` }]));
    trail.flush();
    trail.close();
    const db = new Database(join(dataDir, 'audit.db'));
    db.exec('DROP TRIGGER access_log_no_update;');
    const row = db.prepare('SELECT * FROM access_log WHERE seq = 2').get() as { prev_hash: string; at: string; role: string; operation: string };
    const forged = { ...read([]), at: row.at, role: row.role, operation: row.operation };
    db.prepare('UPDATE access_log SET people = ?, hash = ? WHERE seq = 2').run('[]', entryHash(row.prev_hash, 2, forged));
    db.close();
    trail = openAuditTrail({ dataDir });
    expect(trail.verify()).toMatchObject({ ok: false, seq: 3 });
  });

  it('given a new trail, when it is created, then audit.db can be read by its owner only (0600)', () => {
    expect(statSync(join(dataDir, 'audit.db')).mode & 0o777).toBe(0o600);
  });
});
