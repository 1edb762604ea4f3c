import { Kind, type FragmentDefinitionNode, defaultFieldResolver, getOperationAST, GraphQLError, isObjectType, type GraphQLSchema } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { ApiContext } from '../context.js';
import { estimateCost, tooExpensive } from './cost.js';

/** The stable code of a query cancelled because it ran past its time budget. */
export const TIMEOUT = 'TIMEOUT';

/** What a query carries to its resolvers: when it must stop. */
interface Deadline {
  readonly deadline?: number;
}

const timedOut = (budgetMs: number) =>
  new GraphQLError(`the query ran longer than ${budgetMs} ms and was stopped; ask for a shorter period, one centre, or fewer lists at once`, {
    extensions: { code: TIMEOUT, budgetMs, http: { status: 503 } },
  });

/**
 * Every field checks the request's deadline before it resolves (a clock read, tens of nanoseconds).
 * The resolvers are synchronous reads of SQLite, so a query cannot be interrupted in the middle of
 * one; but a list is resolved item by item, and each item's fields check, so a query past its
 * budget stops within one item's work. A non-null item that throws ends its whole list at once.
 */
export function withDeadlines(schema: GraphQLSchema): GraphQLSchema {
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) || type.name.startsWith('__') || type === schema.getMutationType() || type === schema.getSubscriptionType()) continue;
    for (const field of Object.values(type.getFields())) {
      const resolve = field.resolve ?? defaultFieldResolver;
      field.resolve = (source, args, context: Deadline & { budgetMs?: number }, info) => {
        if (context.deadline !== undefined && Date.now() > context.deadline) throw timedOut(context.budgetMs ?? 0);
        return resolve(source, args, context, info);
      };
    }
  }
  return schema;
}

/**
 * Queries only (a mutation's answer waits for its write, a subscription lives long): refused before
 * they run when the estimate exceeds `maxCost`, and given `budgetMs` from the moment they start.
 * A query stopped by its budget answers one TIMEOUT error and no partial data.
 */
export function budgetPlugin(options: { maxCost: number; budgetMs: number }): Plugin<ApiContext> {
  return {
    onExecute({ args, extendContext, setResultAndStopExecution }) {
      const operation = getOperationAST(args.document, args.operationName);
      if (operation?.operation !== 'query') return;
      const context = args.contextValue as ApiContext;
      const fragments: Record<string, FragmentDefinitionNode> = {};
      for (const definition of args.document.definitions) if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments[definition.name.value] = definition;
      const estimate = estimateCost({ schema: args.schema, operation, fragments, variables: args.variableValues ?? {}, sizes: context.read.sizes() });
      if (estimate > options.maxCost) {
        setResultAndStopExecution({ errors: [tooExpensive(estimate, options.maxCost)] });
        return;
      }
      extendContext({ deadline: Date.now() + options.budgetMs, budgetMs: options.budgetMs } as Partial<ApiContext>);
      return {
        onExecuteDone({ result, setResult }) {
          if (!('errors' in result) || !result.errors?.some((error) => error.extensions?.code === TIMEOUT)) return;
          setResult({ errors: [timedOut(options.budgetMs)] });
        },
      };
    },
  };
}
