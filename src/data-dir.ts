import { chmodSync, mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * DATA_DIR holds the log, the views, the keys, the sign-in secret and the accounts: a folder only
 * the server's user may enter (0700), and files only it may read (0600), whatever the umask of the
 * shell that started it. New files get 0600 from the umask set here; SQLite gives a database's
 * -wal and -shm files the database file's own mode; files from before these rules are tightened.
 */
export function secureDataDir(dataDir: string): void {
  mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  chmodSync(dataDir, 0o700);
  try {
    process.umask(0o077);
  } catch {
    // A worker thread may not set the umask; the main thread has, and the chmods below still hold.
  }
  tightenFiles(dataDir);
}

/** Every file under the folder 0600 and every folder 0700 (the data folder is small and flat). */
export function tightenFiles(dir: string): void {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      chmodSync(path, 0o700);
      tightenFiles(path);
    } else if (entry.isFile() && (statSync(path).mode & 0o077) !== 0) {
      chmodSync(path, 0o600);
    }
  }
}
