import { getNamedType, GraphQLObjectType, isLeafType, isNonNullType, isObjectType, type GraphQLField, type GraphQLSchema } from 'graphql';
import { containedTypes, guards, isPublicType } from '../../src/api/access.js';

/**
 * Walks an executable schema the way an attacker would: every field that returns an object type
 * that holds centre-scoped or personal data, reached from Query along every path up to a depth.
 */

const roots = new Set(['Query', 'Mutation', 'Subscription']);

export const objectTypes = (schema: GraphQLSchema): GraphQLObjectType[] =>
  Object.values(schema.getTypeMap()).filter((type): type is GraphQLObjectType => isObjectType(type) && !type.name.startsWith('__') && !roots.has(type.name));

/** Every field of the schema (roots included) that returns `typeName`, as `Parent.field`. */
export function fieldsReturning(schema: GraphQLSchema, typeName: string): { parent: string; field: string }[] {
  const found: { parent: string; field: string }[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__')) continue;
    for (const field of Object.values(type.getFields())) if (getNamedType(field.type).name === typeName) found.push({ parent: type.name, field: field.name });
  }
  return found;
}

/**
 * What is wrong with the access declarations for this schema: a type that is neither guarded,
 * contained in a guarded type, nor declared public; a contained type returned by a field of a type
 * that does not guard it (or by a field its guard leaves open); a guard naming a field the type lacks.
 */
export function undeclared(schema: GraphQLSchema): string[] {
  const problems: string[] = [];
  for (const type of objectTypes(schema)) {
    const name = type.name;
    const guard = guards[name];
    if (guard) {
      const fields = type.getFields();
      for (const field of [...(guard.open ?? []), ...(guard.onRoster ?? []), ...Object.keys(guard.fields ?? {}), ...(guard.personal?.fields ?? [])]) {
        if (!fields[field]) problems.push(`${name}: its guard names ${field}, which it does not have`);
      }
      continue;
    }
    if (containedTypes[name] !== undefined) {
      for (const { parent, field } of fieldsReturning(schema, name)) {
        const parentGuarded = guards[parent] !== undefined || containedTypes[parent] !== undefined;
        if (!parentGuarded) problems.push(`${name} is declared contained, but ${parent}.${field} (not guarded) returns it`);
        else if (guards[parent]?.open?.includes(field)) problems.push(`${name} is declared contained, but ${parent}.${field} is open`);
      }
      continue;
    }
    if (isPublicType(name)) continue;
    problems.push(`${name} is neither guarded (guards in src/api/access.ts), contained in a guarded type, nor declared public`);
  }
  return problems;
}

/** One step of a path: a field and the arguments it is called with. */
export interface Step {
  readonly field: string;
  readonly args: Readonly<Record<string, unknown>>;
}

export type ArgumentValues = (field: GraphQLField<unknown, unknown>, parent: string, argument: string) => readonly unknown[] | undefined;

const isGuarded = (name: string) => guards[name] !== undefined || containedTypes[name] !== undefined;

/**
 * Every path from Query (no type twice on a path, up to `depth` fields) whose last field returns a
 * guarded or contained type, each with every combination of the argument values offered; a
 * required argument without values drops the path, an optional one is left out.
 */
export function guardedPaths(schema: GraphQLSchema, depth: number, values: ArgumentValues): { path: Step[]; type: GraphQLObjectType }[] {
  const out: { path: Step[]; type: GraphQLObjectType }[] = [];
  const walk = (type: GraphQLObjectType, path: Step[], seen: ReadonlySet<string>) => {
    if (path.length >= depth) return;
    for (const field of Object.values(type.getFields())) {
      const target = getNamedType(field.type);
      if (!(target instanceof GraphQLObjectType) || seen.has(target.name)) continue;
      for (const args of argumentCombinations(field, type.name, values)) {
        const next = [...path, { field: field.name, args }];
        if (isGuarded(target.name)) out.push({ path: next, type: target });
        walk(target, next, new Set([...seen, target.name]));
      }
    }
  };
  const query = schema.getQueryType()!;
  walk(query, [], new Set([query.name]));
  return out;
}

function argumentCombinations(field: GraphQLField<unknown, unknown>, parent: string, values: ArgumentValues): Record<string, unknown>[] {
  let combinations: Record<string, unknown>[] = [{}];
  for (const argument of field.args) {
    const offered = values(field, parent, argument.name);
    if (offered === undefined || offered.length === 0) {
      if (isNonNullType(argument.type) && argument.defaultValue === undefined) return [];
      continue;
    }
    // An offered `undefined` is the argument left out.
    combinations = combinations.flatMap((combination) =>
      offered.map((value) => (value === undefined ? combination : { ...combination, [argument.name]: value })),
    );
  }
  return combinations;
}

/** Every leaf field of a type that needs no argument it cannot have: what the walk reads at the end of a path. */
export function leaves(type: GraphQLObjectType, values: ArgumentValues): string {
  return leafFields(type, values).join(' ');
}

/**
 * The same leaves one by one: a refused non-null leaf nulls the whole object, which would hide
 * what its siblings answered.
 */
export function leafFields(type: GraphQLObjectType, values: ArgumentValues): string[] {
  const selected: string[] = ['__typename'];
  for (const field of Object.values(type.getFields())) {
    if (!isLeafType(getNamedType(field.type))) continue;
    const [args] = argumentCombinations(field, type.name, values);
    if (args === undefined) continue;
    selected.push(`${field.name}${argumentText(args)}`);
  }
  return selected;
}

const argumentText = (args: Readonly<Record<string, unknown>>) => {
  const entries = Object.entries(args);
  if (entries.length === 0) return '';
  return `(${entries.map(([name, value]) => `${name}: ${literal(value)}`).join(', ')})`;
};

/** A value as a GraphQL literal: enums are passed as `{ enum: 'NAME' }`. */
const literal = (value: unknown): string => {
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (value !== null && typeof value === 'object' && 'enum' in value) return String((value as { enum: string }).enum);
  return JSON.stringify(value);
};

/** The query for a path, selecting `selection` on its last object. */
export function queryOf(path: readonly Step[], selection: string): string {
  return path.reduceRight((inner, step) => `${step.field}${argumentText(step.args)} { ${inner} }`, selection).replace(/^/, '{ ') + ' }';
}
