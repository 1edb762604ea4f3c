/**
 * The views' thread (see ./threaded-runner.ts): applies the log to the views on a core of its own,
 * with its own connections to the log and the views, and tells the server's thread each
 * checkpoint it commits.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createLogger } from '../logger.js';
import { openConfiguredViews, openEventStore } from '../stores.js';
import { createProjectionRunner } from './runner.js';
import type { ToViewsThread, ViewsThreadData } from './threaded-runner.js';

const port = parentPort!;
const { config, logLevel, cachedDocumentBytes, durable } = workerData as ViewsThreadData;
const logger = createLogger(logLevel).child({ thread: 'views' });

// The server's thread appends; it says so when a request waits for the views (a 'wake').
const wakeListeners = new Set<() => void>();
// How far the server's thread has made the log durable: the views never read beyond it.
const durableSlot = durable && new BigInt64Array(durable);
const store = await openEventStore(config, logger, {
  ...(durableSlot ? { durablePosition: () => Atomics.load(durableSlot, 0) } : {}),
  appendedElsewhere: (listener) => {
    wakeListeners.add(listener);
    return () => void wakeListeners.delete(listener);
  },
  // The server's metrics count the views' reconnections to the log.
  onReconnect: () => port.postMessage({ type: 'reconnected' }),
});
const views = openConfiguredViews(config, logger, { cachedDocumentBytes });
const runner = createProjectionRunner({ store, views, logger });
runner.onAdvance!((position) => port.postMessage({ type: 'advanced', position: position.toString() }));

port.on('message', (message: ToViewsThread) => {
  if (message.type === 'wake') {
    for (const listener of [...wakeListeners]) listener();
    return;
  }
  void (async () => {
    await runner.stop();
    views.close();
    await store.close();
    port.close();
  })();
});

runner.start();
port.postMessage({ type: 'advanced', position: views.checkpoint().toString() });
