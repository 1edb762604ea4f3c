import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isDomainError } from '../domain/shared/errors.js';
import { isStoreUnavailable } from '../store/port.js';

/**
 * The field named in a GraphQL variable error, e.g. `Variable "$input" got invalid value "X" at
 * "input.sex"` → sex, or `Field "name" of required type "String!" was not provided` → name.
 */
export function fieldOfVariableError(message: string): string | undefined {
  const at = /at "([^"]+)"/.exec(message)?.[1];
  const missing = /Field "([^"]+)" of required type/.exec(message)?.[1] ?? /Field "([^"]+)" is not defined/.exec(message)?.[1];
  const path = at?.split('.').slice(1) ?? [];
  if (missing) path.push(missing);
  const field = path.filter((part) => !/^\d+$/.test(part)).join('.');
  // A top-level argument (`$from`, `$id`) is itself the field.
  return field || at?.split('.')[0] || /^Variable "\$([^"]+)"/.exec(message)?.[1];
}

/** Suggestions ("Did you mean …") reveal the schema to someone probing it; the error stands without them. */
export const withoutSuggestions = (message: string) => message.replace(/ ?Did you mean .*$/s, '');

/**
 * Every error leaves with a stable `extensions.code`: rule and input errors keep their code and
 * field; anything unexpected is logged and answered without details.
 */
export function maskError(logger: Logger) {
  return (error: unknown, message: string): Error => {
    const original = error instanceof GraphQLError ? error.originalError : error;
    const where = error instanceof GraphQLError ? { nodes: error.nodes, path: error.path } : {};

    if (isDomainError(original)) {
      return new GraphQLError(original.message, {
        ...where,
        extensions: { code: original.code, ...(original.field ? { field: original.field } : {}), ...(original.reason ? { reason: original.reason } : {}) },
      });
    }
    if (isStoreUnavailable(original)) {
      logger.warn({ err: original }, 'event store unavailable');
      return new GraphQLError('the event store cannot be reached right now; retry the request with the same commandId', {
        ...where,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, http: { status: 503, headers: { 'retry-after': '5' } } },
      });
    }
    if (error instanceof GraphQLError && (!original || original instanceof GraphQLError)) {
      // Variable coercion wraps the inner error; the outer message says which variable and where.
      if (/^Variable "\$/.test(error.message)) {
        const field = fieldOfVariableError(error.message);
        return new GraphQLError(withoutSuggestions(error.message), {
          ...where,
          extensions: { ...error.extensions, code: 'BAD_USER_INPUT', ...(field ? { field } : {}) },
        });
      }
      // Some validation rules (the query limits) leave the code out; every error carries one.
      return error.extensions?.code ? error : new GraphQLError(error.message, { ...where, extensions: { ...error.extensions, code: 'GRAPHQL_VALIDATION_FAILED' } });
    }
    logger.error({ err: original }, 'unexpected error while answering a request');
    return new GraphQLError(message, { ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
