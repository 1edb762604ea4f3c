import type { Logger } from 'pino';
import type { YogaLogger } from 'graphql-yoga';
import { withoutSuggestions } from './errors.js';

/**
 * What graphql-yoga logs on our behalf, reduced to what carries no personal data: an error's code
 * and its message without the value the client sent (a refused registerParticipant's message would
 * otherwise hold the variables, names and all); plain text as it is; any other object by its kind
 * only (request parameters, documents and variables are never logged).
 */
function safe(arg: unknown): unknown {
  if (typeof arg === 'string') return withoutSuggestions(arg);
  if (arg instanceof Error) {
    const code = (arg as { extensions?: { code?: unknown } }).extensions?.code;
    return { error: arg.name, message: withoutSuggestions(arg.message), ...(typeof code === 'string' ? { code } : {}) };
  }
  if (Array.isArray(arg)) return arg.map(safe);
  if (arg !== null && typeof arg === 'object') {
    // A GraphQL error as yoga hands it over after masking (a plain object).
    const { message, extensions } = arg as { message?: unknown; extensions?: { code?: unknown } };
    if (typeof message === 'string') return { message: withoutSuggestions(message), ...(typeof extensions?.code === 'string' ? { code: extensions.code } : {}) };
    return { kind: (arg as object).constructor?.name ?? 'object' };
  }
  return typeof arg === 'number' || typeof arg === 'boolean' ? arg : typeof arg;
}

export function yogaLogger(logger: Logger): YogaLogger {
  const at = (level: 'debug' | 'info' | 'warn' | 'error') => (...args: unknown[]) => logger[level]({ args: args.map(safe) }, 'graphql-yoga');
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}
