import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import express from 'express';
import { createYoga } from 'graphql-yoga';
import type { Logger } from 'pino';
import type { Actor } from '../auth/actor.js';
import { AWAIT_POSITION_HEADER, awaitPositionHeader, consistencyPlugin, createConsistency, exportsConsistency } from './consistency.js';
import { createApiContext, type ApiContext, type ApiServices, type ConsistentServices } from './context.js';
import { maskError } from './errors.js';
import { exampleQuery } from './graphiql.js';
import { auditPlugin, createAccessLogExport } from './audit.js';
import { createExportRoutes } from './exports.js';
import { createProgrammeExport } from './programme-export.js';
import { createLedgerSchema } from './schema.js';
import { createServicesExport } from './services-export.js';
import { createVolunteeringExport } from './volunteering-export.js';
import { limitPlugins, limits } from './limits.js';
import { isDomainError } from '../domain/shared/errors.js';
import { GraphQLError } from 'graphql';
import type { LedgerMetrics } from '../metrics/metrics.js';
import { corsFor, refuseOtherSites } from './guards/origin.js';
import { limitEveryBody } from './guards/body-limit.js';
import { yogaLogger } from './yoga-log.js';
import { budgetPlugin, withDeadlines } from './guards/budget.js';

const CORRELATION_HEADER = 'x-correlation-id';

export interface HttpOptions {
  readonly logger: Logger;
  /** Introspection and GraphiQL (off in production unless GRAPHQL_INTROSPECTION=true). */
  readonly introspection: boolean;
  /** Who is asking; throws an UNAUTHENTICATED DomainError for missing or bad credentials. */
  readonly authenticate: (request: Request) => Promise<Actor>;
  /** Whether the ledger can take requests now (readiness). */
  readonly ready: () => boolean;
  /** Views being rebuilt in the background after an upgrade (shown in /readyz), if any. */
  readonly rebuilding?: () => object | undefined;
  /** Served beside the API, after it: the web app and its /auth routes (see src/api/web.ts). */
  readonly routes?: readonly express.Router[];
  /**
   * TRUST_PROXY=true: one proxy stands in front, so `req.ip` is the address it saw (the last entry
   * of X-Forwarded-For), never one the client wrote into the header itself.
   */
  readonly trustProxy?: boolean;
  /** METRICS=true: GET /metrics in Prometheus' format, and the plugin that times each operation. */
  readonly metrics?: LedgerMetrics;
  /** CORS_ORIGINS: web origins other than the server's own that may call /graphql with credentials. */
  readonly corsOrigins?: readonly string[];
  /** QUERY_TIMEOUT_MS: a GraphQL request still running after this is cancelled with TIMEOUT. */
  readonly queryTimeoutMs?: number;
  /** QUERY_MAX_COST: a query whose estimate exceeds it is refused with QUERY_TOO_EXPENSIVE before it runs. */
  readonly queryMaxCost?: number;
}

export function createHttpApp(apiServices: ApiServices, options: HttpOptions) {
  const { logger } = options;
  const services: ConsistentServices = { ...apiServices, consistency: createConsistency(apiServices.runner, { timeoutMs: apiServices.readYourWritesTimeoutMs }) };
  const yoga = createYoga<{ res?: express.Response }, ApiContext>({
    schema: withDeadlines(createLedgerSchema()),
    graphqlEndpoint: '/graphql',
    cors: corsFor(options.corsOrigins ?? []),
    landingPage: false,
    graphiql: options.introspection ? { title: 'centre-ledger', defaultQuery: exampleQuery } : false,
    maskedErrors: { maskError: maskError(logger) },
    // The budget starts after the consistency wait: waiting for the views is not the query's own time.
    plugins: [
      ...limitPlugins({ introspection: options.introspection }),
      consistencyPlugin(),
      auditPlugin(),
      budgetPlugin({ maxCost: options.queryMaxCost ?? limits.listCost, budgetMs: options.queryTimeoutMs ?? limits.queryTimeoutMs }),
      ...(options.metrics ? [options.metrics.plugin] : []),
    ],
    logging: yogaLogger(logger),
    context: async ({ request, res }) => {
      const actor = await options.authenticate(request).catch((error: unknown) => {
        // Refused before anything runs, with HTTP 401 and the contract's code.
        const message = isDomainError(error) ? error.message : 'the token could not be verified';
        throw new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });
      });
      await awaitPositionHeader(services.consistency, request.headers.get(AWAIT_POSITION_HEADER));
      // A mutation's phases, for clients and benchmarks to see where its time went (not its content).
      const timings: string[] = [];
      const timing = (phase: string, ms: number) => {
        timings.push(`${phase};dur=${ms.toFixed(2)}`);
        if (!res?.headersSent) res?.setHeader('server-timing', timings.join(', '));
      };
      return createApiContext(services, actor, request.headers.get(CORRELATION_HEADER) ?? randomUUID(), () => options.authenticate(request), timing);
    },
  });

  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', options.trustProxy ? 1 : false);
  const logRequests = logger.isLevelEnabled('info');
  app.use((req, res, next) => {
    const started = process.hrtime.bigint();
    // Taken now: a router mounted under a prefix (the exports) shortens req.path while it answers.
    const path = req.path;
    // One id for the request's log line and its events' metadata; a client's own id is not trusted.
    const correlationId = randomUUID();
    req.headers[CORRELATION_HEADER] = correlationId;
    res.setHeader(CORRELATION_HEADER, correlationId);
    // No listener per request when its line would not be written (LOG_LEVEL above info).
    if (logRequests) res.on('finish', () => {
      // Method, path and status only: bodies and query strings may carry personal data.
      logger.info(
        { method: req.method, path, status: res.statusCode, ms: Number(process.hrtime.bigint() - started) / 1e6, correlationId },
        'request',
      );
    });
    next();
  });
  // A body declared larger than any route takes is refused before it is read, whatever the path.
  app.use(limitEveryBody(limits.bodyBytes)[0]!);
  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', (_req, res) => {
    const ready = options.ready();
    const rebuilding = options.rebuilding?.();
    res.status(ready ? 200 : 503).json({ status: ready ? 'ready' : 'not ready', viewsPosition: services.runner.position().toString(), ...(rebuilding ? { rebuilding } : {}) });
  });
  const metrics = options.metrics;
  if (metrics) {
    // Counts and codes only, no personal data: for the monitoring network, not the public (README).
    app.get('/metrics', (_req, res, next) => {
      metrics.text().then(({ contentType, body }) => res.type(contentType).send(body), next);
    });
  }
  // CSV exports, authenticated by the same function as GraphQL.
  // Under one prefix: a GraphQL request does not walk the export routes.
  app.use(
    '/exports',
    exportsConsistency(services.consistency),
    createExportRoutes(services, { authenticate: options.authenticate, logger }),
    createVolunteeringExport(services.read, options.authenticate),
    createServicesExport(services, { authenticate: options.authenticate, logger }),
    createAccessLogExport(services.audit, options.authenticate),
    createProgrammeExport(services.read, options.authenticate),
  );
  app.use(yoga.graphqlEndpoint, refuseOtherSites(options.corsOrigins ?? []));
  // Read here, under the limit, so that an oversized body of any type is refused before GraphQL sees it.
  app.use(yoga.graphqlEndpoint, ...limitEveryBody(limits.bodyBytes));
  app.use(yoga.graphqlEndpoint, yoga as unknown as express.RequestHandler);
  for (const routes of options.routes ?? []) app.use(routes);
  app.use(bodyErrors);
  return app;
}

/** A body that is too large or not JSON gets a GraphQL-shaped answer, not an HTML page. */
const bodyErrors: express.ErrorRequestHandler = (error, _req, res, next) => {
  const type = (error as { type?: string }).type;
  if (type === 'entity.too.large') {
    res.setHeader('connection', 'close');
    res.status(413).json({ errors: [{ message: `the request body is larger than ${limits.bodyBytes} bytes`, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] });
    return;
  }
  if (type === 'entity.parse.failed' || type === 'encoding.unsupported' || type === 'charset.unsupported') {
    res.status(400).json({ errors: [{ message: 'the request body is not valid JSON', extensions: { code: 'BAD_REQUEST' } }] });
    return;
  }
  next(error);
};

/** Listens, and on close stops taking requests and lets those in flight finish. */
export async function listen(app: express.Express, port: number): Promise<{ server: Server; port: number; close: () => Promise<void> }> {
  const server = await new Promise<Server>((resolve, reject) => {
    const s = app.listen(port, (error?: Error) => (error ? reject(error) : resolve(s)));
  });
  const address = server.address();
  return {
    server,
    port: typeof address === 'object' && address ? address.port : port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeIdleConnections();
      }),
  };
}
