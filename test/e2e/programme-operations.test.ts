import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLedgerSchema } from '../../src/api/schema.js';
import { allOperations } from '../../web/src/api/operations.js';
import { programmeOperations } from '../../web/src/api/programmes.js';

describe("the Programmes screen's GraphQL operations", () => {
  const schema = createLedgerSchema();

  it.each(programmeOperations.map((operation) => [operation.name, operation] as const))('%s is valid against schema/', (name, operation) => {
    const document = parse(operation.document);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    expect((document.definitions[0] as { name?: { value: string } }).name?.value).toBe(name);
  });

  it('names none the other operations use', () => {
    const names = [...allOperations, ...programmeOperations].map((operation) => operation.name);
    expect(new Set(names).size).toBe(names.length);
  });
});
