/**
 * The backup file: a clear header (format and a key check), then one AES-256-GCM box holding the
 * gzipped manifest and files. The key check tells a wrong BACKUP_KEY apart from a file that was
 * altered: both fail the box, but only a wrong key fails the check.
 *
 *   centre-ledger backup 1\n
 *   {"keyCheck":"…","salt":"…"}\n
 *   IV (12 bytes) ‖ tag (16) ‖ ciphertext of gzip( manifest JSON \n ‖ file bytes in manifest order )
 */
import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';

const MAGIC = 'centre-ledger backup 1\n';
const IV_BYTES = 12;
const TAG_BYTES = 16;

export const BackupManifest = z.object({
  format: z.literal(1),
  createdAt: z.string(),
  /** Where the log lives: in the backup (sqlite) or in KurrentDB, backed up by its own means. */
  store: z.enum(['sqlite', 'kurrentdb']),
  /** The log's head position in the backup, as digits; null when the log is not in it. */
  headPosition: z.string().regex(/^\d+$/).nullable(),
  events: z.number().int().nonnegative().nullable(),
  files: z.array(z.object({ name: z.string().regex(/^[A-Za-z0-9._-]+$/), bytes: z.number().int().nonnegative(), sha256: z.string().regex(/^[0-9a-f]{64}$/) })),
});
export type BackupManifest = z.infer<typeof BackupManifest>;

export interface BackupFile {
  readonly name: string;
  readonly content: Buffer;
}

/** A backup that cannot be read: the message says what an operator does about it. */
export class BackupError extends Error {}

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

const keyCheck = (key: Buffer, salt: Buffer) => createHmac('sha256', key).update('centre-ledger backup key check').update(salt).digest();

export function sealBackup(key: Buffer, manifest: BackupManifest, files: readonly BackupFile[]): Buffer {
  const payload = gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify(manifest)}\n`, 'utf8'), ...files.map((file) => file.content)]));
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(MAGIC, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(payload), cipher.final()]);
  const salt = randomBytes(16);
  const header = `${JSON.stringify({ keyCheck: keyCheck(key, salt).toString('base64'), salt: salt.toString('base64') })}\n`;
  return Buffer.concat([Buffer.from(MAGIC + header, 'utf8'), iv, cipher.getAuthTag(), ciphertext]);
}

/** Opens a backup and checks every file against its checksum; throws a BackupError saying what is wrong. */
export function openBackup(key: Buffer, sealed: Buffer): { manifest: BackupManifest; files: BackupFile[] } {
  if (!sealed.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC, 'utf8'))) throw new BackupError('this file is not a centre-ledger backup');
  const headerEnd = sealed.indexOf(0x0a, MAGIC.length);
  let header: { keyCheck: string; salt: string };
  try {
    header = JSON.parse(sealed.subarray(MAGIC.length, headerEnd).toString('utf8'));
  } catch {
    throw new BackupError('the backup is damaged or was altered: its header cannot be read');
  }
  const expected = Buffer.from(header.keyCheck ?? '', 'base64');
  const actual = keyCheck(key, Buffer.from(header.salt ?? '', 'base64'));
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) {
    throw new BackupError('BACKUP_KEY is not the key this backup was made with (or its header was altered); nothing was read');
  }
  const box = sealed.subarray(headerEnd + 1);
  let payload: Buffer;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, box.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(MAGIC, 'utf8'));
    decipher.setAuthTag(box.subarray(IV_BYTES, IV_BYTES + TAG_BYTES));
    payload = gunzipSync(Buffer.concat([decipher.update(box.subarray(IV_BYTES + TAG_BYTES)), decipher.final()]));
  } catch {
    throw new BackupError('the backup is damaged or was altered: its contents fail authentication; nothing was restored');
  }
  const manifestEnd = payload.indexOf(0x0a);
  const manifest = BackupManifest.parse(JSON.parse(payload.subarray(0, manifestEnd).toString('utf8')));
  let offset = manifestEnd + 1;
  const files = manifest.files.map((entry) => {
    const content = payload.subarray(offset, offset + entry.bytes);
    offset += entry.bytes;
    if (content.length !== entry.bytes || sha256(content) !== entry.sha256) throw new BackupError(`the backup's ${entry.name} does not match its checksum; nothing was restored`);
    return { name: entry.name, content };
  });
  if (offset !== payload.length) throw new BackupError('the backup holds more than its manifest lists; nothing was restored');
  return { manifest, files };
}
