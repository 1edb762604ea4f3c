import { readFileSync } from 'node:fs';
import { generate } from '@graphql-codegen/cli';
import { parse, validate } from 'graphql';
import { describe, expect, it } from 'vitest';
import config from '../../codegen.js';
import { createLedgerSchema } from '../../src/api/schema.js';
import type { Operation } from '../../web/src/api/client.js';
import * as operations from '../../web/src/api/operations.js';
import * as people from '../../web/src/api/people.js';
import * as programmes from '../../web/src/api/programmes.js';
import * as services from '../../web/src/api/services.js';

/*
 * The web app's operations are documents in web/src/api/documents, typed by codegen (the client
 * preset) into web/src/api/generated. Each is checked against the server's schema, and the generated
 * types against a fresh generation: a schema change that the page's types do not follow fails here.
 */

const allOperations = [operations, people, services, programmes].flatMap((module) => Object.values(module) as unknown[]).filter(
  (value): value is Operation<unknown, unknown> => typeof value === 'object' && value !== null && 'document' in value && 'name' in value,
);

describe("the web app's GraphQL operations", () => {
  const schema = createLedgerSchema();

  it.each(allOperations.map((operation) => [operation.name, operation] as const))('%s is valid against schema/', (name, operation) => {
    const document = parse(operation.document);
    expect(validate(schema, document).map((error) => error.message)).toEqual([]);
    const definition = document.definitions.find((one) => one.kind === 'OperationDefinition') as { name?: { value: string } };
    expect(definition.name?.value).toBe(name);
  });

  it('names every operation once', () => {
    const names = allOperations.map((operation) => operation.name);
    expect(names.length).toBeGreaterThan(30);
    expect(new Set(names).size).toBe(names.length);
  });

  it('has generated types that match schema/ and the documents (npm run codegen writes them)', async () => {
    const web = Object.fromEntries(Object.entries(config.generates).filter(([path]) => path.startsWith('web/')));
    const outputs = await generate({ ...config, generates: web, silent: true }, false);
    expect(outputs.length).toBeGreaterThan(0);
    for (const output of outputs) expect(readFileSync(output.filename, 'utf8'), `${output.filename} is stale: run npm run codegen`).toBe(output.content);
  }, 60_000);
});
