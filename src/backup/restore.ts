/**
 * Restores a backup into an empty DATA_DIR: opens it (key check, authentication, checksums),
 * writes its files into a scratch folder beside DATA_DIR, erases again everyone on the erasure
 * list, verifies the result, and only then moves it into place. A refused backup leaves nothing.
 */
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { BackupError, openBackup, type BackupManifest } from './archive.js';
import { applyErasures, readErasures } from './erasures.js';
import { verifyDataDir, type Verification } from './verify.js';

export interface Restored {
  readonly manifest: BackupManifest;
  readonly verification: Verification;
  /** People erased after the backup was taken whose keys it still held. */
  readonly erasedAgain: number;
}

/** Opens a backup into `folder` (which must not exist yet): its files as they were. */
export function unpackBackup(from: string, key: Buffer, folder: string): BackupManifest {
  const { manifest, files } = openBackup(key, readFileSync(from));
  mkdirSync(folder, { recursive: true, mode: 0o700 });
  for (const file of files) writeFileSync(join(folder, file.name), file.content, { mode: 0o600 });
  return manifest;
}

export function restoreBackup(options: { from: string; key: Buffer; dataDir: string; erasureList: string }): Restored {
  const dataDir = resolve(options.dataDir);
  if (existsSync(dataDir) && readdirSync(dataDir).length > 0) {
    throw new BackupError(`${dataDir} is not empty: restore fills an empty DATA_DIR only (move the old one aside first)`);
  }
  mkdirSync(dirname(dataDir), { recursive: true });
  const scratch = join(mkdtempSync(join(dirname(dataDir), '.centre-ledger-restore-')), 'data');
  try {
    const manifest = unpackBackup(options.from, options.key, scratch);
    const erasedAgain = applyErasures(join(scratch, 'keys.db'), readErasures(options.erasureList));
    const verification = manifest.store === 'sqlite' ? verifyDataDir(scratch) : { events: 0, streams: 0, commands: 0, sealedSubjects: 0, problems: [] };
    if (verification.problems.length > 0) throw new BackupError(`the restored data does not verify; nothing was restored:\n  ${verification.problems.join('\n  ')}`);
    if (existsSync(dataDir)) rmdirSync(dataDir);
    renameSync(scratch, dataDir);
    return { manifest, verification, erasedAgain };
  } finally {
    rmSync(dirname(scratch), { recursive: true, force: true });
  }
}
