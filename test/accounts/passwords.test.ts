import { describe, expect, it } from 'vitest';
import { hashPassword, MIN_PASSWORD_LENGTH, passwordProblem, verifyPassword } from '../../src/accounts/passwords.js';

const fast = { logN: 10, r: 8, p: 1 };

describe('password hashing (scrypt)', () => {
  it('stores the parameters, a random salt and the hash, never the password', async () => {
    const hash = await hashPassword('tri ljute paprike', fast);
    expect(hash).toMatch(/^scrypt\$10\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(hash).not.toContain('paprike');
    expect(await hashPassword('tri ljute paprike', fast)).not.toBe(hash);
  });

  it('verifies the right password and refuses a wrong one', async () => {
    const hash = await hashPassword('tri ljute paprike', fast);
    expect(await verifyPassword('tri ljute paprike', hash)).toBe(true);
    expect(await verifyPassword('tri ljute paprike ', hash)).toBe(false);
    expect(await verifyPassword('', hash)).toBe(false);
  });

  it('uses the default cost (N = 2^15) unless told otherwise', async () => {
    expect(await hashPassword('tri ljute paprike')).toMatch(/^scrypt\$15\$8\$1\$/);
  });

  it('treats a composed and a decomposed ć alike (NFC), as phones type either', async () => {
    const hash = await hashPassword('Ljajić-lozinka', fast);
    expect(await verifyPassword('Ljajic\u0301-lozinka', hash)).toBe(true);
  });

  it('answers false, never throws, for a malformed or absurd stored hash', async () => {
    for (const stored of ['', 'plain', 'scrypt$15$8$1$abc', 'scrypt$30$8$1$AAAA$AAAA', 'scrypt$15$8$1$AAAAAAAAAAAAAAAAAAAAAA$short', 'bcrypt$2b$...']) {
      expect(await verifyPassword('anything at all', stored)).toBe(false);
    }
  });

  it('asks for at least 10 characters, not the user name', () => {
    expect(passwordProblem('kratka')).toContain(`${MIN_PASSWORD_LENGTH}`);
    expect(passwordProblem('ana.staff1', 'ana.staff1')).toContain('user name');
    expect(passwordProblem(12345678901)).toContain('text');
    expect(passwordProblem('x'.repeat(300))).toContain('at most');
    expect(passwordProblem('dobra duga lozinka')).toBeNull();
  });
});
