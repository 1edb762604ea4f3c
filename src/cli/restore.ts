/**
 * npm run restore -- --from FILE [--erasures LIST]: fills an empty DATA_DIR from a backup, checks
 * it, and erases again everyone on the erasure list (ERASURE_LIST, else BACKUP_DIR's, else
 * DATA_DIR's erasures.jsonl). Start the server afterwards; it rebuilds the views from the log.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { erasureListPath } from '../backup/erasures.js';
import { restoreBackup } from '../backup/restore.js';
import { argument, backupKeyFromEnv, run, UsageError } from './backup-cli.js';

run(() => {
  const from = argument(process.argv, 'from');
  if (!from) throw new UsageError('usage: npm run restore -- --from FILE [--erasures LIST]   (DATA_DIR, BACKUP_KEY from the environment)');
  const key = backupKeyFromEnv();
  const dataDir = resolve(process.env.DATA_DIR || './data');
  const erasureList = resolve(argument(process.argv, 'erasures') ?? erasureListPath(process.env, dataDir));
  if (!existsSync(erasureList)) {
    process.stderr.write(
      `warning: no erasure list at ${erasureList}: anyone erased after this backup was taken would come back. Give it with --erasures or ERASURE_LIST.\n`,
    );
  }
  const restored = restoreBackup({ from: resolve(from), key, dataDir, erasureList });
  const { manifest, verification } = restored;
  console.log(`restored the backup of ${manifest.createdAt} into ${dataDir}: ${manifest.files.map((file) => file.name).join(', ')}`);
  if (manifest.headPosition !== null) console.log(`  ${verification.events} events up to position ${manifest.headPosition}, ${verification.commands} command records; verified`);
  else console.log('  the log is in KurrentDB: restore it from KurrentDB\'s own backup of the same time (README, Operating it)');
  console.log(`  ${restored.erasedAgain} people erased after the backup were erased again`);
  return 0;
});
