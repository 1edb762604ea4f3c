import { createLedgerHttpApp, openLedger } from './app.js';
import { listen } from './api/server.js';
import { parseConfig } from './config.js';
import { createLogger } from './logger.js';
import { scheduleBackups } from './backup/schedule.js';

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
    ledger = await openLedger(config, logger, { viewsThread: config.viewsThread });
  } catch (error) {
    logger.fatal({ err: error }, 'centre-ledger cannot start');
    console.error(`centre-ledger cannot start: ${(error as Error).message}`);
    process.exit(1);
  }
  const app = createLedgerHttpApp(ledger, config, logger);
  const http = await listen(app, config.port);
  logger.info({ port: http.port, dataDir: config.dataDir, timeZone: config.timeZone, store: ledger.store.name }, 'centre-ledger is listening');
  // The first start (and each start until then): a one-time link for the first admin to set a password. Never a default password.
  const firstAdmin = await ledger.accounts?.bootstrap();
  if (firstAdmin) {
    console.log(`centre-ledger: the admin account "${firstAdmin.user.username}" has no password yet. Open this one-time link to set it`);
    console.log(`  (valid until ${firstAdmin.expiresAt}; on another machine use this server's address):`);
    console.log(`  http://localhost:${http.port}/setup#${firstAdmin.token}`);
  }
  if (config.introspection) {
    console.log(`centre-ledger: open http://localhost:${http.port}/graphql`);
    console.log('  a token for GraphiQL\'s headers: npm run --silent token -- --role admin');
  }

  const backups = config.backups ? scheduleBackups(config.backups, config.dataDir, logger, { kurrentDb: ledger.store.name.startsWith('kurrentdb') }) : undefined;

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
    await backups?.stop();
    await ledger.close();
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}

await main();
