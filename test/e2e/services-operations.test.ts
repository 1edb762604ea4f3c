import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import { createLedgerSchema } from '../../src/api/schema.js';
import { serviceOperations } from '../../web/src/api/services.js';

describe("the web app's services operations", () => {
  const schema = createLedgerSchema();
  it.each(serviceOperations.map((operation) => [operation.name, operation] as const))('%s is valid against schema/', (name, operation) => {
    const document = parse(operation.document);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    expect((document.definitions[0] as { name?: { value: string } }).name?.value).toBe(name);
  });
});
