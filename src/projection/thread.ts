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
const { config, logLevel, cachedDocumentBytes, durable, gatherMs } = workerData as ViewsThreadData;
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
let stopping = false;
if (durableSlot) {
  // Woken as the log's durable position moves (no message per write), so the views follow the
  // writes on their own core rather than only when a request waits for them.
  void (async () => {
    for (let seen = Atomics.load(durableSlot, 0); !stopping; seen = Atomics.load(durableSlot, 0)) {
      const waited = Atomics.waitAsync(durableSlot, 0, seen);
      if (waited.async) await waited.value;
      for (const listener of [...wakeListeners]) listener();
    }
  })();
}
const views = openConfiguredViews(config, logger, { cachedDocumentBytes });
const runner = createProjectionRunner({ store, views, logger, gatherMs: gatherMs ?? 0 });
runner.onAdvance!((position) => port.postMessage({ type: 'advanced', position: position.toString() }));

port.on('message', (message: ToViewsThread) => {
  if (message.type === 'wake') {
    runner.hurry!();
    for (const listener of [...wakeListeners]) listener();
    return;
  }
  stopping = true;
  if (durableSlot) Atomics.notify(durableSlot, 0);
  void (async () => {
    await runner.stop();
    views.close();
    await store.close();
    port.close();
  })();
});

runner.start();
port.postMessage({ type: 'advanced', position: views.checkpoint().toString() });
