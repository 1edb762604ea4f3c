import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isCommonPassword } from '../../src/accounts/common-passwords.js';
import { startServer, type TestServer } from '../support/server.js';

const GOOD = 'tri mačke na krovu';
let server: TestServer;

const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });

async function linkFor(username: string): Promise<string> {
  const response = await post('/auth/users', { username, role: 'coordinator' }, { authorization: `Bearer ${server.token}` });
  expect(response.status).toBe(201);
  return ((await response.json()) as { token: string }).token;
}

beforeAll(async () => {
  server = await startServer();
});
afterAll(() => server.close());

describe('common passwords', () => {
  it('given the most common passwords and their obvious variants, then each is common; a sentence is not', () => {
    for (const one of ['1234567890', 'password123', 'Password123', 'qwertyuiop', 'iloveyou12', 'aaaaaaaaaaaa', 'sunshine2024']) expect(isCommonPassword(one), one).toBe(true);
    for (const one of [GOOD, 'korektna konjska baterija', 'Zq7#mP2!xw']) expect(isCommonPassword(one), one).toBe(false);
  });

  it('given a one-time link, when the new password is 1234567890, then 400 with a message key the page translates, and the link still works for a good one', async () => {
    const token = await linkFor('vesna.coord');
    for (const password of ['1234567890', 'Password123', 'qwertyuiop']) {
      const refused = await post('/auth/setup', { token, password });
      expect(refused.status, password).toBe(400);
      expect((await refused.json()).errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'password', messageKey: 'password.common' });
    }
    expect((await post('/auth/setup', { token, password: GOOD })).status).toBe(200);
  });
});

describe("changing one's password", () => {
  it('given a signed-in user guessing the current password, then the guesses are throttled as sign-ins are (429 with Retry-After), and a common new password is refused', async () => {
    const token = await linkFor('goran.coord');
    const setup = await post('/auth/setup', { token, password: GOOD });
    const cookie = setup.headers.get('set-cookie')!.split(';')[0]!;
    const csrf = ((await setup.json()) as { csrfToken: string }).csrfToken;
    const change = (currentPassword: string, newPassword: string) => post('/auth/password', { currentPassword, newPassword }, { cookie, 'x-csrf-token': csrf });

    const common = await change(GOOD, '1234567890');
    expect(common.status).toBe(400);
    expect((await common.json()).errors[0].extensions).toMatchObject({ field: 'newPassword', messageKey: 'password.common' });

    const statuses: number[] = [];
    for (let guess = 0; guess < 8; guess++) statuses.push((await change(`guess number ${guess}`, 'nova duga lozinka')).status);
    expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
    expect(statuses.at(-1)).toBe(429);
    const throttled = await change(GOOD, 'nova duga lozinka');
    expect(throttled.status).toBe(429);
    expect(Number(throttled.headers.get('retry-after'))).toBeGreaterThan(0);
    // Signing in under the same name from the same address waits as well.
    expect((await post('/auth/login', { username: 'goran.coord', password: GOOD })).status).toBe(429);
  });
});
