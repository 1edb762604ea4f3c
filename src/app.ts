import { openAuditTrail } from './audit/trail.js';
import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { openAccounts } from './accounts/accounts.js';
import { sessionOrBearer } from './accounts/authenticate.js';
import { openProviderSessions } from './accounts/provider-sessions.js';
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
import { openConfiguredViews, openEventStore } from './stores.js';
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

/**
 * Everything behind the API: the store, the views kept up to date, the commands and the reads.
 * `viewsThread`: apply events to the views on a thread of their own (the server's default,
 * VIEWS_THREAD); in-process tools and tests keep everything on the calling thread.
 */
export async function openLedger(config: Config, logger: Logger, options: { viewsThread?: boolean } = {}) {
  secureDataDir(config.dataDir);
  // Everyone erased stays erased, also after a backup taken before their erasure was restored.
  const erasedAgain = applyErasures(join(config.dataDir, 'keys.db'), readErasures(config.erasureList));
  if (erasedAgain > 0) logger.warn({ erasedAgain, erasureList: config.erasureList }, 'erased again the keys of people on the erasure list (a restored backup held them)');
  const vault = createVault({ dataDir: config.dataDir, ...(config.dataKey ? { dataKey: config.dataKey } : {}) });
  // METRICS=true: the store counts its failures and the appends waiting for it (src/metrics).
  const metrics = config.metrics ? createLedgerMetrics() : undefined;
  const openedStore = await openEventStore(config, logger, metrics ? { onReconnect: metrics.reconnected } : {});
  const store = metrics ? metrics.watchStore(openedStore) : openedStore;
  // Who read whose personal data: apart from the event log, kept as long as it.
  const audit = openAuditTrail({ dataDir: config.dataDir });
  // The server keeps up to 20,000 parsed documents (the default) but no more than 16 MiB of them
  // as JSON (about 32 MiB parsed): documents grow with the log, and a bound by count alone let the
  // cache grow with them for as long as the server ran.
  const documentCache = { cachedDocumentBytes: 16 * 2 ** 20 };
  // With threads, this connection only reads the views; the views' thread writes them.
  const views = openConfiguredViews(config, logger, options.viewsThread ? { cachedDocuments: 0 } : documentCache);
  const runner = options.viewsThread
    ? createThreadedProjectionRunner({ config, views, logger, logLevel: config.logLevel, ...documentCache, ...(metrics ? { onReconnect: metrics.reconnected } : {}) })
    : createProjectionRunner({ store, views, logger });
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
  // The web app's user accounts (accounts.db); none when an identity provider signs people in.
  const accounts = config.authEnvironment.AUTH_JWKS_URL
    ? undefined
    : openAccounts({
        dataDir: config.dataDir,
        exists: { centre: (id) => read.centre(id) != null, volunteer: (id) => read.volunteer(id) != null },
        // Which limit, never the name nor the address.
        onLimitReached: (limit) => logger.warn({ limit }, 'failed sign-ins reached a limit; further attempts are refused for a while'),
      });
  // Sessions of people signed in through the identity provider (AUTH_OIDC_ISSUER, which needs AUTH_JWKS_URL).
  const providerSessions = config.oidc ? openProviderSessions({ dataDir: config.dataDir, sessionMaxMs: config.oidc.sessionMaxMs }) : undefined;
  metrics?.follow({ headPosition: () => store.headPosition(), viewsPosition: () => runner.position() });
  runner.start();
  await runner.waitFor(await store.headPosition(), 60_000);
  // Anything opened above before the umask applied (or by a thread) is private too.
  tightenFiles(config.dataDir);
  // An erasure recorded just before a crash may not have shredded its key yet.
  const listed = new Set(readErasures(config.erasureList));
  for (const participantId of read.erasedParticipantIds()) {
    if (!listed.has(participantId)) recordErasure(config.erasureList, participantId);
    vault.erase(participantId);
  }
  // The index of folded names is built now, so the first registration does not wait for it.
  names.size();
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
      vault.close();
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
