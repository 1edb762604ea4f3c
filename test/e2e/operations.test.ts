import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLedgerSchema } from '../../src/api/schema.js';
import { allOperations as coreOperations } from '../../web/src/api/operations.js';
import { peopleOperations } from '../../web/src/api/people.js';

const allOperations = [...coreOperations, ...peopleOperations];

/*
 * The web app's typed operations are plain documents beside their TypeScript types: this checks
 * every one against the server's schema, so a renamed field or argument fails here, not on a phone.
 */

describe("the web app's GraphQL operations", () => {
  const schema = createLedgerSchema();

  it.each(allOperations.map((operation) => [operation.name, operation] as const))('%s is valid against schema/', (name, operation) => {
    const document = parse(operation.document);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    const definition = document.definitions[0] as { name?: { value: string } };
    expect(definition.name?.value).toBe(name);
  });

  it('names every operation once', () => {
    const names = allOperations.map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
