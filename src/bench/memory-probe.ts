/**
 * Preloaded into a server under test (`node --import tsx --import <this file>`, see
 * startLedgerServer's memoryFile): once a second it writes the process's memory to the file named
 * by BENCH_MEMORY_FILE, for the soak to tell memory that is kept from garbage V8 has not collected
 * yet. `heapAfterFullGc` is the heap in use just after the last full (mark-sweep) collection,
 * read when V8 reports it: what the server retains, give or take what it allocated in between.
 * It loads nothing of the server and does nothing without the variable.
 */
import { renameSync, writeFileSync } from 'node:fs';
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';

export interface MemorySample {
  readonly rss: number;
  readonly heapTotal: number;
  readonly heapUsed: number;
  readonly external: number;
  /** Heap used just after the last full collection, or null before the first one. */
  readonly heapAfterFullGc: number | null;
}

const file = process.env.BENCH_MEMORY_FILE;
if (file) {
  let heapAfterFullGc: number | null = null;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const { detail } = entry as PerformanceEntry & { detail?: { kind?: number } };
      if (detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) heapAfterFullGc = process.memoryUsage().heapUsed;
    }
  }).observe({ entryTypes: ['gc'] });
  setInterval(() => {
    const { rss, heapTotal, heapUsed, external } = process.memoryUsage();
    const sample: MemorySample = { rss, heapTotal, heapUsed, external, heapAfterFullGc };
    // Written aside and renamed, so that a reader never sees half a sample.
    writeFileSync(`${file}.tmp`, JSON.stringify(sample));
    renameSync(`${file}.tmp`, file);
  }, 1_000).unref();
}
