import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { OutboxItem } from './outbox.js';

/** What the device keeps: the outbox of things to send, and the last answers of the screens' queries. */
interface LedgerDb extends DBSchema {
  outbox: { key: string; value: OutboxItem; indexes: { byCreated: number } };
  cache: { key: string; value: { key: string; owner: string; savedAt: number; data: unknown } };
}

let opened: Promise<IDBPDatabase<LedgerDb>> | undefined;

export function database(): Promise<IDBPDatabase<LedgerDb>> {
  opened ??= openDB<LedgerDb>('centre-ledger', 1, {
    upgrade(db) {
      db.createObjectStore('outbox', { keyPath: 'id' }).createIndex('byCreated', 'createdAt');
      db.createObjectStore('cache', { keyPath: 'key' });
    },
  });
  return opened;
}
