/** What the backup, restore and verify commands share: their arguments and BACKUP_KEY. */
import { parseBackupKey } from '../backup/settings.js';

export class UsageError extends Error {}

/** The value after `--name`, or undefined when the flag is absent. */
export function argument(argv: readonly string[], name: string): string | undefined {
  const index = argv.indexOf(`--${name}`);
  if (index < 0) return undefined;
  const value = argv[index + 1];
  if (value === undefined || value.startsWith('--')) throw new UsageError(`--${name} needs a file`);
  return value;
}

export function backupKeyFromEnv(env: NodeJS.ProcessEnv = process.env): Buffer {
  if (!env.BACKUP_KEY) throw new UsageError('BACKUP_KEY is not set: give the 32-byte backup key as 64 hex characters or base64 (openssl rand -hex 32 makes one)');
  const key = parseBackupKey(env.BACKUP_KEY);
  if (!key) throw new UsageError('BACKUP_KEY must be 32 bytes as 64 hex characters or base64');
  return key;
}

/** Runs a command's main: its message and exit code on failure (2 for a usage error), never a stack. */
export function run(main: () => Promise<number> | number): void {
  Promise.resolve()
    .then(main)
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        process.stderr.write(`${(error as Error).message}\n`);
        process.exitCode = error instanceof UsageError ? 2 : 1;
      },
    );
}
