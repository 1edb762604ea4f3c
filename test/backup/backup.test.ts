/**
 * Backups an operator can restore: taken while the server serves, encrypted, checked, and never
 * bringing back a person erased after them.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { issueLocalToken, loadOrCreateLocalSecret } from '../../src/auth/tokens.js';
import { graphql, startChildServer } from '../support/child-server.js';
import { EVERYTHING, OPEN_CENTRE, REGISTER, runCli, serveDataDir } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'centre-ledger-backup-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const BACKUP_KEY = randomBytes(32).toString('hex');
const given = ['Ajla', 'Đorđe', 'Emina', 'Mirsad', 'Šejla', 'Ćamil', 'Žana', 'Lejla'];

describe('backup and restore', () => {
  it('given a server taking writes, when a backup is taken meanwhile and restored into a fresh folder, then every write acknowledged before it is there with its names; a backup of the quiet server answers the same figures', async () => {
    const source = join(root, 'serving');
    const server = await startChildServer({ DATA_DIR: source });
    try {
      const token = await issueLocalToken(loadOrCreateLocalSecret(source), { role: 'admin', userId: 'backup-test', days: 1 });
      const opened = await graphql(server.origin, token, OPEN_CENTRE, { input: { name: 'Novi Pazar Community Centre', municipality: 'Novi Pazar', district: 'Raška' } });
      const centreId = opened.data.openCentre.centre.id as string;
      const acknowledged: { id: string; givenName: string; familyName: string; at: number }[] = [];
      let writing = true;
      const writer = async (lane: number) => {
        for (let n = 0; writing; n++) {
          const person = { givenName: given[(n + lane) % given.length]!, familyName: `Prezime${lane}x${n}` };
          const answer = await graphql(server.origin, token, REGISTER, { input: { centreId, ...person, sex: 'FEMALE', birthYear: 2015, group: 'LOCAL' } });
          acknowledged.push({ id: answer.data.registerParticipant.participant.id, ...person, at: Date.now() });
        }
      };
      const writers = [writer(1), writer(2)];
      while (acknowledged.length < 10) await new Promise((resolve) => setTimeout(resolve, 50));

      // Every write acknowledged before the backup starts (a copy: the writers keep adding to the list).
      const before = [...acknowledged];
      const backup = await runCli('backup', ['--out', join(root, 'during.backup')], { DATA_DIR: source, BACKUP_KEY });
      while (acknowledged.filter((write) => write.at > Date.now() - 100).length < 2) await new Promise((resolve) => setTimeout(resolve, 50));
      writing = false;
      await Promise.all(writers);
      expect(backup.stderr).toBe('');
      expect(backup.code).toBe(0);

      const restoredDir = join(root, 'restored-during');
      const restore = await runCli('restore', ['--from', join(root, 'during.backup'), '--erasures', join(source, 'erasures.jsonl')], { DATA_DIR: restoredDir, BACKUP_KEY });
      expect(restore.code).toBe(0);
      expect(restore.stdout).toContain('verified');
      const restored = await serveDataDir(restoredDir);
      try {
        const answer = await restored.gql(EVERYTHING);
        const names = new Map((answer.data.centres[0].participants as { id: string; givenName: string; familyName: string }[]).map((p) => [p.id, p]));
        expect(before.length).toBeGreaterThanOrEqual(10);
        for (const write of before) expect(names.get(write.id)).toMatchObject({ givenName: write.givenName, familyName: write.familyName });
        // Nothing the server never stored: every restored participant was acknowledged.
        for (const id of names.keys()) expect(acknowledged.map((write) => write.id)).toContain(id);
      } finally {
        await restored.close();
      }

      // Quiet: the restored server answers exactly what the serving one does.
      expect((await runCli('backup', ['--out', join(root, 'quiet.backup')], { DATA_DIR: source, BACKUP_KEY })).code).toBe(0);
      const quietDir = join(root, 'restored-quiet');
      expect((await runCli('restore', ['--from', join(root, 'quiet.backup')], { DATA_DIR: quietDir, BACKUP_KEY, ERASURE_LIST: join(source, 'erasures.jsonl') })).code).toBe(0);
      const quiet = await serveDataDir(quietDir);
      try {
        const original = await graphql(server.origin, token, EVERYTHING);
        expect(original.data.centres[0].participants).toHaveLength(acknowledged.length);
        expect(await quiet.gql(EVERYTHING)).toEqual(original);
      } finally {
        await quiet.close();
      }
      expect((await runCli('verify', [], { DATA_DIR: quietDir })).code).toBe(0);
    } finally {
      await server.stop();
    }
  }, 180_000);

  it('given a backup altered by one byte, when it is restored or verified, then both refuse it and the folder stays empty', async () => {
    const source = join(root, 'tamper-source');
    const server = await serveDataDir(source);
    const opened = await server.gql(OPEN_CENTRE, { input: { name: 'Tutin Community Centre', municipality: 'Tutin', district: 'Raška' } });
    await server.gql(REGISTER, { input: { centreId: opened.data.openCentre.centre.id, givenName: 'Ajla', familyName: 'Kurtović', sex: 'FEMALE', birthYear: 2016, group: 'RETURNEE' } });
    const file = join(root, 'tampered.backup');
    expect((await runCli('backup', ['--out', file], { DATA_DIR: source, BACKUP_KEY })).code).toBe(0);
    await server.close();
    expect((await runCli('verify', ['--backup', file], { BACKUP_KEY })).code).toBe(0);
    const bytes = readFileSync(file);
    bytes[bytes.length - 40]! ^= 0x01;
    writeFileSync(file, bytes);

    const restore = await runCli('restore', ['--from', file], { DATA_DIR: join(root, 'tamper-target'), BACKUP_KEY });
    const verify = await runCli('verify', ['--backup', file], { BACKUP_KEY });

    expect(restore.code).toBe(1);
    expect(restore.stderr).toContain('altered');
    expect(verify.code).toBe(1);
    expect(verify.stderr).toContain('altered');
    expect(existsSync(join(root, 'tamper-target')) ? readdirSync(join(root, 'tamper-target')) : []).toEqual([]);
  }, 120_000);

  it('given a backup, when it is restored with another BACKUP_KEY or none, then it is refused with a message saying so', async () => {
    const source = join(root, 'key-source');
    const server = await serveDataDir(source);
    await server.gql(OPEN_CENTRE, { input: { name: 'Sjenica Community Centre', municipality: 'Sjenica', district: 'Raška' } });
    await server.close();
    const file = join(root, 'key.backup');
    expect((await runCli('backup', ['--out', file], { DATA_DIR: source, BACKUP_KEY })).code).toBe(0);

    const wrong = await runCli('restore', ['--from', file], { DATA_DIR: join(root, 'key-target'), BACKUP_KEY: randomBytes(32).toString('base64') });
    const none = await runCli('restore', ['--from', file], { DATA_DIR: join(root, 'key-target') });

    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('BACKUP_KEY is not the key this backup was made with');
    expect(none.code).toBe(2);
    expect(none.stderr).toContain('BACKUP_KEY is not set');
    expect(readFileSync(file).includes(Buffer.from('Sjenica'))).toBe(false);
  }, 120_000);
});
