/** A person erased after a backup was taken stays erased when that backup is restored. */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { takeBackup } from '../../src/backup/backup.js';
import { restoreBackup } from '../../src/backup/restore.js';
import { verifyDataDir } from '../../src/backup/verify.js';
import { ERASE, OPEN_CENTRE, PARTICIPANT, REGISTER, serveDataDir } from './support.js';

const root = mkdtempSync(join(tmpdir(), 'centre-ledger-erasure-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const key = randomBytes(32);

describe('erasure and backups', () => {
  it('given a backup holding a person, when they are erased afterwards and the backup is restored, then their names stay erased and the data verifies', async () => {
    const source = join(root, 'source');
    // The erasure list lives apart from DATA_DIR and the backups, as the README tells operators.
    const erasureList = join(root, 'apart', 'erasures.jsonl');
    const server = await serveDataDir(source, { ERASURE_LIST: erasureList });
    const opened = await server.gql(OPEN_CENTRE, { input: { name: 'Tutin Community Centre', municipality: 'Tutin', district: 'Raška' } });
    const input = { centreId: opened.data.openCentre.centre.id, sex: 'MALE', birthYear: 2013, group: 'RETURNEE' };
    const erasedLater = (await server.gql(REGISTER, { input: { ...input, givenName: 'Mirsad', familyName: 'Ramović' } })).data.registerParticipant.participant.id as string;
    const kept = (await server.gql(REGISTER, { input: { ...input, givenName: 'Adnan', familyName: 'Šabotić' } })).data.registerParticipant.participant.id as string;
    await takeBackup({ dataDir: source, key, out: join(root, 'before-erasure.backup') });
    const erased = await server.gql(ERASE, { input: { participantId: erasedLater, reason: 'their request' } });
    expect(erased.data.eraseParticipant.participant.erased).toBe(true);
    await server.close();
    expect(readFileSync(erasureList, 'utf8')).toContain(erasedLater);

    const target = join(root, 'restored');
    const restored = restoreBackup({ from: join(root, 'before-erasure.backup'), key, dataDir: target, erasureList });
    expect(restored.erasedAgain).toBe(1);
    expect(verifyDataDir(target).problems).toEqual([]);
    const again = await serveDataDir(target, { ERASURE_LIST: erasureList });
    try {
      expect((await again.gql(PARTICIPANT, { id: erasedLater })).data.participant).toEqual({ id: erasedLater, givenName: null, familyName: null });
      expect((await again.gql(PARTICIPANT, { id: kept })).data.participant).toEqual({ id: kept, givenName: 'Adnan', familyName: 'Šabotić' });
    } finally {
      await again.close();
    }
  });

  it('given a DATA_DIR restored by copying files without the list applied, when the server starts with the erasure list, then it erases the listed keys itself', async () => {
    const source = join(root, 'copied');
    const erasureList = join(root, 'apart-2', 'erasures.jsonl');
    const server = await serveDataDir(source, { ERASURE_LIST: erasureList });
    const opened = await server.gql(OPEN_CENTRE, { input: { name: 'Sjenica Community Centre', municipality: 'Sjenica', district: 'Raška' } });
    const id = (await server.gql(REGISTER, { input: { centreId: opened.data.openCentre.centre.id, givenName: 'Lejla', familyName: 'Hot', sex: 'FEMALE', birthYear: 2014, group: 'LOCAL' } })).data
      .registerParticipant.participant.id as string;
    await takeBackup({ dataDir: source, key, out: join(root, 'copied.backup') });
    await server.gql(ERASE, { input: { participantId: id, reason: 'end of retention' } });
    await server.close();
    const target = join(root, 'copied-restored');
    // Restored with an empty list (the operator forgot it): the key comes back in keys.db…
    restoreBackup({ from: join(root, 'copied.backup'), key, dataDir: target, erasureList: join(root, 'no-such-list') });

    // …until the server starts with its erasure list.
    const again = await serveDataDir(target, { ERASURE_LIST: erasureList });
    try {
      expect((await again.gql(PARTICIPANT, { id })).data.participant).toEqual({ id, givenName: null, familyName: null });
    } finally {
      await again.close();
    }
  });
});
