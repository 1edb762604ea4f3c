import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isoDate, isoDateTime, wellFormedDate, wellFormedDateTime } from '../domain/shared/input.js';

/**
 * Strict ISO scalars that keep the client's string: a date has no time zone to convert, and an
 * instant keeps the offset the staff member's device gave it.
 */
function isoScalar(name: string, description: string, input: typeof isoDate, stored: typeof isoDate) {
  const check = (schema: typeof isoDate) => (value: unknown): string => {
    const parsed = typeof value === 'string' ? schema.safeParse(value) : undefined;
    if (parsed?.success) return parsed.data;
    // The value is not repeated: the message may reach a log, and the value may be anything.
    const reason = parsed?.error.issues.at(-1)?.message ?? description;
    throw new GraphQLError(`${name} ${reason}`, { extensions: { code: 'BAD_USER_INPUT' } });
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    // Input is held to the years 1900 to 2100; a value stored before that rule still answers, so
    // that it can be seen and corrected (docs/design.md, repair of stored values).
    serialize: (value) => check(stored)(value),
    parseValue: (value) => check(input)(value),
    parseLiteral: (ast: ValueNode) => check(input)(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DateScalar = isoScalar('Date', 'must be an ISO calendar date like 2025-03-14', isoDate, wellFormedDate);
export const DateTimeScalar = isoScalar('DateTime', 'must be an ISO instant with an offset, like 2025-03-14T16:00:00+01:00', isoDateTime, wellFormedDateTime);
