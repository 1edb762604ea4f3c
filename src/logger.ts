import { pino, type DestinationStream, type Logger } from 'pino';

/**
 * Structured logs that carry ids and codes only. Names never reach a log call by design; the
 * redaction list is a second line of defence should a document ever be logged whole.
 */
export function createLogger(level: string, destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'centre-ledger' },
    redact: {
      paths: ['authorization', '*.authorization', 'req.headers.authorization', 'personal', '*.personal', '*.givenName', '*.familyName', '*.name'],
      censor: '[redacted]',
    },
  };
  return destination ? pino(options, destination) : pino(options);
}
