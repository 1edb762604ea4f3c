import { GraphQLError } from 'graphql';
import { EARLIEST_YEAR, LATEST_YEAR } from '../domain/shared/input.js';

/** The stable code of a value stored before today's input rules that no longer fits them. */
export const STORED_VALUE_OUT_OF_RANGE = 'STORED_VALUE_OUT_OF_RANGE';

/**
 * A date or instant read from the views, as the API answers it: within 1900–2100 it is returned;
 * outside (a workshop scheduled for 9999 before the rule) it is an error on this field alone, with
 * a code the client can act on, so that the rest of the record and the list around it still answer
 * and an admin can find and correct or cancel the record.
 */
export function storedInRange(value: string | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  const year = /^(\d{4})-\d{2}-\d{2}/.exec(value)?.[1];
  if (year !== undefined && Number(year) >= EARLIEST_YEAR && Number(year) <= LATEST_YEAR) return value;
  throw new GraphQLError(`this value was stored before the rule that dates fall between ${EARLIEST_YEAR} and ${LATEST_YEAR}; correct or cancel the record`, {
    extensions: { code: STORED_VALUE_OUT_OF_RANGE },
  });
}
