import { Worker } from 'node:worker_threads';

/**
 * A worker thread running the module at `entry` (a URL: TypeScript, or the compiled JavaScript), with `data` as its
 * workerData (plus the entry itself): the server applies events to the views on a thread like
 * this, off the thread that answers requests.
 */
export function startThread(entry: URL, data: object): Worker {
  // None of this process's node options: a preload given with --import (a .ts file, such as the
  // soak's memory probe) would run before tsx is registered on the thread, and fail it.
  // Profiling flags are the exception: the views' thread is profiled with the server (BENCH_NODE_ARGS).
  const execArgv = process.execArgv.filter((arg) => arg.startsWith('--cpu-prof'));
  const options = { workerData: { ...data, entry: entry.href }, execArgv };
  // The compiled server (npm run build) starts its JavaScript directly, without tsx's loader.
  if (entry.pathname.endsWith('.js')) return new Worker(entry, options);
  return new Worker(new URL('./thread-start.mjs', import.meta.url), options);
}

/** The module beside `base` named `name`, as .ts under tsx or .js once compiled to dist/. */
export function siblingModule(name: string, base: string): URL {
  return new URL(`./${name}${base.endsWith('.js') ? '.js' : '.ts'}`, base);
}

