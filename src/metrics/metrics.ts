/**
 * The server's Prometheus metrics (METRICS=true, GET /metrics): requests and their durations by
 * operation, errors by code, the views' lag behind the log, the writes waiting, and the store's
 * failures and reconnections. No label ever holds a variable, an id or a name: operations are
 * labelled by their (sanitised, capped) operation name and type, errors by their code from a
 * fixed list.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { isStoreUnavailable, isWrongExpectedRevision, type EventStore } from '../store/port.js';

/** Distinct operation names kept as labels; later new names count as `other` (clients choose names). */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,63}$/;
/** The codes the API answers with; anything else is `OTHER`, so that a message never becomes a label. */
const KNOWN_CODES = new Set([
  'BAD_USER_INPUT',
  'NOT_FOUND',
  'CONFLICT',
  'FORBIDDEN',
  'UNAUTHENTICATED',
  'SERVICE_UNAVAILABLE',
  'PERSONAL_DATA_UNAVAILABLE',
  'INTERNAL_SERVER_ERROR',
  'GRAPHQL_VALIDATION_FAILED',
  'GRAPHQL_PARSE_FAILED',
  'BAD_REQUEST',
  'PAYLOAD_TOO_LARGE',
]);

/** What the gauges read when Prometheus scrapes. */
export interface MetricSources {
  readonly headPosition: () => Promise<bigint>;
  readonly viewsPosition: () => bigint;
}

export type LedgerMetrics = ReturnType<typeof createLedgerMetrics>;

export function createLedgerMetrics() {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'ledger_process_' });
  const requests = new Counter({ name: 'ledger_graphql_requests_total', help: 'GraphQL operations executed, by operation name and type', labelNames: ['operation', 'type'], registers: [registry] });
  const durations = new Histogram({
    name: 'ledger_graphql_request_duration_seconds',
    help: 'Time to execute a GraphQL query or mutation, by operation name and type',
    labelNames: ['operation', 'type'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
    registers: [registry],
  });
  const errors = new Counter({ name: 'ledger_graphql_errors_total', help: 'Errors in GraphQL answers, by extensions.code', labelNames: ['code'], registers: [registry] });
  const mutationsInFlight = new Gauge({ name: 'ledger_mutations_in_flight', help: 'Mutations received and not yet answered', registers: [registry] });
  const appendsInFlight = new Gauge({ name: 'ledger_store_appends_in_flight', help: 'Appends handed to the event store and not yet acknowledged (the write queue)', registers: [registry] });
  const storeErrors = new Counter({
    name: 'ledger_store_errors_total',
    help: 'Failed event store calls: unavailable (retryable), conflict (wrong expected revision, retried from fresh state) or other',
    labelNames: ['kind'],
    registers: [registry],
  });
  const reconnects = new Counter({ name: 'ledger_store_reconnects_total', help: "Times the views' subscription to the log was opened again after a failure", registers: [registry] });
  let sources: MetricSources | undefined;
  new Gauge({
    name: 'ledger_log_head_position',
    help: "The log's last position",
    registers: [registry],
    async collect() {
      if (sources) this.set(Number(await sources.headPosition()));
    },
  });
  new Gauge({
    name: 'ledger_views_position',
    help: 'The position the views have applied',
    registers: [registry],
    collect() {
      if (sources) this.set(Number(sources.viewsPosition()));
    },
  });
  new Gauge({
    name: 'ledger_views_lag_positions',
    help: "How far the views are behind the log's head, in positions (events on SQLite, bytes of the log on KurrentDB)",
    registers: [registry],
    async collect() {
      if (!sources) return;
      const [headPosition, views] = [await sources.headPosition(), sources.viewsPosition()];
      this.set(Number(headPosition > views ? headPosition - views : 0n));
    },
  });

  const names = new Set<string>();
  const operationLabel = (name: string | undefined | null): string => {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (names.has(name)) return name;
    if (names.size >= MAX_OPERATION_NAMES) return 'other';
    names.add(name);
    return name;
  };

  const countErrors = (list: readonly { extensions?: Record<string, unknown> }[] | undefined) => {
    for (const error of list ?? []) {
      const code = error.extensions?.code;
      errors.inc({ code: typeof code === 'string' && KNOWN_CODES.has(code) ? code : 'OTHER' });
    }
  };

  /** Times each query and mutation (subscriptions are counted, not timed) and counts the errors of every answer. */
  const plugin: Plugin = {
    onExecute({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      const labels = { operation: operationLabel(operation?.name?.value ?? args.operationName), type: operation?.operation ?? 'query' };
      requests.inc(labels);
      const stopTimer = durations.startTimer(labels);
      const mutation = labels.type === 'mutation';
      if (mutation) mutationsInFlight.inc();
      return {
        onExecuteDone() {
          stopTimer();
          if (mutation) mutationsInFlight.dec();
        },
      };
    },
    onSubscribe({ args }) {
      const operation = getOperationAST(args.document, args.operationName);
      requests.inc({ operation: operationLabel(operation?.name?.value ?? args.operationName), type: 'subscription' });
    },
    onResultProcess({ result }) {
      if (Array.isArray(result)) for (const one of result) countErrors(one.errors);
      else if (result && typeof result === 'object' && 'errors' in result) countErrors((result as { errors?: [] }).errors);
    },
  };

  return {
    registry,
    plugin,
    /** The gauges read the log's head and the views' checkpoint from these once they exist. */
    follow(given: MetricSources) {
      sources = given;
    },
    reconnected() {
      reconnects.inc();
    },
    /** The same store, counting its failures and the appends waiting for it. */
    watchStore<S extends EventStore>(store: S): S {
      const failed = (error: unknown) => {
        storeErrors.inc({ kind: isStoreUnavailable(error) ? 'unavailable' : isWrongExpectedRevision(error) ? 'conflict' : 'other' });
        throw error;
      };
      return Object.assign(Object.create(store) as S, {
        append: async (...args: Parameters<EventStore['append']>) => {
          appendsInFlight.inc();
          try {
            return await store.append(...args).catch(failed);
          } finally {
            appendsInFlight.dec();
          }
        },
        readStream: (streamId: string) => store.readStream(streamId).catch(failed),
        readStreams: (reads: Parameters<EventStore['readStreams']>[0]) => store.readStreams(reads).catch(failed),
        findCommand: (commandId: string) => store.findCommand(commandId).catch(failed),
        headPosition: () => store.headPosition().catch(failed),
      });
    },
    /** The text Prometheus scrapes. */
    async text(): Promise<{ contentType: string; body: string }> {
      return { contentType: registry.contentType, body: await registry.metrics() };
    },
  };
}
