/**
 * Fuzzing every mutation over HTTP (fast-check): random and malformed input built from the
 * schema's own input types (wrong types, missing and extra fields, huge strings, unicode, negative
 * and enormous numbers, ids that exist and that do not, dates at the edges), sent one at a time to
 * the real server (test/support/server.ts). On every answer:
 *
 * - never HTTP 500 (or any 5xx), and always a JSON body;
 * - never INTERNAL_SERVER_ERROR, never "Unexpected error";
 * - the server keeps answering;
 * - the event count grows only when the mutation succeeded (a refusal stores nothing).
 *
 * test/fuzz/mutations.test.ts runs a short round in CI; `npm run fuzz [-- --runs 50000 --seed 7]`
 * runs a long one. A failure prints the smallest input that shows it.
 */
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import fc from 'fast-check';
import {
  buildSchema,
  getNamedType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { typeDefs } from '../../src/api/schema.js';
import { seeded, setUpFixtures, type Fixtures } from '../../src/bench/workload.js';
import { startServer, type TestServer } from '../support/server.js';

const UNKNOWN_UUID = '3f2b8c1e-9a4d-4e6f-8b7a-1c2d3e4f5a6b';

/** Strings that have broken servers before. */
const nastyStrings = [
  '',
  ' ',
  '\t\n',
  '\u0000',
  'null',
  'undefined',
  'NaN',
  '0',
  '-1',
  "'; DROP TABLE events; --",
  '" OR 1=1 --',
  '../../etc/passwd',
  '%00',
  '${7*7}',
  '<script>alert(1)</script>',
  '__proto__',
  'constructor',
  '{"$ne":null}',
  'Ærøskøbing Đurđevac Šabotić Ćorović',
  'مرحبا بالعالم',
  '👩‍👩‍👧‍👦🏳️‍🌈',
  '\u202Egnirts desrever',
  '\uD800',
  'a'.repeat(201),
  'x'.repeat(5_000),
  'é'.repeat(100_000),
];

const edgeDates = [
  '0000-01-01',
  '0001-01-01',
  '1899-12-31',
  '1900-01-01',
  '1970-01-01',
  '2000-02-29',
  '2023-02-29',
  '2024-02-29',
  '2025-04-31',
  '2025-13-01',
  '2025-00-10',
  '2025-1-1',
  '9999-12-31',
  '10000-01-01',
  '2025-03-14T10:00:00Z',
  'yesterday',
];

const edgeDateTimes = [
  '2025-03-14T16:00:00+01:00',
  '2025-03-14T16:00:00Z',
  '2025-03-14T16:00:00',
  '2025-03-14T24:00:00Z',
  '2025-03-14T23:59:60Z',
  '2025-03-30T02:30:00+01:00',
  '0001-01-01T00:00:00Z',
  '9999-12-31T23:59:59.999999999Z',
  '2025-02-29T10:00:00Z',
  '2025-03-14T16:00:00+25:00',
  '2025-03-14 16:00:00Z',
  '2025-03-14',
  '1741968000',
];

const isoDay = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10);

/** Any JSON value at all: what a client sending the wrong type sends. */
const anyJson: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.double({ noNaN: true }),
  fc.string(),
  fc.constantFrom(...nastyStrings),
  fc.array(fc.oneof(fc.integer(), fc.string()), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.oneof(fc.integer(), fc.string()), { maxKeys: 3 }),
);

function idArbitrary(pools: Pools): fc.Arbitrary<unknown> {
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...pools.ids) },
    { weight: 1, arbitrary: fc.constant(UNKNOWN_UUID) },
    { weight: 1, arbitrary: fc.uuid() },
    { weight: 1, arbitrary: fc.constantFrom(...nastyStrings) },
    { weight: 1, arbitrary: fc.integer() },
  );
}

function scalarArbitrary(name: string, pools: Pools): fc.Arbitrary<unknown> {
  switch (name) {
    case 'ID':
      return idArbitrary(pools);
    case 'String':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom('Homework club', 'Amina', 'Hodžić', 'Novi Pazar', 'ticked by mistake') },
        { weight: 2, arbitrary: fc.string({ maxLength: 40 }) },
        { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
        { weight: 2, arbitrary: fc.constantFrom(...nastyStrings) },
      );
    case 'Int':
      return fc.oneof(
        { weight: 4, arbitrary: fc.integer({ min: 0, max: 200 }) },
        { weight: 1, arbitrary: fc.integer({ min: 1900, max: 2100 }) },
        { weight: 2, arbitrary: fc.constantFrom(-1, 0, 1, -2_147_483_648, 2_147_483_647, 2_147_483_648, Number.MAX_SAFE_INTEGER, 1.5, -0.5) },
        { weight: 1, arbitrary: fc.integer() },
      );
    case 'Float':
      return fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(0.5, 1, 1.5, 2, 3.25, 4, 8) },
        { weight: 2, arbitrary: fc.constantFrom(0, -0, -1, 0.001, 1.005, 23.99, 24, 24.01, 1e308, -1e308, 5e-324) },
        { weight: 1, arbitrary: fc.double({ noNaN: true, noDefaultInfinity: true }) },
      );
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -800, max: 5 }).map(isoDay) },
        { weight: 2, arbitrary: fc.constantFrom(...edgeDates) },
        { weight: 1, arbitrary: fc.date({ min: new Date('0001-01-01'), max: new Date('9999-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)) },
      );
    case 'DateTime':
      return fc.oneof(
        { weight: 3, arbitrary: fc.integer({ min: -800, max: 5 }).map((d) => `${isoDay(d)}T15:00:00+01:00`) },
        { weight: 2, arbitrary: fc.constantFrom(...edgeDateTimes) },
        { weight: 1, arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()) },
      );
    default:
      return anyJson;
  }
}

/** A value for an input type: mostly of the right type, sometimes wrong, missing or null. */
function valueArbitrary(type: GraphQLInputType, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  const nonNull = isNonNullType(type);
  const inner = nonNull ? type.ofType : type;
  let right: fc.Arbitrary<unknown>;
  if (isListType(inner)) {
    const element = valueArbitrary(inner.ofType as GraphQLInputType, pools, depth + 1);
    right = fc.oneof(
      { weight: 6, arbitrary: fc.array(element, { maxLength: 12 }) },
      { weight: 1, arbitrary: fc.array(element, { minLength: 490, maxLength: 520 }) },
      { weight: 1, arbitrary: element.chain((one) => fc.constant([one, one, one])) },
    );
  } else if (isEnumType(inner)) {
    const values = inner.getValues().map((v) => v.name);
    right = fc.oneof({ weight: 6, arbitrary: fc.constantFrom(...values) }, { weight: 1, arbitrary: fc.constantFrom(...values.map((v) => v.toLowerCase()), 'UNKNOWN', '') });
  } else if (isInputObjectType(inner)) {
    right = depth > 4 ? fc.constant({}) : inputObjectArbitrary(inner.getFields(), pools, depth + 1);
  } else if (isScalarType(inner)) {
    right = scalarArbitrary(inner.name, pools);
  } else {
    right = anyJson;
  }
  return fc.oneof({ weight: 20, arbitrary: right }, { weight: 1, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: anyJson });
}

const MISSING = Symbol('missing');

/** Ids of what the fixtures created, by kind, to name in well-formed input. */
export interface Pools {
  readonly centres: readonly string[];
  readonly participants: readonly string[];
  readonly volunteers: readonly string[];
  readonly workshops: readonly string[];
  readonly ids: readonly string[];
}

/** An existing id of the kind a field names (by its name), or any existing id. */
function goodId(field: string, pools: Pools): fc.Arbitrary<string> {
  const f = field.toLowerCase();
  const pool = f.includes('centre') ? pools.centres : f.includes('participant') ? pools.participants : f.includes('volunteer') ? pools.volunteers : f.includes('workshop') ? pools.workshops : pools.ids;
  return fc.constantFrom(...(pool.length > 0 ? pool : pools.ids));
}

/** A well-formed value for a field: the right type, a plausible value, existing ids. */
function goodValue(type: GraphQLInputType, field: string, pools: Pools, depth: number): fc.Arbitrary<unknown> {
  const inner = isNonNullType(type) ? type.ofType : type;
  const f = field.toLowerCase();
  if (isListType(inner)) return fc.array(goodValue(inner.ofType as GraphQLInputType, field, pools, depth + 1), { minLength: 1, maxLength: 6 });
  if (isEnumType(inner)) return fc.constantFrom(...inner.getValues().map((v) => v.name));
  if (isInputObjectType(inner)) return depth > 4 ? fc.constant({}) : goodObject(inner.getFields(), pools, depth + 1);
  if (!isScalarType(inner)) return anyJson;
  switch (inner.name) {
    case 'ID':
      return goodId(field, pools);
    case 'String':
      return fc.constantFrom('Homework club', 'Amina', 'Hodžić', 'Novi Pazar', 'Raška', 'ticked by mistake', 'reading hour');
    case 'Int':
      if (f.includes('year')) return fc.integer({ min: 1950, max: new Date().getFullYear() });
      if (f.includes('minute')) return fc.integer({ min: 30, max: 240 });
      return fc.integer({ min: 0, max: 60 });
    case 'Float':
      return fc.constantFrom(0.5, 1, 1.5, 2, 2.5, 4);
    case 'Boolean':
      return fc.boolean();
    case 'Date':
      return fc.integer({ min: -700, max: -1 }).map(isoDay);
    case 'DateTime':
      return fc.integer({ min: -700, max: -1 }).map((d) => `${isoDay(d)}T15:00:00+01:00`);
    default:
      return anyJson;
  }
}

/** Well-formed input: every required field, optional ones now and then. */
function goodObject(fields: Record<string, { type: GraphQLInputType }>, pools: Pools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields)
    .filter(([name]) => name !== 'commandId')
    .map(([name, { type }]) => {
      const good = goodValue(type, name, pools, depth);
      return [name, isNonNullType(type) ? good : fc.oneof(good, fc.constant(MISSING))] as const;
    });
  return fc.record(Object.fromEntries(entries)).map((record) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) if (value !== MISSING) out[key] = value;
    return out;
  });
}

/** Fully random input: every field possibly wrong, missing or null. */
function inputObjectArbitrary(fields: Record<string, { type: GraphQLInputType }>, pools: Pools, depth: number): fc.Arbitrary<Record<string, unknown>> {
  const entries = Object.entries(fields).map(([field, { type }]) => {
    const arbitrary = fc.oneof({ weight: 12, arbitrary: valueArbitrary(type, pools, depth) }, { weight: 1, arbitrary: fc.constant(MISSING) });
    return [field, arbitrary] as const;
  });
  const extra = fc.option(fc.record({ unexpectedField: anyJson }), { freq: 15 });
  return fc.tuple(fc.record(Object.fromEntries(entries)), extra).map(([record, more]) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(record)) if (value !== MISSING) out[key] = value;
    return { ...out, ...(more ?? {}) };
  });
}

/** Well-formed input with exactly one field made wrong (a bad value, null, or left out). */
function oneWrong(fields: Record<string, { type: GraphQLInputType }>, pools: Pools): fc.Arbitrary<Record<string, unknown>> {
  const names = Object.keys(fields);
  return fc.tuple(goodObject(fields, pools, 0), fc.constantFrom(...names)).chain(([good, field]) =>
    fc.oneof(fc.constant(MISSING), fc.constant(null), valueArbitrary(fields[field]!.type, pools, 1), anyJson, fc.constantFrom(...nastyStrings)).map((bad) => {
      const out = { ...good };
      if (bad === MISSING) delete out[field];
      else out[field] = bad;
      return out;
    }),
  );
}

export interface FuzzCase {
  readonly mutation: string;
  readonly argument: string;
  readonly variables: Record<string, unknown>;
}

/** One arbitrary per mutation of the schema: its document and random variables. */
export function mutationCases(schema: GraphQLSchema, pools: Pools): fc.Arbitrary<FuzzCase> {
  const mutationType = schema.getMutationType();
  if (!mutationType) throw new Error('the schema has no mutations');
  const arbitraries = Object.values(mutationType.getFields()).map((field) => {
    const args = field.args;
    const argument = args.map((a) => `$${a.name}: ${String(a.type)}`).join(', ');
    /** Per argument: well-formed (40%), one field wrong (40%), anything (20%). */
    const record = Object.fromEntries(
      args.map((arg) => {
        const named = getNamedType(arg.type);
        if (!isInputObjectType(named)) return [arg.name, valueArbitrary(arg.type, pools, 0)];
        const fields = named.getFields();
        return [
          arg.name,
          fc.oneof({ weight: 2, arbitrary: goodObject(fields, pools, 0) }, { weight: 2, arbitrary: oneWrong(fields, pools) }, { weight: 1, arbitrary: valueArbitrary(arg.type, pools, 0) }),
        ];
      }),
    );
    return fc.record(record).map((variables) => ({ mutation: field.name, argument, variables }));
  });
  return fc.oneof(...arbitraries);
}

export function documentOf(schema: GraphQLSchema, c: FuzzCase): string {
  const field = schema.getMutationType()!.getFields()[c.mutation]!;
  const args = field.args.map((a) => `${a.name}: $${a.name}`).join(', ');
  const selection = getNamedType(field.type) && 'getFields' in getNamedType(field.type) ? ' { __typename }' : '';
  return `mutation Fuzz${c.argument ? `(${c.argument})` : ''} { ${c.mutation}${args ? `(${args})` : ''}${selection} }`;
}

export interface FuzzOptions {
  readonly runs: number;
  readonly seed?: number;
  /** Stops early (passing) after this long. */
  readonly timeLimitMs?: number;
  readonly log?: (line: string) => void;
}

export interface FuzzReport {
  readonly runs: number;
  readonly succeeded: number;
  readonly refused: number;
  readonly byCode: Record<string, number>;
  readonly failure?: string;
}

/** A server with fixtures to name; checks every answer as described above. */
export async function fuzzMutations(options: FuzzOptions): Promise<FuzzReport> {
  const server: TestServer = await startServer();
  try {
    const token = server.token!;
    const fixtures: Fixtures = await setUpFixtures(server.url, token, seeded(options.seed ?? 1), { participants: 12, workshops: 4, volunteers: 3 });
    const pools: Pools = {
      centres: fixtures.centres,
      participants: fixtures.participants,
      volunteers: fixtures.volunteers,
      workshops: fixtures.workshops,
      ids: [...fixtures.centres, ...fixtures.participants, ...fixtures.volunteers, ...fixtures.workshops],
    };
    const schema = buildSchema(typeDefs.join('\n'));
    let succeeded = 0;
    let refused = 0;
    let runs = 0;
    const byCode: Record<string, number> = {};
    const cases = mutationCases(schema, pools);
    const property = fc.asyncProperty(cases, async (c) => {
      runs += 1;
      const document = documentOf(schema, c);
      const before = server.eventCount();
      const response = await fetch(server.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json, application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: document, variables: c.variables }),
      });
      const text = await response.text();
      const after = server.eventCount();
      if (response.status >= 500) throw new Error(`HTTP ${response.status}: ${text.slice(0, 500)}`);
      let body: { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[] };
      try {
        body = JSON.parse(text);
      } catch {
        throw new Error(`HTTP ${response.status} with a body that is not JSON: ${text.slice(0, 300)}`);
      }
      for (const error of body.errors ?? []) {
        const code = error.extensions?.code ?? 'NO_CODE';
        byCode[code] = (byCode[code] ?? 0) + 1;
        if (code === 'INTERNAL_SERVER_ERROR') throw new Error(`INTERNAL_SERVER_ERROR: ${error.message}`);
        if (/unexpected error/i.test(error.message)) throw new Error(`"Unexpected error": ${JSON.stringify(error)}`);
      }
      const ok = response.status === 200 && !(body.errors && body.errors.length > 0) && body.data != null;
      if (ok) succeeded += 1;
      else refused += 1;
      if (!ok && after !== before) throw new Error(`a refused mutation stored ${after - before} events: ${text.slice(0, 300)}`);
      if (after < before) throw new Error(`the event count went down from ${before} to ${after}`);
      if (runs % 500 === 0) options.log?.(`${runs} inputs: ${succeeded} succeeded, ${refused} refused`);
    });
    const result = await fc.check(property, {
      numRuns: options.runs,
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(options.timeLimitMs ? { interruptAfterTimeLimit: options.timeLimitMs, markInterruptAsFailure: false } : {}),
      endOnFailure: false,
    });
    // Still alive after everything it was sent.
    const health = await fetch(`${server.origin}/healthz`);
    const alive = health.status === 200;
    const failure = result.failed
      ? `${fc.defaultReportMessage(result) ?? 'failed'}`
      : !alive
        ? `the server stopped answering /healthz (${health.status})`
        : undefined;
    return { runs, succeeded, refused, byCode, ...(failure ? { failure } : {}) };
  } finally {
    await server.close();
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === resolve(process.argv[1])) {
  const { values } = parseArgs({
    options: { runs: { type: 'string', default: '20000' }, seed: { type: 'string' }, minutes: { type: 'string' } },
  });
  const started = Date.now();
  const report = await fuzzMutations({
    runs: Number(values.runs),
    ...(values.seed ? { seed: Number(values.seed) } : {}),
    ...(values.minutes ? { timeLimitMs: Number(values.minutes) * 60_000 } : {}),
    log: (line) => console.log(`fuzz: ${line} (${Math.round((Date.now() - started) / 1000)} s)`),
  });
  console.log(`fuzz: ${report.runs} inputs, ${report.succeeded} succeeded, ${report.refused} refused; error codes ${JSON.stringify(report.byCode)}`);
  if (report.failure) {
    console.error(report.failure);
    process.exit(1);
  }
  process.exit(0);
}
