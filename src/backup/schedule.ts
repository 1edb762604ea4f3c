/**
 * The server's own backups (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP): one every BACKUP_EVERY into
 * BACKUP_DIR as centre-ledger-<instant>.backup, keeping the newest BACKUP_KEEP.
 */
import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Logger } from 'pino';
import { takeBackup } from './backup.js';

export const BACKUP_NAME = /^centre-ledger-\d{8}T\d{6}(\d{3})?Z\.backup$/;

export interface BackupSchedule {
  readonly dir: string;
  readonly everyMs: number;
  readonly keep: number;
  readonly key: Buffer;
}

export function scheduleBackups(settings: BackupSchedule, dataDir: string, logger: Logger, options: { kurrentDb?: boolean } = {}) {
  mkdirSync(settings.dir, { recursive: true, mode: 0o700 });
  let running: Promise<void> | undefined;
  const once = async () => {
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace('.', '');
    const out = join(settings.dir, `centre-ledger-${stamp}.backup`);
    try {
      const taken = await takeBackup({ dataDir, key: settings.key, out, ...(options.kurrentDb ? { kurrentDb: true } : {}) });
      logger.info({ file: out, bytes: taken.bytes, headPosition: taken.manifest.headPosition }, 'backup taken');
      const backups = readdirSync(settings.dir).filter((name) => BACKUP_NAME.test(name)).sort();
      for (const old of backups.slice(0, Math.max(0, backups.length - settings.keep))) rmSync(join(settings.dir, old), { force: true });
    } catch (error) {
      logger.error({ err: error, dir: settings.dir }, 'the backup failed; the next one is tried at the next interval');
    }
  };
  const timer = setInterval(() => {
    running ??= once().finally(() => (running = undefined));
  }, settings.everyMs);
  timer.unref();
  return {
    /** Stops the schedule and waits for a backup under way. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
