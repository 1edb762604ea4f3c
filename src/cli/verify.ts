/**
 * npm run verify: checks DATA_DIR; npm run verify -- --backup FILE checks a backup (BACKUP_KEY)
 * without restoring it. Exit code 0 when all is well, 1 with one line per problem otherwise.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { unpackBackup } from '../backup/restore.js';
import { verifyDataDir } from '../backup/verify.js';
import { argument, backupKeyFromEnv, run } from './backup-cli.js';

run(() => {
  const backup = argument(process.argv, 'backup');
  let folder = resolve(process.env.DATA_DIR || './data');
  let scratch: string | undefined;
  let what = folder;
  if (backup) {
    const key = backupKeyFromEnv();
    scratch = mkdtempSync(join(tmpdir(), 'centre-ledger-verify-'));
    folder = join(scratch, 'data');
    const manifest = unpackBackup(resolve(backup), key, folder);
    what = `the backup ${resolve(backup)} of ${manifest.createdAt}`;
    if (manifest.headPosition === null) {
      rmSync(scratch, { recursive: true, force: true });
      console.log(`${what}: checksums match; its log is in KurrentDB, not in the backup`);
      return 0;
    }
  }
  try {
    const result = verifyDataDir(folder);
    if (result.problems.length > 0) {
      process.stderr.write(`${what} does not verify:\n  ${result.problems.join('\n  ')}\n`);
      return 1;
    }
    console.log(`${what}: ${result.events} events in ${result.streams} streams parse, revisions gapless, ${result.commands} command records match, keys cover ${result.sealedSubjects} people with sealed data`);
    return 0;
  } finally {
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  }
});
