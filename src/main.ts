import { openLedger } from './app.js';
import { listen, createHttpApp } from './api/server.js';
import { systemActor } from './auth/actor.js';
import { parseConfig } from './config.js';
import { createLogger } from './logger.js';

/** The composition root: configuration, the ledger, the HTTP API, and a clean shutdown. */
async function main() {
  let config;
  try {
    config = parseConfig();
  } catch (error) {
    console.error(`centre-ledger cannot start: ${(error as Error).message}`);
    process.exit(2);
  }
  const logger = createLogger(config.logLevel);
  let ledger;
  try {
    ledger = await openLedger(config, logger);
  } catch (error) {
    logger.fatal({ err: error }, 'centre-ledger cannot start');
    console.error(`centre-ledger cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const app = createHttpApp(
    {
      commands: ledger.commands,
      read: ledger.read,
      runner: ledger.runner,
      openPersonal: (_subjectId, stored) => (stored as Record<string, unknown>) ?? null,
      readYourWritesTimeoutMs: config.readYourWritesTimeoutMs,
    },
    { logger, production: config.production, authenticate: async () => systemActor, ready: () => true },
  );
  const http = await listen(app, config.port);
  logger.info({ port: http.port, dataDir: config.dataDir, timeZone: config.timeZone, store: ledger.store.name }, 'centre-ledger is listening');
  if (!config.production) console.log(`centre-ledger: open http://localhost:${http.port}/graphql`);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down: no new requests, finishing those in flight');
    const force = setTimeout(() => {
      logger.error('shutdown took too long; exiting');
      process.exit(1);
    }, 10_000);
    force.unref();
    await http.close();
    await ledger.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
