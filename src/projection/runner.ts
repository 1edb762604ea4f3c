import type { Logger } from 'pino';
import type { EventStore } from '../store/port.js';
import type { Views } from './views.js';

export interface ProjectionRunner {
  /** Catches up from the views' checkpoint, then follows the log until stopped. */
  start(): void;
  /** Resolves once every view has applied the event at `position`, or after `timeoutMs` with false. */
  waitFor(position: bigint, timeoutMs?: number): Promise<boolean>;
  position(): bigint;
  stop(): Promise<void>;
  /**
   * Calls `listener` with the new checkpoint each time the views have applied a batch (after the
   * commit, so a read in the listener sees it). Returns a function that removes the listener.
   * Optional so that stand-in runners need not implement it.
   */
  onAdvance?(listener: (position: bigint) => void): () => void;
  /** Someone waits for the views: the next batch is applied at once, not gathered (see gatherMs). */
  hurry?(): void;
}

interface Waiter {
  readonly position: bigint;
  readonly resolve: (reached: boolean) => void;
}

/** Requests waiting for the views to reach a position: each answered true when they do, false on its timeout or at stop. */
export function createWaiters() {
  let waiters: Waiter[] = [];
  return {
    get size() {
      return waiters.length;
    },
    wait(position: bigint, timeoutMs: number): Promise<boolean> {
      return new Promise((resolve) => {
        const timer = setTimeout(() => {
          waiters = waiters.filter((w) => w !== waiter);
          resolve(false);
        }, timeoutMs);
        const waiter: Waiter = {
          position,
          resolve: (reached) => {
            clearTimeout(timer);
            resolve(reached);
          },
        };
        waiters.push(waiter);
      });
    },
    /** The views are at `reached`: the waits for positions up to it are over. */
    release(reached: bigint) {
      const still: Waiter[] = [];
      for (const waiter of waiters) (waiter.position <= reached ? waiter.resolve(true) : still.push(waiter));
      waiters = still;
    },
    /** Stopped: every wait answers false. */
    cancel() {
      for (const waiter of waiters) waiter.resolve(false);
      waiters = [];
    },
  };
}

/** Who is told each new checkpoint (ProjectionRunner.onAdvance); a listener that throws is logged, not fatal. */
export function createAdvanceListeners(logger: Logger) {
  const listeners = new Set<(position: bigint) => void>();
  return {
    get size() {
      return listeners.size;
    },
    add(listener: (position: bigint) => void): () => void {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    tell(position: bigint) {
      for (const listener of listeners) {
        try {
          listener(position);
        } catch (error) {
          logger.error({ err: error }, 'a listener on the views failed');
        }
      }
    },
  };
}

/**
 * Events per transaction while a view's new version is built beside the old one: the thread applies
 * no live batch meanwhile, so a step is kept short (VIEWS_BUILD_BATCH_EVENTS).
 */
const BUILD_BATCH = Number(process.env.VIEWS_BUILD_BATCH_EVENTS ?? 5_000);
/**
 * A pause between those steps (VIEWS_BUILD_PAUSE_MS, default none): on a busy server it leaves the
 * disk and the thread to the requests, for a longer build.
 */
const BUILD_PAUSE_MS = Number(process.env.VIEWS_BUILD_PAUSE_MS ?? 0);
/**
 * The share of the views' thread the build may take (VIEWS_BUILD_SHARE, above 0 and at most 1,
 * default 1): after a step that took t ms it pauses t × (1/share − 1) ms, so that on a machine
 * short of cores the requests wait less behind it, for a build that takes 1/share as long.
 */
const BUILD_SHARE = Math.min(1, Math.max(0.01, Number(process.env.VIEWS_BUILD_SHARE ?? 1) || 1));
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Builds the new versions of views whose projections changed (Views.building) from the log, in
 * short steps between the live batches, until they reach the views queries read; then switches
 * them over in one transaction. Logs its progress every few seconds.
 */
async function buildChangedViews({ store, views, logger, signal, batchEvents }: { store: EventStore; views: Views; logger: Logger; signal: AbortSignal; batchEvents: number }) {
  const first = views.building();
  if (!first) return;
  const trusted = store.appendsOnlyFromLedger === true;
  logger.info(
    { views: first.views, missing: first.missing, from: first.position.toString(), head: views.checkpoint().toString() },
    'building new versions of views in the background; queries read their old versions until the switch',
  );
  const started = Date.now();
  let logged = started;
  let events = 0;
  let failures = 0;
  while (!signal.aborted) {
    try {
      const status = views.building();
      // Switched over by another process on the same views.
      if (!status) return;
      if (status.position >= views.checkpoint()) {
        const switched = views.switchOver();
        if (switched.length > 0) {
          logger.info({ views: switched, position: views.checkpoint().toString(), seconds: (Date.now() - started) / 1000, events }, 'switched to the rebuilt views');
          return;
        }
        await pause(20);
        continue;
      }
      const stepStarted = performance.now();
      const batch = await store.readAll(status.position, batchEvents);
      if (signal.aborted) return;
      views.applyToBuild(batch, { trusted });
      const stepMs = performance.now() - stepStarted;
      events += batch.length;
      failures = 0;
      if (Date.now() - logged >= 5_000) {
        logged = Date.now();
        const seconds = (logged - started) / 1000;
        logger.info(
          { views: status.views, position: views.building()?.position.toString(), head: views.checkpoint().toString(), eventsPerSecond: Math.round(events / seconds) },
          'building new versions of views in the background',
        );
      }
      // Lets the live batches and the requests in between steps.
      const rest = BUILD_PAUSE_MS + (BUILD_SHARE < 1 ? stepMs * (1 / BUILD_SHARE - 1) : 0);
      await (rest > 0 ? pause(rest) : new Promise((resolve) => setImmediate(resolve)));
    } catch (error) {
      if (signal.aborted) return;
      failures += 1;
      const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
      logger.error({ err: error, retryInMs: delay }, 'building the new versions of views failed; resuming from their checkpoint');
      await pause(delay);
    }
  }
}

export function createProjectionRunner({
  store,
  views,
  logger,
  buildBatchEvents = BUILD_BATCH,
  gatherMs = 0,
}: {
  store: EventStore;
  views: Views;
  logger: Logger;
  /** Events per step of a background build of changed views (tests make it small, to interleave with writes). */
  buildBatchEvents?: number;
  /**
   * After a batch, how long to let writes gather before reading the next, unless someone waits
   * (waitFor, hurry): under a steady load a batch then holds several writes, and the documents they
   * share (a centre's month, a programme's sets) are written once for all of them.
   */
  gatherMs?: number;
}): ProjectionRunner {
  const controller = new AbortController();
  const waiters = createWaiters();
  let loop: Promise<void> | undefined;
  let building: Promise<void> | undefined;
  const advanceListeners = createAdvanceListeners(logger);
  let endGather: (() => void) | undefined;
  // A wait on another thread (hurry) that came while a batch was read or applied: the next gather is skipped.
  let hurried = false;
  const hurry = () => (endGather ? endGather() : (hurried = true));
  const gather = () => {
    // This runner's own waits still pending after the batch skip it too.
    if (hurried || waiters.size > 0) {
      hurried = false;
      return Promise.resolve();
    }
    return new Promise<void>((resolve) => {
      const timer = setTimeout(() => hurry(), gatherMs);
      endGather = () => {
        endGather = undefined;
        clearTimeout(timer);
        resolve();
      };
    });
  };

  async function follow() {
    let failures = 0;
    while (!controller.signal.aborted) {
      try {
        for await (const batch of store.subscribe(views.checkpoint(), controller.signal)) {
          views.applyBatch(batch, { trusted: store.appendsOnlyFromLedger === true });
          failures = 0;
          waiters.release(views.checkpoint());
          if (advanceListeners.size > 0) advanceListeners.tell(views.checkpoint());
          if (gatherMs > 0 && !controller.signal.aborted) await gather();
        }
      } catch (error) {
        if (controller.signal.aborted) break;
        failures += 1;
        const delay = Math.min(30_000, 250 * 2 ** Math.min(failures, 7));
        logger.error({ err: error, retryInMs: delay }, 'projection runner failed; resuming from its checkpoint');
        await new Promise((resolve) => setTimeout(resolve, delay));
      }
    }
  }

  return {
    start() {
      loop ??= follow();
      building ??= buildChangedViews({ store, views, logger, signal: controller.signal, batchEvents: buildBatchEvents });
    },
    waitFor(position, timeoutMs = 5_000) {
      if (views.checkpoint() >= position) return Promise.resolve(true);
      // Stopped, the views will not move again.
      if (controller.signal.aborted) return Promise.resolve(false);
      endGather?.();
      return waiters.wait(position, timeoutMs);
    },
    position: () => views.checkpoint(),
    onAdvance: advanceListeners.add,
    hurry,
    async stop() {
      controller.abort();
      endGather?.();
      await loop;
      await building;
      waiters.cancel();
    },
  };
}
