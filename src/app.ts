import { openAuditTrail } from './audit/trail.js';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { openAccounts, type AccountStore } from './accounts/accounts.js';
import { openSharedAccounts } from './accounts/kurrentdb-accounts.js';
import { keysBeforeEvents } from './privacy/shared-vault.js';
import { openSharedState } from './several-servers.js';
import { sessionOrBearer } from './accounts/authenticate.js';
import { openProviderSessions, type ProviderSessionStore } from './accounts/provider-sessions.js';
import { openSharedProviderSessions } from './accounts/kurrentdb-provider-sessions.js';
import { createHttpApp } from './api/server.js';
import { createImportRoutes } from './api/imports.js';
import { webRoutes, webSettingsFromEnv } from './api/web.js';
import { createOidcClient } from './auth/oidc.js';
import { claimNamesFromEnv, createTokenVerifier, tokenVerifierConfigFromEnv } from './auth/tokens.js';
import { loadOrCreateLocalSecret } from './auth/tokens.js';
import type { ProtectPersonal } from './commands/ledger.js';
import { createVault, type Vault } from './privacy/vault.js';
import { createCommands } from './commands/index.js';
import { createLedger } from './commands/ledger.js';
import type { Config } from './config.js';
import { createProjectionRunner } from './projection/runner.js';
import { createThreadedProjectionRunner } from './projection/threaded-runner.js';
import { requestViewRebuilds } from './projection/rebuild-request.js';
import { allProjections } from '../projections/index.js';
import { openConfiguredViews, openEventStore } from './stores.js';
import { isViewBeingBuilt } from './projection/views.js';
import { createReadModel } from './read/index.js';
import { createLedgerMetrics } from './metrics/metrics.js';
import { applyErasures, readErasures, recordErasure } from './backup/erasures.js';
import { join } from 'node:path';
import { secureDataDir, tightenFiles } from './data-dir.js';
import { createNameIndex } from './people/name-index.js';
import { LIKELY_SAME_PERSON } from './domain/people/matching.js';


/**
 * Seals the `personal` object of an event with the key of the person it is about, before the
 * event reaches the store: the log and the views never hold a name in plain text.
 */
export function sealPersonalData(vault: Vault): ProtectPersonal {
  return (event) => {
    const data = event.data as { personal?: Record<string, unknown> | null; participantId?: string; volunteerId?: string; householdId?: string };
    if (!data || typeof data !== 'object' || data.personal === undefined || data.personal === null) return event;
    const subject = data.participantId ?? data.volunteerId ?? data.householdId;
    if (!subject) throw new Error(`${event.type} has personal data but names no person to seal it for`);
    return { ...event, data: { ...data, personal: vault.seal(subject, data.personal) } };
  };
}

/** A read at start that can wait when its view is being rebuilt with no earlier version. */
function unlessBeingBuilt<T>(read: () => T, meanwhile: T): T {
  try {
    return read();
  } catch (error) {
    if (isViewBeingBuilt(error)) return meanwhile;
    throw error;
  }
}

/**
 * Everything behind the API: the store, the views kept up to date, the commands and the reads.
 * `viewsThread`: apply events to the views on a thread of their own (the server's default,
 * VIEWS_THREAD); in-process tools and tests keep everything on the calling thread.
 */
export interface OpenLedgerOptions {
  readonly viewsThread?: boolean;
  readonly buildBatchEvents?: number;
  /** The accounts' clock (sessions, set-up links, sign-in limits): tests move it instead of sleeping. */
  readonly accountsClock?: () => number;
}

export async function openLedger(config: Config, logger: Logger, options: OpenLedgerOptions = {}) {
  secureDataDir(config.dataDir);
  // Everyone erased stays erased, also after a backup taken before their erasure was restored.
  if (!config.kurrentDbConnectionString) {
    const erasedAgain = applyErasures(join(config.dataDir, 'keys.db'), readErasures(config.erasureList));
    if (erasedAgain > 0) logger.warn({ erasedAgain, erasureList: config.erasureList }, 'erased again the keys of people on the erasure list (a restored backup held them)');
  }
  // METRICS=true: the store counts its failures and the appends waiting for it (src/metrics).
  const metrics = config.metrics ? createLedgerMetrics() : undefined;
  const openedStore = await openEventStore(config, logger, metrics ? { onReconnect: metrics.reconnected } : {});
  // Several servers on one KurrentDB: people's keys and the web accounts live there too (src/several-servers.ts).
  const shared = config.kurrentDbConnectionString ? await openSharedState(config, logger) : undefined;
  const vault: Vault = shared ? shared.vault : createVault({ dataDir: config.dataDir, ...(config.dataKey ? { dataKey: config.dataKey } : {}) });
  const watched = metrics ? metrics.watchStore(openedStore) : openedStore;
  const store = shared ? keysBeforeEvents(watched, shared.vault) : watched;
  // Who read whose personal data: apart from the event log, kept as long as it.
  const audit = openAuditTrail({ dataDir: config.dataDir });
  // The server keeps up to 20,000 parsed documents (the default) but no more than 16 MiB of them
  // as JSON (about 32 MiB parsed): documents grow with the log, and a bound by count alone let the
  // cache grow with them for as long as the server ran.
  const documentCache = { cachedDocumentBytes: 16 * 2 ** 20 };
  // REBUILD_VIEWS: those views get a new version built in the background, once (src/projection/rebuild-request.ts).
  const rebuildRequested = requestViewRebuilds(config.viewsFile, allProjections({ timeZone: config.timeZone }), config.rebuildViews);
  if (rebuildRequested.length > 0) logger.info({ views: rebuildRequested }, 'REBUILD_VIEWS: building new versions of these views in the background');
  // With threads, this connection only reads the views; the views' thread writes them.
  const views = openConfiguredViews(config, logger, options.viewsThread ? { cachedDocuments: 0 } : documentCache);
  const runner = options.viewsThread
    ? createThreadedProjectionRunner({ config, views, logger, logLevel: config.logLevel, store, ...documentCache, gatherMs: config.viewsGatherMs, ...(metrics ? { onReconnect: metrics.reconnected } : {}) })
    : createProjectionRunner({ store, views, logger, ...(options.buildBatchEvents ? { buildBatchEvents: options.buildBatchEvents } : {}) });
  const read = createReadModel(views.db);
  // Folded names in memory only, opened with each person's key (src/people/name-index.ts).
  const names = createNameIndex(views.db, (participantId, sealed) => vault.open(participantId, sealed));
  const ledger = createLedger({
    store,
    timeZone: config.timeZone,
    protect: sealPersonalData(vault),
    fingerprintKey: loadOrCreateLocalSecret(config.dataDir, config.authEnvironment.AUTH_SECRET),
  });
  const commands = createCommands(ledger, {
    isCodeTaken: read.isCodeTaken,
    hoursEntry: read.hoursEntry,
    shredPersonalData: (subjectId) => {
      // On the list first: should the server stop between the two, the next start erases the key.
      recordErasure(config.erasureList, subjectId);
      vault.erase(subjectId);
    },
    likelySame: (person) => names.find(person).filter((match) => match.score >= LIKELY_SAME_PERSON).map((match) => match.participantId),
    keepsOthers: read.merges.keepsOthers,
  });
  // The web app's user accounts (accounts.db, or KurrentDB with several servers); none when an identity provider signs people in.
  const accountsOptions = {
    exists: { centre: (id: string) => read.centre(id) != null, volunteer: (id: string) => read.volunteer(id) != null },
    // Which limit, never the name nor the address.
    onLimitReached: (limit: string) => logger.warn({ limit }, 'failed sign-ins reached a limit; further attempts are refused for a while'),
    ...(options.accountsClock ? { now: options.accountsClock } : {}),
  };
  const accounts: AccountStore | undefined = config.authEnvironment.AUTH_JWKS_URL
    ? undefined
    : shared
      ? openSharedAccounts({ streams: shared.streams, ...accountsOptions })
      : openAccounts({ dataDir: config.dataDir, ...accountsOptions });
  // Sessions of people signed in through the identity provider (AUTH_OIDC_ISSUER, which needs AUTH_JWKS_URL).
  const providerSessions: ProviderSessionStore | undefined = config.oidc
    ? shared
      ? openSharedProviderSessions({ streams: shared.streams, sessionMaxMs: config.oidc.sessionMaxMs })
      : openProviderSessions({ dataDir: config.dataDir, sessionMaxMs: config.oidc.sessionMaxMs })
    : undefined;
  metrics?.follow({ headPosition: () => store.headPosition(), viewsPosition: () => runner.position() });
  runner.start();
  await runner.waitFor(await store.headPosition(), 60_000);
  // Anything opened above before the umask applied (or by a thread) is private too.
  tightenFiles(config.dataDir);
  // An erasure recorded just before a crash may not have shredded its key yet.
  const listed = new Set(readErasures(config.erasureList));
  // While the participants view is rebuilt with no earlier version, the erasure list (applied above) stands for it.
  for (const participantId of unlessBeingBuilt(() => read.erasedParticipantIds(), [])) {
    if (!listed.has(participantId)) recordErasure(config.erasureList, participantId);
    vault.erase(participantId);
  }
  // The index of folded names is built now, so the first registration does not wait for it.
  unlessBeingBuilt(() => names.size(), 0);
  return {
    store,
    views,
    runner,
    read,
    names,
    ledger,
    commands,
    vault,
    audit,
    accounts,
    providerSessions,
    metrics,
    async close() {
      // Attendance is answered before the views apply it (docs/design.md): a clean stop lets them
      // catch up first, bounded, so that stopped views hold every write answered. The next start
      // catches up whatever is left.
      await runner.waitFor(await store.headPosition(), 10_000);
      await runner.stop();
      views.close();
      await store.close();
      await shared?.settled();
      vault.close();
      await shared?.streams.close();
      audit.close();
      accounts?.close();
      providerSessions?.close();
    },
  };
}

export type OpenLedger = Awaited<ReturnType<typeof openLedger>>;

/** The HTTP API over an open ledger: tokens verified as configured, names opened with its vault. */
export function createLedgerHttpApp(ledger: OpenLedger, config: Config, logger: Logger) {
  const verifier = createTokenVerifier(tokenVerifierConfigFromEnv(config.authEnvironment, config.dataDir));
  const web = webSettingsFromEnv(process.env);
  // A valid session cookie (with its CSRF header on a POST) is the session's user; else the bearer token, as before.
  const authenticate = sessionOrBearer(ledger.accounts ?? ledger.providerSessions, verifier);
  const oidc =
    config.oidc && ledger.providerSessions
      ? {
          client: createOidcClient(config.oidc, {
            secret: loadOrCreateLocalSecret(config.dataDir, config.authEnvironment.AUTH_SECRET),
            claimNames: claimNamesFromEnv(config.authEnvironment),
          }),
          sessions: ledger.providerSessions,
        }
      : undefined;
  return createHttpApp(
    {
      commands: ledger.commands,
      read: ledger.read,
      names: ledger.names,
      runner: ledger.runner,
      timeZone: config.timeZone,
      audit: ledger.audit,
      openPersonal: (subjectId, stored) => {
        if (stored == null) return null;
        try {
          return ledger.vault.open(subjectId, stored);
        } catch (error) {
          // A server without this person's key (another server's keys.db, a lost or older one):
          // the field is null with a stable code, the rest of the answer stands. Ids only in the log.
          logger.warn({ subjectId, reason: (error as Error).message }, 'personal data cannot be opened on this server');
          throw new GraphQLError("this server cannot open this person's personal data: it holds no key for them", {
            extensions: { code: 'PERSONAL_DATA_UNAVAILABLE' },
          });
        }
      },
      readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    },
    {
      logger,
      introspection: config.introspection,
      authenticate,
      ready: () => true,
      // Serving meanwhile: from the old versions, or SERVICE_UNAVAILABLE for views that have none.
      rebuilding: () => {
        const build = ledger.views.building();
        return build && { views: build.views, missing: build.missing, position: build.position.toString(), of: ledger.runner.position().toString() };
      },
      trustProxy: web.trustProxy,
      corsOrigins: config.corsOrigins,
      queryTimeoutMs: config.queryTimeoutMs,
      queryMaxCost: config.queryMaxCost,
      routes: [
        createImportRoutes({
          authenticate,
          commands: ledger.commands,
          read: ledger.read,
          names: ledger.names,
          secret: loadOrCreateLocalSecret(config.dataDir, config.authEnvironment.AUTH_SECRET),
          timeZone: config.timeZone,
          prepareKeys: (subjectIds) => ledger.vault.prepareKeys(subjectIds),
          runner: ledger.runner,
          store: ledger.store,
          logger,
          waitMs: config.readYourWritesTimeoutMs,
        }),
        ...webRoutes(ledger.accounts, authenticate, logger, web, oidc),
      ],
      ...(ledger.metrics ? { metrics: ledger.metrics } : {}),
    },
  );
}
