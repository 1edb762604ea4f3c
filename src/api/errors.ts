import { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { isDomainError } from '../domain/shared/errors.js';
import { isStoreUnavailable } from '../store/port.js';
import { isViewBeingBuilt } from '../projection/views.js';

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

/**
 * What graphql-js writes into a validation or coercion error beyond what is wrong and where:
 * suggestions of the schema's names ("Did you mean …", enum values included) and the value the
 * client sent (a whole input object, names and all). Neither is needed to fix the request, the
 * first helps someone probing the schema, and the second would carry personal data wherever the
 * message goes.
 */
export function withoutSuggestions(message: string): string {
  return message
    .replace(/ ?Did you mean .*$/s, '')
    .replace(/ ?\[Suggestion hidden\]/g, '')
    .replace(/^(Variable "\$[^"]+") got invalid value .*?((?: at "[^"]+")?; (?:Field "|Expected |Value |\w+ cannot represent|Date |DateTime |Enum ))/s, '$1 got an invalid value$2')
    .replace(/^(Variable "\$[^"]+") got invalid value .*$/s, '$1 got an invalid value')
    .replace(/Value .*? does not exist in "[^"]+" enum\./gs, 'The value is not one of the allowed values.')
    .replace(/(\w+ cannot represent [\w -]+?value)(: .*)$/s, '$1')
    .replace(/(Expected value of type "[^"]+"), found .*?([;.]|$)/s, '$1$2')
    // V8's JSON.parse quotes the start of the text it could not read.
    .replace(/(Unexpected (?:token|non-whitespace character|end of JSON input)[^,]*), ".*is not valid JSON/s, '$1: not valid JSON');
}
/** An unexpected error as the log keeps it: its kind, a cleaned message and where it was thrown, never the input it quoted. */
function loggable(error: unknown) {
  if (!(error instanceof Error)) return { type: typeof error };
  const frames = (error.stack ?? '').split('\n').filter((line) => /^\s+at /.test(line));
  return { type: error.name, message: withoutSuggestions(error.message), stack: frames.join('\n') };
}

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
        extensions: { ...original.details, code: original.code, ...(original.field ? { field: original.field } : {}), ...(original.reason ? { reason: original.reason } : {}) },
      });
    }
    if (isStoreUnavailable(original)) {
      logger.warn({ err: original }, 'event store unavailable');
      return new GraphQLError('the event store cannot be reached right now; retry the request with the same commandId', {
        ...where,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, http: { status: 503, headers: { 'retry-after': '5' } } },
      });
    }
    if (isViewBeingBuilt(original)) {
      // After an upgrade that changed a projection with no earlier version to answer from: never a figure from half a view.
      return new GraphQLError(original.message, {
        ...where,
        extensions: { code: 'SERVICE_UNAVAILABLE', retryable: true, view: original.view, http: { status: 503, headers: { 'retry-after': '5' } } },
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
      // Some validation rules (the query limits) leave the code out; every error carries one. No
      // error names what the schema holds besides what the client sent (enum values included).
      return new GraphQLError(withoutSuggestions(error.message), {
        ...where,
        extensions: { ...error.extensions, code: error.extensions?.code ?? 'GRAPHQL_VALIDATION_FAILED' },
      });
    }
    logger.error({ err: loggable(original) }, 'unexpected error while answering a request');
    return new GraphQLError(message, { ...where, extensions: { code: 'INTERNAL_SERVER_ERROR' } });
  };
}
