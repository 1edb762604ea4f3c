/** The server's own backups (BACKUP_DIR, BACKUP_EVERY, BACKUP_KEEP), and verify finding what is wrong. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKUP_NAME } from '../../src/backup/schedule.js';
import { verifyDataDir } from '../../src/backup/verify.js';
import { startChildServer } from '../support/child-server.js';
import { OPEN_CENTRE, REGISTER, runCli, serveDataDir } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'centre-ledger-schedule-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const BACKUP_KEY = randomBytes(32).toString('hex');
const backupsIn = (dir: string) => readdirSync(dir).filter((name) => BACKUP_NAME.test(name)).sort();

describe("the server's own backups", () => {
  it('given BACKUP_EVERY=1s and BACKUP_KEEP=2, when the server runs a while, then it keeps the two newest backups, and they verify', async () => {
    const backupDir = join(root, 'backups');
    const server = await startChildServer({ DATA_DIR: join(root, 'data'), BACKUP_DIR: backupDir, BACKUP_EVERY: '1s', BACKUP_KEEP: '2', BACKUP_KEY });
    try {
      const deadline = Date.now() + 30_000;
      let seen = new Set<string>();
      while (seen.size < 4 && Date.now() < deadline) {
        for (const name of backupsIn(backupDir)) seen.add(name);
        await new Promise((resolve) => setTimeout(resolve, 200));
      }
      expect(seen.size).toBeGreaterThanOrEqual(4);
    } finally {
      await server.stop();
    }
    const kept = backupsIn(backupDir);
    expect(kept).toHaveLength(2);
    const verify = await runCli('verify', ['--backup', join(backupDir, kept[1]!)], { BACKUP_KEY });
    expect(verify.stderr).toBe('');
    expect(verify.code).toBe(0);
  }, 90_000);

  it('given BACKUP_EVERY without a key, when the server starts, then it refuses, naming BACKUP_KEY', async () => {
    await expect(startChildServer({ DATA_DIR: join(root, 'no-key'), BACKUP_DIR: join(root, 'b2'), BACKUP_EVERY: '24h' })).rejects.toThrow(/BACKUP_KEY/);
  }, 60_000);
});

describe('npm run verify', () => {
  it('given a DATA_DIR whose keys lost a person not erased, when it is verified, then it names the person without a key', async () => {
    const dataDir = join(root, 'verify');
    const server = await serveDataDir(dataDir);
    const opened = await server.gql(OPEN_CENTRE, { input: { name: 'Tutin Community Centre', municipality: 'Tutin', district: 'Raška' } });
    const id = (await server.gql(REGISTER, { input: { centreId: opened.data.openCentre.centre.id, givenName: 'Amra', familyName: 'Dazdarević', sex: 'FEMALE', birthYear: 2012, group: 'LOCAL' } })).data
      .registerParticipant.participant.id as string;
    await server.close();
    expect(verifyDataDir(dataDir).problems).toEqual([]);

    const keys = new Database(join(dataDir, 'keys.db'));
    keys.prepare('DELETE FROM keys WHERE subject_id = ?').run(id);
    keys.close();

    expect(verifyDataDir(dataDir).problems).toEqual([`no key for ${id}, who has sealed personal data and is not erased`]);
  });

  it('given a log with a gap in a stream, when it is verified, then it names the stream', async () => {
    const dataDir = join(root, 'gap');
    const server = await serveDataDir(dataDir);
    const opened = await server.gql(OPEN_CENTRE, { input: { name: 'Sjenica Community Centre', municipality: 'Sjenica', district: 'Raška' } });
    await server.gql(REGISTER, { input: { centreId: opened.data.openCentre.centre.id, givenName: 'Amra', familyName: 'Hot', sex: 'FEMALE', birthYear: 2012, group: 'LOCAL' } });
    await server.close();
    const log = new Database(join(dataDir, 'events.db'));
    const stream = (log.prepare(`SELECT stream_id FROM events WHERE stream_id LIKE 'participant-%' LIMIT 1`).get() as { stream_id: string }).stream_id;
    log.prepare('UPDATE events SET revision = 5 WHERE stream_id = ?').run(stream);
    log.close();

    expect(verifyDataDir(dataDir).problems).toEqual([`the stream ${stream} has a gap in its revisions (1 events, revisions 5 to 5)`]);
  });
});
