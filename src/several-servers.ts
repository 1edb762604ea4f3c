import type { Logger } from 'pino';
import type { Config } from './config.js';
import { readErasures } from './backup/erasures.js';
import { openSharedVault } from './privacy/shared-vault.js';
import { openSideStreams } from './store/kurrentdb-streams.js';

/**
 * With KurrentDB, what several API servers must share besides the log: people's keys
 * (src/privacy/shared-vault.ts) and the web accounts (src/accounts/kurrentdb-accounts.ts).
 * Nothing of it goes to DATA_DIR's keys.db or accounts.db then.
 */
export async function openSharedState(config: Config, logger: Logger) {
  const streams = openSideStreams(config.kurrentDbConnectionString!);
  try {
    const vault = await openSharedVault({ streams, ...(config.dataKey ? { dataKey: config.dataKey } : {}), logger });
    // keys.db kept the keys in a file apart from the log; in KurrentDB they sit in the same data files and backups.
    if (!config.dataKey) logger.warn('people\'s keys are stored in KurrentDB unwrapped: anyone with a copy of its data can read every name; set DATA_KEY on every server');
    // Everyone on this server's erasure list stays erased, also in a KurrentDB restored from an
    // older backup: their key streams are tombstoned again (a no-op for those already tombstoned).
    const listed = readErasures(config.erasureList).filter((subjectId) => !vault.isErased(subjectId));
    for (const subjectId of listed) vault.erase(subjectId);
    if (listed.length > 0) logger.warn({ erasedAgain: listed.length, erasureList: config.erasureList }, "deleted again the key streams of people on the erasure list (KurrentDB held them)");
    return { streams, vault, settled: () => vault.settled() };
  } catch (error) {
    await streams.close();
    throw error;
  }
}
