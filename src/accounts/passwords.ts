import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';
import { badInput } from '../domain/shared/errors.js';
import { isCommonPassword } from './common-passwords.js';

/**
 * Password hashing with scrypt (node:crypto), stored as `scrypt$<log2 N>$<r>$<p>$<salt>$<hash>`
 * (salt and hash base64url). The parameters travel with each hash, so they can be raised later and
 * old hashes still verify.
 */

export interface ScryptParameters {
  /** log2 of the CPU/memory cost N. */
  readonly logN: number;
  readonly r: number;
  readonly p: number;
}

/** About 50–100 ms and 32 MiB per hash on a small server: slow to guess, fast enough to sign in. */
export const defaultScryptParameters: ScryptParameters = { logN: 15, r: 8, p: 1 };

const SALT_BYTES = 16;
const HASH_BYTES = 32;
export const MIN_PASSWORD_LENGTH = 10;
/** Long enough for any pass phrase, short enough that hashing it is no denial of service. */
export const MAX_PASSWORD_LENGTH = 256;

function derive(password: string, salt: Buffer, parameters: ScryptParameters): Promise<Buffer> {
  const options: ScryptOptions = {
    N: 2 ** parameters.logN,
    r: parameters.r,
    p: parameters.p,
    maxmem: 256 * 2 ** parameters.logN * parameters.r + 1024 * 1024,
  };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, HASH_BYTES, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function hashPassword(password: string, parameters: ScryptParameters = defaultScryptParameters): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const hash = await derive(password, salt, parameters);
  return ['scrypt', parameters.logN, parameters.r, parameters.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

const STORED = /^scrypt\$(\d{1,2})\$(\d{1,2})\$(\d{1,2})\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Whether the password matches the stored hash; false (never a throw) for a malformed hash. Compared in constant time. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const match = STORED.exec(stored);
  if (!match) return false;
  const parameters = { logN: Number(match[1]), r: Number(match[2]), p: Number(match[3]) };
  if (parameters.logN < 10 || parameters.logN > 20 || parameters.r < 1 || parameters.p < 1 || parameters.r * parameters.p > 64) return false;
  const expected = Buffer.from(match[5]!, 'base64url');
  if (expected.length !== HASH_BYTES) return false;
  const actual = await derive(password, Buffer.from(match[4]!, 'base64url'), parameters);
  return timingSafeEqual(actual, expected);
}

/** A hash of a random password, compared against when the user name is unknown, so a wrong name takes as long as a wrong password. */
export const dummyHashFor = (parameters: ScryptParameters) => hashPassword(randomBytes(18).toString('base64url'), parameters);

/**
 * Why a new password is refused: a message, and a key the web app translates
 * (`extensions.messageKey`, e.g. `password.common`); or null when it is acceptable.
 */
export interface PasswordProblem {
  readonly message: string;
  readonly messageKey: 'password.notText' | 'password.short' | 'password.long' | 'password.username' | 'password.common';
}

export function passwordCheck(password: unknown, username?: string): PasswordProblem | null {
  if (typeof password !== 'string') return { messageKey: 'password.notText', message: 'the password must be text' };
  if ([...password].length < MIN_PASSWORD_LENGTH) return { messageKey: 'password.short', message: `the password must have at least ${MIN_PASSWORD_LENGTH} characters` };
  if (password.length > MAX_PASSWORD_LENGTH) return { messageKey: 'password.long', message: `the password must have at most ${MAX_PASSWORD_LENGTH} characters` };
  if (username !== undefined && password.trim().toLowerCase() === username.trim().toLowerCase()) {
    return { messageKey: 'password.username', message: 'the password must not be the user name' };
  }
  if (isCommonPassword(password)) return { messageKey: 'password.common', message: 'this password is one of the most common ones and easy to guess; choose another' };
  return null;
}

/** Why a new password is refused, as a message; null when it is acceptable. */
export const passwordProblem = (password: unknown, username?: string): string | null => passwordCheck(password, username)?.message ?? null;

/** The error for a refused password: BAD_USER_INPUT on the field, with the key the page translates. */
export const passwordRefused = (field: string, problem: PasswordProblem) => Object.assign(badInput(field, problem.message), { messageKey: problem.messageKey });
