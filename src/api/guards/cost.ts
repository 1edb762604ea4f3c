import {
  getNamedType,
  getNullableType,
  GraphQLError,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type FragmentDefinitionNode,
  type GraphQLField,
  type GraphQLNamedType,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { ViewSizes } from '../../read/sizes.js';

/**
 * The cost of a query before it runs: each field selected costs 1 for every time it will be
 * resolved, so a field inside a list costs as many times as the list is long. A list's length is
 * estimated from the views: at the root, how many of its items there are (a centre's share with
 * `centreId`); nested, how many there are per parent on average (a workshop's attendees: attendance
 * pairs per workshop); with `from`/`to`, the period's share of the days the log spans. The product
 * along a path is then about the rows the query would touch (centres × their workshops × their
 * attendees = every attendance), whatever the aliases repeat.
 */

/** Lists the views do not count: a guess at their length, at the root and nested. */
const UNCOUNTED_ROOT = 100;
const UNCOUNTED_NESTED = 25;

type Arguments = Record<string, unknown>;

export interface CostInput {
  readonly schema: GraphQLSchema;
  readonly operation: OperationDefinitionNode;
  readonly fragments: Readonly<Record<string, FragmentDefinitionNode>>;
  readonly variables: Readonly<Record<string, unknown>>;
  readonly sizes: ViewSizes;
}

const days = (from: string, to: string) => (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000 + 1;

/** The share of the log's days a period covers (1 without a period). */
function periodShare(args: Arguments, sizes: ViewSizes): number {
  const from = typeof args.from === 'string' ? args.from : undefined;
  const to = typeof args.to === 'string' ? args.to : undefined;
  if (!from && !to) return 1;
  if (from && to) {
    const length = days(from, to);
    return Number.isFinite(length) ? Math.min(1, Math.max(length, 1) / sizes.spanDays) : 1;
  }
  // Open at one end: half the log, a cautious middle.
  return 0.5;
}

/** How many items a list field is expected to hold. */
export function listLength(parent: string, field: string, item: string, args: Arguments, sizes: ViewSizes): number {
  const count = (type: string) => sizes.byType[type];
  const explicit = [args.first, args.last, args.limit].find((value) => typeof value === 'number');
  if (typeof explicit === 'number') return Math.max(0, explicit);
  let length: number;
  if (parent === 'Workshop' && field === 'attendees') length = sizes.attendances / Math.max(1, count('Workshop') ?? 1);
  else if (parent === 'Cycle' && field === 'sessions') length = sizes.cycleSessions / Math.max(1, count('Cycle') ?? 1);
  else if (parent === 'Household' && field === 'members') length = sizes.householdMembers / Math.max(1, count('Household') ?? 1);
  else if (count(item) === undefined) length = parent === 'Query' ? UNCOUNTED_ROOT : UNCOUNTED_NESTED;
  else if (parent === 'Query') length = count(item)! / (typeof args.centreId === 'string' ? Math.max(1, count('Centre') ?? 1) : 1);
  else length = count(item)! / Math.max(1, count(parent) ?? 1);
  return Math.max(1, Math.ceil(length * periodShare(args, sizes)));
}

export function estimateCost(input: CostInput): number {
  const { schema, fragments, variables, sizes } = input;
  const argumentsOf = (field: GraphQLField<unknown, unknown>, node: { arguments?: readonly { name: { value: string }; value: import('graphql').ValueNode }[] }): Arguments => {
    const args: Arguments = {};
    for (const definition of field.args) if (definition.defaultValue !== undefined) args[definition.name] = definition.defaultValue;
    for (const argument of node.arguments ?? []) args[argument.name.value] = valueFromASTUntyped(argument.value, variables as Record<string, unknown>);
    return args;
  };

  const visit = (type: GraphQLNamedType, selectionSet: SelectionSetNode | undefined, seen: ReadonlySet<string>): number => {
    if (!selectionSet || !(isObjectType(type) || isInterfaceType(type))) return 0;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FRAGMENT_SPREAD) {
        const fragment = fragments[selection.name.value];
        // A fragment that spreads itself is refused by validation; counted once here regardless.
        if (!fragment || seen.has(fragment.name.value)) continue;
        const on = schema.getType(fragment.typeCondition.name.value) ?? type;
        cost += visit(on, fragment.selectionSet, new Set([...seen, fragment.name.value]));
        continue;
      }
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const on = selection.typeCondition ? (schema.getType(selection.typeCondition.name.value) ?? type) : type;
        cost += visit(on, selection.selectionSet, seen);
        continue;
      }
      const field = type.getFields()[selection.name.value];
      if (!field) continue; // __typename and introspection
      const returns = getNullableType(field.type);
      const item = getNamedType(field.type);
      const inner = 1 + visit(item, selection.selectionSet, seen);
      cost += isListType(returns) ? listLength(type.name, field.name, item.name, argumentsOf(field, selection), sizes) * inner : inner;
    }
    return cost;
  };

  const root = input.operation.operation === 'mutation' ? schema.getMutationType() : input.operation.operation === 'subscription' ? schema.getSubscriptionType() : schema.getQueryType();
  return root ? visit(root, input.operation.selectionSet, new Set()) : 0;
}

/** The stable code of a query refused because its estimate exceeds the limit. */
export const QUERY_TOO_EXPENSIVE = 'QUERY_TOO_EXPENSIVE';

export const tooExpensive = (estimate: number, limit: number) =>
  new GraphQLError(`this query would resolve about ${Math.round(estimate).toLocaleString('en-US')} fields, over the limit of ${limit.toLocaleString('en-US')}; ask for a shorter period, one centre, or fewer lists at once`, {
    extensions: { code: QUERY_TOO_EXPENSIVE, estimatedCost: Math.round(estimate), maxCost: limit, http: { status: 400 } },
  });
