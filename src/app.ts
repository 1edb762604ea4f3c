import type { Logger } from 'pino';
import { allProjections } from '../projections/index.js';
import { createCommands } from './commands/index.js';
import { createLedger } from './commands/ledger.js';
import type { Config } from './config.js';
import { createProjectionRunner } from './projection/runner.js';
import { openViews } from './projection/views.js';
import { createReadModel } from './read/index.js';
import type { EventStore } from './store/port.js';
import { createSqliteEventStore } from './store/sqlite.js';

/** The event store the configuration names: SQLite under DATA_DIR unless a KurrentDB string is set. */
export async function openEventStore(config: Config, logger: Logger): Promise<EventStore> {
  if (config.kurrentDbConnectionString) {
    throw new Error('KURRENTDB_CONNECTION_STRING is set, but this build has no KurrentDB adapter yet');
  }
  logger.debug({ file: config.eventsFile }, 'opening the embedded event log');
  return createSqliteEventStore({ file: config.eventsFile, synchronous: config.synchronous });
}

/** Opens the views for the configured projections; they rebuild themselves when those changed. */
export function openConfiguredViews(config: Config, logger: Logger) {
  return openViews({
    file: config.viewsFile,
    projections: allProjections({ timeZone: config.timeZone }),
    settings: { timeZone: config.timeZone },
    synchronous: config.synchronous,
    onUnknownEvent: (event) => logger.warn({ type: event.type, position: event.position.toString() }, 'skipping an event type this version does not know'),
    onRebuildNeeded: (reason) => logger.info({ reason }, 'rebuilding the views from the log'),
  });
}

/** Everything behind the API: the store, the views kept up to date, the commands and the reads. */
export async function openLedger(config: Config, logger: Logger) {
  const store = await openEventStore(config, logger);
  const views = openConfiguredViews(config, logger);
  const runner = createProjectionRunner({ store, views, logger });
  const read = createReadModel(views.db);
  const ledger = createLedger({ store, timeZone: config.timeZone });
  const commands = createCommands(ledger, {
    isCodeTaken: read.isCodeTaken,
    volunteerOfEntry: (entryId) => read.hoursEntry(entryId)?.volunteerId,
  });
  runner.start();
  return {
    store,
    views,
    runner,
    read,
    ledger,
    commands,
    async close() {
      await runner.stop();
      views.close();
      await store.close();
    },
  };
}

export type OpenLedger = Awaited<ReturnType<typeof openLedger>>;
