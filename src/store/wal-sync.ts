import { closeSync, existsSync, fdatasync, fdatasyncSync, fsyncSync, openSync } from 'node:fs';
import { dirname } from 'node:path';

/**
 * FULL durability without blocking the event loop on fsync. The log's connection commits with
 * synchronous=NORMAL in WAL mode: COMMIT writes the transaction's frames to the `-wal` file and
 * returns without syncing it. This module then syncs that file with `fs.fdatasync` on libuv's
 * thread pool, on a file descriptor of its own (a sync is per inode on Linux: it covers the frames
 * every connection wrote to the file before it started). A position is durable once a sync that
 * started after its commit returned; callers are told only then, so "acknowledged" still means
 * "on disk". Commits go on while a sync is in flight; the next sync covers them all at once.
 *
 * Why the descriptor stays valid: SQLite deletes the `-wal` file only when the last connection
 * closes, and this store's connection is open as long as the descriptor. A checkpoint copies the
 * WAL into the database and may then reset or truncate the WAL, in place (same inode); under
 * NORMAL or FULL it syncs the WAL before copying and the database before the reset, so the frames
 * a reset overwrites are durable in the database already. Every connection that opens the log
 * does so through ./sqlite.ts with NORMAL or FULL, never OFF.
 */
export interface WalDurability {
  /** The highest log position known to be on disk. */
  position(): bigint;
  /** Resolves once `position` (already committed) is on disk, syncing the WAL if it must. */
  reach(position: bigint): Promise<void>;
  /** Told the new durable position after each sync. Returns a function that removes the listener. */
  onDurable(listener: (position: bigint) => void): () => void;
  /** Set once a sync failed: the log's state on disk is then unknown and nothing more is acknowledged. */
  failure(): Error | undefined;
  /** Resolves once every position asked for so far is on disk (or a sync failed). */
  drain(): Promise<void>;
  /** Closes the descriptor (after the connection closed). */
  close(): void;
}

export type SyncWal = (fd: number, done: (error: Error | null) => void) => void;

const defaultSync: SyncWal = (fd, done) => fdatasync(fd, done);

/**
 * Opens the log's `-wal` file for syncing; undefined when it does not exist (the caller then lets
 * SQLite sync at each commit). Everything in the log at this moment is made durable first: a
 * process killed before its last sync may have left committed frames in the page cache only.
 */
export function openWalDurability(options: { file: string; head: bigint; syncWal?: SyncWal }): WalDurability | undefined {
  const walFile = `${options.file}-wal`;
  if (!existsSync(walFile)) return undefined;
  const fd = openSync(walFile, 'r');
  fdatasyncSync(fd);
  // The WAL's directory entry, should this open have created the file.
  const directory = openSync(dirname(walFile), 'r');
  try {
    fsyncSync(directory);
  } finally {
    closeSync(directory);
  }
  const syncWal = options.syncWal ?? defaultSync;
  let durable = options.head;
  let wanted = options.head;
  let syncing = false;
  let failed: Error | undefined;
  let closed = false;
  let waiters: { readonly position: bigint; readonly resolve: () => void; readonly reject: (error: Error) => void }[] = [];
  const listeners = new Set<(position: bigint) => void>();
  let idle: (() => void)[] = [];

  function settleIdle() {
    if (syncing && !failed) return;
    for (const resolve of idle) resolve();
    idle = [];
  }

  function sync() {
    if (syncing || failed || closed || wanted <= durable) return settleIdle();
    syncing = true;
    // Only what was committed before the sync starts is covered by it.
    const target = wanted;
    syncWal(fd, (error) => {
      syncing = false;
      if (error) {
        // After a failed fsync the kernel may have dropped the dirty pages: retrying could report
        // success for writes that are gone. Nothing more is acknowledged until a restart.
        failed = new Error(`the event log could not be synced to disk (${error.message}); restart the server`, { cause: error });
        for (const waiter of waiters) waiter.reject(failed);
        waiters = [];
        return settleIdle();
      }
      durable = target;
      for (const listener of listeners) listener(durable);
      const still: typeof waiters = [];
      for (const waiter of waiters) (waiter.position <= durable ? waiter.resolve() : still.push(waiter));
      waiters = still;
      sync();
    });
  }

  return {
    position: () => durable,
    reach(position) {
      if (position <= durable) return Promise.resolve();
      if (failed) return Promise.reject(failed);
      if (closed) return Promise.reject(new Error(`the event log ${options.file} is closed`));
      if (position > wanted) wanted = position;
      const reached = new Promise<void>((resolve, reject) => waiters.push({ position, resolve, reject }));
      sync();
      return reached;
    },
    onDurable(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    failure: () => failed,
    drain() {
      if (!syncing && (failed || wanted <= durable)) return Promise.resolve();
      return new Promise<void>((resolve) => {
        idle.push(resolve);
        sync();
      });
    },
    close() {
      if (closed) return;
      closed = true;
      closeSync(fd);
    },
  };
}
