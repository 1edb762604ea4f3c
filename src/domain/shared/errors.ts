/** The stable error codes every client can rely on (`extensions.code`). */
export type ErrorCode = 'BAD_USER_INPUT' | 'NOT_FOUND' | 'CONFLICT' | 'FORBIDDEN' | 'UNAUTHENTICATED';

/** A rule said no. Carries the code and, for input, the field that was wrong. */
export type DomainError = Error & {
  readonly code: ErrorCode;
  readonly field?: string;
  /** Why a CONFLICT happened, when a client acts on it (PERIOD_CLOSED), sent as extensions.reason. */
  readonly reason?: string;
  readonly domain: true;
  /** More for the client to act on (the ids of possible duplicates), sent as extensions. */
  readonly details?: Readonly<Record<string, unknown>>;
};

export function domainError(code: ErrorCode, message: string, field?: string, details?: Readonly<Record<string, unknown>>): DomainError {
  return Object.assign(new Error(message), { code, domain: true as const, ...(field ? { field } : {}), ...(details ? { details } : {}) });
}

export const badInput = (field: string, message: string) => domainError('BAD_USER_INPUT', message, field);
export const notFound = (field: string, message: string) => domainError('NOT_FOUND', message, field);
export const conflict = (message: string, field?: string, details?: Readonly<Record<string, unknown>>) => domainError('CONFLICT', message, field, details);

/** A CONFLICT a client can act on by its stable `extensions.reason` (e.g. PERIOD_CLOSED: send a lateEntryReason). */
export const conflictBecause = (reason: string, message: string, field?: string): DomainError =>
  Object.assign(conflict(message, field), { reason });

export function isDomainError(error: unknown): error is DomainError {
  return error instanceof Error && (error as Partial<DomainError>).domain === true;
}
