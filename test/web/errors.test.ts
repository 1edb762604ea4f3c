import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/src/api/client.js';

/*
 * The API speaks English; a Serbian page shows its refusals in Serbian, from their stable parts
 * (extensions.code, .field, .reason). errors.ts reads the messages through Vite (import.meta.glob),
 * so it is loaded here as the page loads it.
 */
const load = async () => {
  const path = '../../web/src/api/errors.js';
  return (await import(path)) as { errorText: (error: unknown) => string };
};

describe("the API's refusals in the reader's language (Serbian, the default)", () => {
  it('a short password, a wrong current password, a child consenting alone, a closed period', async () => {
    const { errorText } = await load();
    const refusal = (message: string, extensions: Record<string, string>) => new ApiError([{ message, code: 'BAD_USER_INPUT', ...extensions }]);
    expect(errorText(refusal('the password must have at least 10 characters', { field: 'password' }))).toBe('Lozinka mora imati najmanje 10 znakova.');
    expect(errorText(refusal('the password must have at least 10 characters', { field: 'newPassword' }))).toBe('Lozinka mora imati najmanje 10 znakova.');
    expect(errorText(refusal('the current password is not right', { field: 'currentPassword' }))).toBe('Trenutna lozinka nije tačna.');
    expect(errorText(refusal('a child under 15 cannot consent alone', { field: 'givenBy' }))).toBe('Dete mlađe od 15 godina ne može samo da da saglasnost. Mora je dati roditelj ili staratelj.');
    expect(errorText(new ApiError([{ message: 'the period is closed', code: 'CONFLICT', reason: 'PERIOD_CLOSED' }]))).toMatch(/^Ovaj datum je u izveštajnom periodu/);
    expect(errorText(refusal('title: must not be empty', { field: 'title' }))).toBe('Proverite unos: Naziv');
  });
});
