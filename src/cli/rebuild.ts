/**
 * Rebuilds every view under DATA_DIR from the event log. Run it with the server stopped: the
 * views are emptied, then the whole log is replayed in batches, each committed with its checkpoint.
 */
import { openConfiguredViews, openEventStore } from '../app.js';
import { parseConfig } from '../config.js';
import { createLogger } from '../logger.js';

const BATCH = 2_000;

const config = parseConfig();
const logger = createLogger(process.env.LOG_LEVEL ?? 'warn');
const store = await openEventStore(config, logger);
const views = openConfiguredViews(config, logger);
const head = await store.headPosition();
const started = process.hrtime.bigint();
views.reset();

let position = 0n;
let events = 0;
let lastReport = Date.now();
for (;;) {
  const batch = await store.readAll(position, BATCH);
  if (batch.length === 0) break;
  views.applyBatch(batch);
  events += batch.length;
  position = batch[batch.length - 1]!.position;
  if (Date.now() - lastReport > 1_000) {
    lastReport = Date.now();
    const share = head > 0n ? Number((position * 100n) / head) : 100;
    process.stdout.write(`rebuilding: ${events} events, ${share}% of the log\n`);
  }
}
const seconds = Number(process.hrtime.bigint() - started) / 1e9;
console.log(`rebuilt every view from ${events} events in ${seconds.toFixed(2)} s (${Math.round(events / Math.max(seconds, 1e-9))} events/s)`);
views.close();
await store.close();
