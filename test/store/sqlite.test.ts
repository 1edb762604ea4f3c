import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createSqliteEventStore } from '../../src/store/sqlite.js';
import { describeEventStoreContract } from './contract.js';

const dir = mkdtempSync(join(tmpdir(), 'ledger-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

describeEventStoreContract('sqlite', async () => createSqliteEventStore({ file: join(dir, `events-${n++}.db`), pollIntervalMs: 20 }));

describe('sqlite event log file', () => {
  it('given a file that is not an event log, when the store opens it, then it refuses with a message and leaves it untouched', () => {
    const file = join(dir, 'foreign.db');
    writeFileSync(file, 'this is not a database at all, just some text that someone put here');
    expect(() => createSqliteEventStore({ file })).toThrow(/not a centre-ledger event log|cannot be opened/);
    expect(() => createSqliteEventStore({ file })).toThrow(/left untouched/);
  });
});
