import { dictionary } from '@zxcvbn-ts/language-common';

/**
 * Passwords people pick most often (zxcvbn-ts's list of about 49,000, maintained upstream), plus
 * the keyboard runs and repeats that a 10-character minimum invites. Compared case-insensitively,
 * after trimming, so `Password123` is as common as `password123`.
 */
let common: Set<string> | undefined;

const RUNS = ['1234567890', '0987654321', '12345678910', 'qwertyuiop', 'asdfghjkl', 'zxcvbnm', 'qwertzuiop', 'abcdefghij'];

export function isCommonPassword(password: string): boolean {
  common ??= new Set([...(dictionary['passwords-common'] as string[]).map((one) => one.toLowerCase()), ...RUNS]);
  const folded = password.trim().toLowerCase();
  if (common.has(folded)) return true;
  // One character repeated, or a common password with digits or ! added to reach the length.
  if (/^(.)\1*$/u.test(folded)) return true;
  const stem = folded.replace(/[\d!.?]+$/, '');
  return stem.length >= 4 && stem !== folded && common.has(stem) && stem.length + 4 >= folded.length;
}
