/**
 * npm run backup -- --out FILE: an encrypted backup of DATA_DIR (BACKUP_KEY), taken while the
 * server serves. See README, Operating it.
 */
import { resolve } from 'node:path';
import { takeBackup } from '../backup/backup.js';
import { argument, backupKeyFromEnv, run, UsageError } from './backup-cli.js';

run(async () => {
  const out = argument(process.argv, 'out');
  if (!out) throw new UsageError('usage: npm run backup -- --out FILE   (DATA_DIR and BACKUP_KEY from the environment)');
  const key = backupKeyFromEnv();
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const taken = await takeBackup({ dataDir, key, out: resolve(out), ...(process.env.KURRENTDB_CONNECTION_STRING ? { kurrentDb: true } : {}) });
  const { manifest } = taken;
  const log = manifest.headPosition === null ? 'the log is in KurrentDB, not in this backup' : `${manifest.events} events, head position ${manifest.headPosition}`;
  console.log(`backup written to ${resolve(out)} (${taken.bytes} bytes): ${manifest.files.map((file) => file.name).join(', ')}; ${log}`);
  return 0;
});
