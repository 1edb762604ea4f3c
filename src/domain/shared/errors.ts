/** The stable error codes every client can rely on (`extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** A rule said no. Carries the code and, for input, the field that was wrong. */
export type DomainError = Error & { readonly code: ErrorCode; readonly field?: string; readonly reason?: string; readonly domain: true };

export function domainError(code: ErrorCode, message: string, field?: string): DomainError {
  return Object.assign(new Error(message), { code, domain: true as const, ...(field ? { field } : {}) });
}

export const badInput = (field: string, message: string) => domainError('BAD_USER_INPUT', message, field);
export const notFound = (field: string, message: string) => domainError('NOT_FOUND', message, field);
export const conflict = (message: string, field?: string) => domainError('CONFLICT', message, field);

/** A CONFLICT a client can act on by its stable `extensions.reason` (e.g. PERIOD_CLOSED: send a lateEntryReason). */
export const conflictBecause = (reason: string, message: string, field?: string): DomainError =>
  Object.assign(conflict(message, field), { reason });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && (error as Partial<DomainError>).domain === true;
}
