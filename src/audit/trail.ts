import { createHash } from 'node:crypto';
import { chmodSync, closeSync, openSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';

/** Whose personal data was returned: ids and codes, never names. */
export interface AuditedPerson {
  readonly kind: string;
  readonly id: string;
  readonly code?: string;
}

/** One request that returned personal fields. */
export interface AuditRecord {
  readonly at: string;
  readonly userId: string;
  readonly role: string;
  /** The operation's name, or its type when it has none. */
  readonly operation: string;
  readonly people: readonly AuditedPerson[];
}

export interface AuditEntry extends AuditRecord {
  readonly seq: number;
  readonly hash: string;
}

export type Verification = { readonly ok: true; readonly entries: number } | { readonly ok: false; readonly seq: number; readonly reason: string };

export interface AuditTrail {
  /** Queues an entry; it is stored (chained to the last one) after the current request's work, in one transaction per batch. */
  record(entry: AuditRecord): void;
  /** Stores what is queued now. */
  flush(): void;
  /** Entries that name this person (a participant's, household's or volunteer's id), oldest first. */
  entriesAbout(personId: string, period: { from?: string | null; to?: string | null }): AuditEntry[];
  /** Walks the whole chain: every entry's hash, its link to the one before, no gap in the numbering. */
  verify(): Verification;
  close(): void;
}

const GENESIS = '0'.repeat(64);

/** The hash of an entry covers everything it says and the hash of the entry before it. */
export const entryHash = (previous: string, seq: number, record: AuditRecord): string =>
  createHash('sha256')
    .update(previous)
    .update('\n')
    .update(JSON.stringify([seq, record.at, record.userId, record.role, record.operation, record.people]))
    .digest('hex');

interface Row {
  seq: number;
  at: string;
  user_id: string;
  role: string;
  operation: string;
  people: string;
  prev_hash: string;
  hash: string;
}

const entryOf = (row: Row): AuditEntry => ({
  seq: row.seq,
  at: row.at,
  userId: row.user_id,
  role: row.role,
  operation: row.operation,
  people: JSON.parse(row.people) as AuditedPerson[],
  hash: row.hash,
});

/**
 * `audit.db` under DATA_DIR (0600): an append-only trail of who read whose personal data, apart
 * from the event log and never pruned. Triggers refuse UPDATE and DELETE; a rewrite by other means
 * breaks the hash chain, which `verify` walks.
 */
export function openAuditTrail(options: { dataDir: string }): AuditTrail {
  const file = join(options.dataDir, 'audit.db');
  closeSync(openSync(file, 'a', 0o600));
  chmodSync(file, 0o600);
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS access_log (
      seq INTEGER PRIMARY KEY,
      at TEXT NOT NULL,
      user_id TEXT NOT NULL,
      role TEXT NOT NULL,
      operation TEXT NOT NULL,
      people TEXT NOT NULL,
      prev_hash TEXT NOT NULL,
      hash TEXT NOT NULL
    );
    CREATE INDEX IF NOT EXISTS access_log_at ON access_log (at);
    CREATE TRIGGER IF NOT EXISTS access_log_no_update BEFORE UPDATE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
    CREATE TRIGGER IF NOT EXISTS access_log_no_delete BEFORE DELETE ON access_log BEGIN SELECT RAISE(ABORT, 'the access log is append-only'); END;
  `);
  for (const suffix of ['-wal', '-shm']) {
    try {
      chmodSync(file + suffix, 0o600);
    } catch {
      // not there (yet)
    }
  }

  const last = db.prepare<[], { seq: number; hash: string }>('SELECT seq, hash FROM access_log ORDER BY seq DESC LIMIT 1');
  const insert = db.prepare(
    'INSERT INTO access_log (seq, at, user_id, role, operation, people, prev_hash, hash) VALUES (@seq, @at, @userId, @role, @operation, @people, @prev, @hash)',
  );
  const about = db.prepare<Record<string, string | null>, Row>(`
    SELECT * FROM access_log
     WHERE (@from IS NULL OR at >= @from) AND (@to IS NULL OR at <= @to)
       AND EXISTS (SELECT 1 FROM json_each(access_log.people) p WHERE p.value ->> '$.id' = @id)
     ORDER BY seq`);
  const all = db.prepare<[], Row>('SELECT * FROM access_log ORDER BY seq');

  let queue: AuditRecord[] = [];
  let scheduled = false;
  let closed = false;
  const append = db.transaction((records: readonly AuditRecord[]) => {
    let head = last.get() ?? { seq: 0, hash: GENESIS };
    for (const record of records) {
      const seq = head.seq + 1;
      const hash = entryHash(head.hash, seq, record);
      insert.run({ seq, at: record.at, userId: record.userId, role: record.role, operation: record.operation, people: JSON.stringify(record.people), prev: head.hash, hash });
      head = { seq, hash };
    }
  });
  function flush() {
    scheduled = false;
    if (queue.length === 0 || closed) return;
    const records = queue;
    queue = [];
    try {
      append(records);
    } catch (error) {
      // Not stored (the disk is full, the file is locked): kept, and tried again shortly, rather
      // than lost or thrown where no request can answer for it.
      queue = [...records, ...queue];
      if (!scheduled) {
        scheduled = true;
        setTimeout(flushLater, 1000).unref();
      }
      throw error;
    }
  }
  const flushLater = () => {
    try {
      flush();
    } catch {
      // retried by flush itself
    }
  };

  return {
    record(entry) {
      queue.push(entry);
      if (scheduled) return;
      scheduled = true;
      setImmediate(flushLater);
    },
    flush,
    entriesAbout(personId, period) {
      flush();
      return about.all({ id: personId, from: period.from ?? null, to: period.to ?? null }).map(entryOf);
    },
    verify() {
      flush();
      let previous = GENESIS;
      let expected = 1;
      for (const row of all.iterate()) {
        if (row.seq !== expected) return { ok: false, seq: expected, reason: `entry ${expected} is missing` };
        if (row.prev_hash !== previous) return { ok: false, seq: row.seq, reason: 'its link to the entry before does not match' };
        let record: AuditRecord;
        try {
          record = entryOf(row);
        } catch {
          return { ok: false, seq: row.seq, reason: 'its list of people is not readable' };
        }
        if (entryHash(previous, row.seq, record) !== row.hash) return { ok: false, seq: row.seq, reason: 'its content does not match its hash' };
        previous = row.hash;
        expected += 1;
      }
      return { ok: true, entries: expected - 1 };
    },
    close() {
      flush();
      closed = true;
      db.close();
    },
  };
}
