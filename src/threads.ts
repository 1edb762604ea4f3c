import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the TypeScript module at `entry` (a URL), with `data` as its
 * workerData (plus the entry itself): the server applies events to the views on a thread like
 * this, off the thread that answers requests.
 */
export function startThread(entry: URL, data: object): Worker {
  // None of this process's node options: a preload given with --import (a .ts file, such as the
  // soak's memory probe) would run before tsx is registered on the thread, and fail it.
  return new Worker(new URL('./thread-start.mjs', import.meta.url), { workerData: { ...data, entry: entry.href }, execArgv: [] });
}

