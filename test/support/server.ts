import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Logger } from 'pino';
import { listen } from '../../src/api/server.js';
import { createLedgerHttpApp, openLedger, type OpenLedger } from '../../src/app.js';
import { issueLocalToken, loadOrCreateLocalSecret, type LocalTokenRequest } from '../../src/auth/tokens.js';
import { parseConfig, type Config } from '../../src/config.js';
import { createLogger } from '../../src/logger.js';
import type { Operation } from './operations.js';

/** A GraphQL error as it arrives over HTTP. */
export interface GqlError {
  readonly message: string;
  readonly path?: readonly (string | number)[];
  readonly extensions?: { readonly code?: string; readonly field?: string; readonly [key: string]: unknown };
}

export interface GqlBody<D = any> {
  readonly data?: D | null;
  readonly errors?: readonly GqlError[];
}

export interface GqlResponse<D = any> {
  readonly status: number;
  readonly body: GqlBody<D>;
}

export interface GqlOptions {
  /** Sent as `Authorization: Bearer <token>` instead of the server's default (admin) token; null sends none. */
  readonly token?: string | null;
  /** For a plain query string holding several operations. */
  readonly operationName?: string;
  readonly headers?: Record<string, string>;
}

export interface ServerOptions {
  /** Extra environment for parseConfig (TZ, READ_YOUR_WRITES_TIMEOUT_MS, NODE_ENV, AUTH_SECRET...). */
  readonly env?: Record<string, string>;
  /** The token every request sends unless told otherwise; by default a local admin token. null sends none. */
  readonly token?: string | null;
  /** Where the server's log goes, at `logLevel` (default: no log at all). */
  readonly log?: { readonly level: string; write(line: string): void };
  /** The accounts' clock (sessions, sign-in limits), for tests that move time instead of waiting. */
  readonly accountsClock?: () => number;
}

/** What a local token names: a role and, where it needs them, centres or a volunteer. */
export type TokenRequest = Pick<LocalTokenRequest, 'role'> & Partial<Omit<LocalTokenRequest, 'role'>>;

export interface TestServer {
  /** The GraphQL endpoint, e.g. http://127.0.0.1:54321/graphql; the port changes on restart, so read it after. */
  readonly url: string;
  /** The server's origin, e.g. http://127.0.0.1:54321. */
  readonly origin: string;
  readonly dataDir: string;
  readonly config: Config;
  /** The running ledger (store, views, runner, read model): for white-box checks only. */
  readonly ledger: OpenLedger;
  /** The token requests send by default (a local admin's unless `token` was given). */
  readonly token: string | null;
  /** Signs a token with this deployment's local secret, as `npm run token` does. */
  tokenFor(request: TokenRequest): Promise<string>;
  /** Posts a document: a contract Operation (whole document + operationName) or a query string. */
  gql<D = any>(query: string | Operation, variables?: Record<string, unknown>, options?: GqlOptions): Promise<GqlResponse<D>>;
  /** Rows in DATA_DIR/events.db, read through a separate read-only connection. */
  eventCount(): number;
  /** Closes HTTP and the ledger, runs `whileStopped` (e.g. to delete views.db), opens both again on the same DATA_DIR. */
  restart(options?: { whileStopped?: () => void | Promise<void> }): Promise<void>;
  /** Closes everything and deletes DATA_DIR. */
  close(): Promise<void>;
}

/** The HTTP app for tests: the same composition as src/main.ts. */
export const createTestHttpApp = createLedgerHttpApp;

/** Starts the real ledger and HTTP API in-process on port 0 with a fresh temporary DATA_DIR. */
export async function startServer(options: ServerOptions = {}): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'centre-ledger-api-'));
  // With KURRENTDB_CONNECTION_STRING set, every API test runs against that KurrentDB.
  const kurrentdb = process.env.KURRENTDB_CONNECTION_STRING ? { KURRENTDB_CONNECTION_STRING: process.env.KURRENTDB_CONNECTION_STRING } : {};
  const config = parseConfig({ TZ: 'Europe/Belgrade', ...kurrentdb, ...options.env, DATA_DIR: dataDir, LOG_LEVEL: options.log?.level ?? 'silent', PORT: '0' });
  const logger = createLogger(config.logLevel, options.log);
  const tokenFor = async (request: TokenRequest) =>
    issueLocalToken(loadOrCreateLocalSecret(config.dataDir, config.authEnvironment.AUTH_SECRET), {
      userId: `test-${request.role}`,
      days: 1,
      ...request,
    });

  let ledger: OpenLedger | undefined;
  let http: Awaited<ReturnType<typeof listen>> | undefined;
  let port = 0;

  async function open() {
    ledger = await openLedger(config, logger, options.accountsClock ? { accountsClock: options.accountsClock } : {});
    const app = createTestHttpApp(ledger, config, logger);
    // A new port on every start: fetch keeps connections alive per origin, and a pooled socket
    // to the previous server on the same port would fail the first request after a restart.
    http = await listen(app, 0);
    port = http.port;
  }

  async function stop() {
    const [h, l] = [http, ledger];
    http = undefined;
    ledger = undefined;
    if (h) await h.close();
    if (l) await l.close();
  }

  let defaultToken: string | null;
  try {
    defaultToken = options.token === undefined ? await tokenFor({ role: 'admin' }) : options.token;
    await open();
  } catch (error) {
    await stop().catch(() => undefined);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }

  const origin = () => `http://127.0.0.1:${port}`;

  return {
    get url() {
      return `${origin()}/graphql`;
    },
    get origin() {
      return origin();
    },
    dataDir,
    config,
    token: defaultToken,
    tokenFor,
    get ledger() {
      if (!ledger) throw new Error('the test server is stopped');
      return ledger;
    },

    async gql(query, variables = {}, gqlOptions = {}) {
      const document = typeof query === 'string' ? query : query.document;
      const operationName = typeof query === 'string' ? gqlOptions.operationName : query.operationName;
      const token = gqlOptions.token === undefined ? defaultToken : gqlOptions.token;
      const response = await fetch(`${origin()}/graphql`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          accept: 'application/graphql-response+json, application/json',
          ...(token ? { authorization: `Bearer ${token}` } : {}),
          ...gqlOptions.headers,
        },
        body: JSON.stringify({ query: document, variables, ...(operationName ? { operationName } : {}) }),
      });
      const text = await response.text();
      let body: GqlBody;
      try {
        body = JSON.parse(text) as GqlBody;
      } catch {
        throw new Error(`the server answered ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
      }
      return { status: response.status, body };
    },

    eventCount() {
      // A shared KurrentDB holds other tests' events too: count what this server's views have read.
      if (config.kurrentDbConnectionString) return ledger ? ledger.views.eventsRead() : 0;
      const file = join(dataDir, 'events.db');
      if (!existsSync(file)) return 0;
      const db = new Database(file, { readonly: true, fileMustExist: true });
      try {
        return (db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
      } finally {
        db.close();
      }
    },

    async restart(restartOptions = {}) {
      await stop();
      await restartOptions.whileStopped?.();
      await open();
    },

    async close() {
      try {
        await stop();
      } finally {
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
