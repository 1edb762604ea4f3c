import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';
import { isoDate, isoDateTime } from '../domain/shared/input.js';

/**
 * Strict ISO scalars that keep the client's string: a date has no time zone to convert, and an
 * instant keeps the offset the staff member's device gave it.
 */
function isoScalar(name: string, description: string, schema: typeof isoDate) {
  const check = (value: unknown): string => {
    if (typeof value === 'string' && schema.safeParse(value).success) return value;
    // The value is not repeated: the message may reach a log, and the value may be anything.
    throw new GraphQLError(`${name} ${description}`, {
      extensions: { code: 'BAD_USER_INPUT' },
    });
  };
  return new GraphQLScalarType<string, string>({
    name,
    description,
    serialize: (value) => check(value),
    parseValue: (value) => check(value),
    parseLiteral: (ast: ValueNode) => check(ast.kind === Kind.STRING ? ast.value : undefined),
  });
}

export const DateScalar = isoScalar('Date', 'must be an ISO calendar date like 2025-03-14', isoDate);
export const DateTimeScalar = isoScalar('DateTime', 'must be an ISO instant with an offset, like 2025-03-14T16:00:00+01:00', isoDateTime);
