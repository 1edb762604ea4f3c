import type { Logger } from 'pino';
import { allProjections } from '../projections/index.js';
import type { Config } from './config.js';
import { streamCategories } from './domain/catalogue.js';
import { openViews } from './projection/views.js';
import { checkConnection, createKurrentDbEventStore, redactConnectionString } from './store/kurrentdb.js';
import type { EventStore } from './store/port.js';
import { createSqliteEventStore, type SqliteEventStoreOptions } from './store/sqlite.js';

/** What opening the store and the views needs of the configuration (the views' thread gets only this). */
export type StoreConfig = Pick<Config, 'eventsFile' | 'viewsFile' | 'timeZone' | 'synchronous' | 'kurrentDbConnectionString'>;

/** The event store the configuration names: SQLite under DATA_DIR unless a KurrentDB string is set. */
export async function openEventStore(
  config: StoreConfig,
  logger: Logger,
  options: Pick<SqliteEventStoreOptions, 'appendedElsewhere' | 'durablePosition'> & { /** KurrentDB: told at each resubscription (metrics). */ onReconnect?: () => void } = {},
): Promise<EventStore> {
  if (config.kurrentDbConnectionString) {
    // Fails within seconds, naming the server without its password, rather than hanging.
    await checkConnection(config.kurrentDbConnectionString, 5_000);
    logger.info({ server: redactConnectionString(config.kurrentDbConnectionString) }, 'using KurrentDB as the event store');
    return createKurrentDbEventStore({ connectionString: config.kurrentDbConnectionString, categories: streamCategories, logger, ...(options.onReconnect ? { onReconnect: options.onReconnect } : {}) });
  }
  logger.debug({ file: config.eventsFile }, 'opening the embedded event log');
  return createSqliteEventStore({
    ...(options.appendedElsewhere ? { appendedElsewhere: options.appendedElsewhere } : {}),
    ...(options.durablePosition ? { durablePosition: options.durablePosition } : {}),
    file: config.eventsFile,
    synchronous: config.synchronous,
  });
}

/** Which log the views follow: positions of one log mean nothing in another. */
const logOf = (config: StoreConfig) => (config.kurrentDbConnectionString ? `kurrentdb:${redactConnectionString(config.kurrentDbConnectionString)}` : 'sqlite');

/** Opens the views for the configured projections; they rebuild themselves when those or the log changed. */
export function openConfiguredViews(config: StoreConfig, logger: Logger, tuning: { cachedDocuments?: number; cachedDocumentBytes?: number } = {}) {
  return openViews({
    ...tuning,
    source: logOf(config),
    file: config.viewsFile,
    projections: allProjections({ timeZone: config.timeZone }),
    settings: { timeZone: config.timeZone },
    // The views are derived from the log and hold their checkpoint in the same transaction: a
    // power cut can only take them back to an earlier consistent checkpoint, from which the runner
    // replays the log. So their commits skip the fsync that the log's acknowledged writes need.
    synchronous: 'NORMAL',
    onUnknownEvent: (event) => logger.warn({ type: event.type, position: event.position.toString() }, 'skipping an event type this version does not know'),
    onRebuildNeeded: (reason) => logger.info({ reason }, 'rebuilding the views from the log'),
  });
}
