import type { Worker } from 'node:worker_threads';
import type { Logger } from 'pino';
import type { EventStore } from '../store/port.js';
import type { StoreConfig } from '../stores.js';
import { siblingModule, startThread } from '../threads.js';
import { createAdvanceListeners, createWaiters, type ProjectionRunner } from './runner.js';
import type { Views } from './views.js';

/** What the views' thread is started with. */
export interface ViewsThreadData {
  readonly config: StoreConfig;
  readonly logLevel: string;
  readonly cachedDocumentBytes?: number;
  /**
   * The log's durable position as the server's thread last made it (one BigInt64 slot), when the
   * log acknowledges writes only once synced: the views never apply an event beyond it.
   */
  readonly durable?: SharedArrayBuffer;
  /** How long the views' runner lets writes gather after a batch (createProjectionRunner's gatherMs). */
  readonly gatherMs?: number;
}

export type ToViewsThread = { readonly type: 'wake' } | { readonly type: 'stop' };
export type FromViewsThread = { readonly type: 'advanced'; readonly position: string } | { readonly type: 'reconnected' };

/**
 * A projection runner whose work happens on a thread of its own (./thread.ts): applying events to
 * the views is most of what a write costs, and the server's thread is then free to answer the
 * next requests while the views catch up on another core. The views' file is shared: this thread
 * reads it (queries, the checkpoint), the views' thread alone writes it. A mutation still answers
 * only once the views include it, as with the runner in ./runner.ts.
 *
 * Opened after the views on this thread, which rebuild them if the projections changed: the
 * views' thread then finds them as they should be.
 */
export function createThreadedProjectionRunner(options: {
  config: StoreConfig;
  views: Views;
  logger: Logger;
  logLevel: string;
  cachedDocumentBytes?: number;
  gatherMs?: number;
  onReconnect?: () => void;
  /** The server's store: how far the log is durable, shared with the views' thread as it moves. */
  store?: Pick<EventStore, 'durablePosition' | 'onDurable'>;
}): ProjectionRunner {
  const { logger } = options;
  // Written here at each sync, read by the views' thread before each read of the log: no message per write.
  let durable: SharedArrayBuffer | undefined;
  if (options.store?.durablePosition && options.store.onDurable) {
    durable = new SharedArrayBuffer(BigInt64Array.BYTES_PER_ELEMENT);
    const slot = new BigInt64Array(durable);
    Atomics.store(slot, 0, options.store.durablePosition());
    options.store.onDurable((position) => {
      Atomics.store(slot, 0, position);
      Atomics.notify(slot, 0);
    });
  }
  let reached = options.views.checkpoint();
  const waiters = createWaiters();
  const advanceListeners = createAdvanceListeners(logger);
  let worker: Worker | undefined;
  let stopping = false;
  let failures = 0;
  let restart: NodeJS.Timeout | undefined;

  function advanced(position: bigint) {
    if (position <= reached) return;
    reached = position;
    failures = 0;
    waiters.release(reached);
    advanceListeners.tell(position);
  }

  function spawn() {
    // Only what the thread opens with: never the rest of the server's configuration (its secrets).
    const { eventsFile, viewsFile, timeZone, synchronous, kurrentDbConnectionString } = options.config;
    const data: ViewsThreadData = {
      config: { eventsFile, viewsFile, timeZone, synchronous, kurrentDbConnectionString },
      logLevel: options.logLevel,
      cachedDocumentBytes: options.cachedDocumentBytes,
      ...(options.gatherMs !== undefined ? { gatherMs: options.gatherMs } : {}),
      ...(durable ? { durable } : {}),
    };
    const thread = startThread(siblingModule('thread', import.meta.url), data);
    worker = thread;
    thread.on('message', (message: FromViewsThread) => {
      if (message.type === 'advanced') advanced(BigInt(message.position));
      else if (message.type === 'reconnected') options.onReconnect?.();
    });
    thread.on('error', (error) => logger.error({ err: error }, 'the views thread failed'));
    thread.on('exit', (code) => {
      if (worker === thread) worker = undefined;
      if (stopping) return;
      // Started again from the views' checkpoint, later each time it fails in a row.
      failures += 1;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
      logger.error({ exitCode: code, retryInMs: delay }, 'the views thread stopped; starting it again');
      options.onReconnect?.();
      restart = setTimeout(spawn, delay);
    });
  }

  return {
    start() {
      if (!worker && !stopping) spawn();
    },
    waitFor(position, timeoutMs = 5_000) {
      if (reached >= position) return Promise.resolve(true);
      // Stopped, the views will not move again.
      if (stopping) return Promise.resolve(false);
      worker?.postMessage({ type: 'wake' } satisfies ToViewsThread);
      return waiters.wait(position, timeoutMs);
    },
    position: () => reached,
    onAdvance: advanceListeners.add,
    async stop() {
      stopping = true;
      clearTimeout(restart);
      const thread = worker;
      if (thread) {
        const exited = new Promise<void>((resolve) => thread.once('exit', () => resolve()));
        thread.postMessage({ type: 'stop' } satisfies ToViewsThread);
        // It finishes the batch in hand and closes its connections; it is stopped if that hangs.
        const timer = setTimeout(() => void thread.terminate(), 10_000);
        await exited;
        clearTimeout(timer);
      }
      waiters.cancel();
    },
  };
}
