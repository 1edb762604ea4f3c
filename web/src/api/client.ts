/**
 * The page's only way to the data: the same GraphQL API as every other client, with the session
 * cookie and its CSRF token. The page never decides what a role may do: the API answers FORBIDDEN.
 */

export interface Operation<Result, Variables> {
  readonly name: string;
  readonly document: string;
  /** Phantom fields: they carry the types, never a value. */
  readonly __result?: Result;
  readonly __variables?: Variables;
}

/** A typed operation: the document's first operation name is its name. */
export function op<Result, Variables = Record<string, never>>(document: string): Operation<Result, Variables> {
  const name = /\b(?:query|mutation|subscription)\s+(\w+)/.exec(document)?.[1];
  if (!name) throw new Error('an operation needs a name');
  return { name, document };
}

export interface GqlErrorInfo {
  readonly message: string;
  readonly code?: string;
  readonly field?: string;
  readonly path?: readonly (string | number)[];
  /** With `TOO_MANY_ATTEMPTS` (HTTP 429 from /auth/login): when to try again. */
  readonly retryAfterSeconds?: number;
  /** A CONFLICT's stable reason, e.g. PERIOD_CLOSED (a late entry needs lateEntryReason). */
  readonly reason?: string;
}

/** No answer at all: offline, or the server could not be reached. Worth retrying. */
export class NetworkError extends Error {
  override readonly name = 'NetworkError';
}

/** The server answered 401: the session ended. What waits to be sent stays on the device. */
export class SignedOutError extends Error {
  override readonly name = 'SignedOutError';
}

/** The API refused (bad input, forbidden, not found, conflict): retrying the same thing will not help. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(readonly errors: readonly GqlErrorInfo[]) {
    super(errors.map((error) => error.message).join('; '));
  }
  get code(): string | undefined {
    return this.errors[0]?.code;
  }
  get field(): string | undefined {
    return this.errors[0]?.field;
  }
}

/** A request on a bad mobile connection can hang: after this long it counts as no connection, and is retried later. */
const REQUEST_TIMEOUT_MS = 20_000;
const timeout = () => (typeof AbortSignal.timeout === 'function' ? { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) } : {});

let csrfToken: string | null = null;
export const setCsrfToken = (token: string | null) => {
  csrfToken = token;
};
export const csrfHeaders = (): Record<string, string> => (csrfToken ? { 'x-csrf-token': csrfToken } : {});

let onSignedOut: () => void = () => undefined;
export const whenSignedOut = (handler: () => void) => {
  onSignedOut = handler;
};

type WireError = { message?: string; path?: (string | number)[]; extensions?: { code?: string; field?: string; reason?: string; retryAfterSeconds?: unknown } };

const errorInfo = (error: WireError): GqlErrorInfo => ({
  message: error.message ?? 'error',
  ...(error.extensions?.code ? { code: error.extensions.code } : {}),
  ...(error.extensions?.field ? { field: error.extensions.field } : {}),
  ...(typeof error.extensions?.reason === 'string' ? { reason: error.extensions.reason } : {}),
  ...(error.path ? { path: error.path } : {}),
  ...(typeof error.extensions?.retryAfterSeconds === 'number' ? { retryAfterSeconds: error.extensions.retryAfterSeconds } : {}),
});

export interface Answer<Result> {
  readonly data: Result;
  /** Errors on fields the reader may not see: those fields are null, the rest answered. */
  readonly fieldErrors: readonly GqlErrorInfo[];
}

/** Sends an operation; throws NetworkError, SignedOutError, or ApiError when there is no data. */
export async function request<Result, Variables>(operation: Operation<Result, Variables>, variables: Variables): Promise<Answer<Result>> {
  let response: Response;
  try {
    response = await fetch('/graphql', {
      method: 'POST',
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', ...csrfHeaders() },
      body: JSON.stringify({ query: operation.document, variables, operationName: operation.name }),
      ...timeout(),
    });
  } catch {
    throw new NetworkError('no connection');
  }
  if (response.status === 401) {
    onSignedOut();
    throw new SignedOutError('signed out');
  }
  if (response.status >= 500 || response.status === 429 || response.status === 408) throw new NetworkError(`the server answered ${response.status}`);
  let body: { data?: Result | null; errors?: { message?: string; extensions?: { code?: string; field?: string } }[] };
  try {
    body = await response.json();
  } catch {
    // Cut off half way (or a proxy's error page): nothing to read, so try again later.
    throw new NetworkError('the answer did not arrive whole');
  }
  const errors = (body.errors ?? []).map(errorInfo);
  if (errors.some((error) => error.code === 'SERVICE_UNAVAILABLE')) throw new NetworkError('the server is busy');
  if (!body.data) throw new ApiError(errors.length ? errors : [{ message: `HTTP ${response.status}` }]);
  return { data: body.data, fieldErrors: errors };
}

/** A JSON call to the server's /auth routes. */
export async function authCall<T>(path: string, body?: unknown): Promise<T> {
  let response: Response;
  try {
    response = await fetch(`/auth/${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      credentials: 'same-origin',
      headers: body === undefined ? {} : { 'content-type': 'application/json', ...csrfHeaders() },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      ...timeout(),
    });
  } catch {
    throw new NetworkError('no connection');
  }
  const json = (await response.json().catch(() => ({}))) as T & { errors?: WireError[] };
  if (response.status === 401) throw new SignedOutError(json.errors?.[0]?.message ?? 'signed out');
  if (response.status >= 500) throw new NetworkError(`the server answered ${response.status}`);
  if (!response.ok) throw new ApiError((json.errors ?? [{ message: `HTTP ${response.status}` }]).map(errorInfo));
  return json;
}

/** A commandId for a mutation: the same one is sent again on every retry, so nothing is stored twice. */
export function newCommandId(): string {
  // crypto.randomUUID exists only in secure contexts (https, localhost); getRandomValues everywhere.
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
