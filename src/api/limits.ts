import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, type ASTVisitor, type ValidationContext } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { withoutSuggestions } from './errors.js';

/** The contract's limits: refused before anything runs. */
export const limits = {
  bodyBytes: 1024 * 1024,
  depth: 15,
  aliases: 1000,
  fields: 1000,
  tokens: 20_000,
  cost: 100_000,
  /**
   * The estimated fields a query may resolve, lists multiplied by their expected length
   * (src/api/guards/cost.ts), and how long it may run (QUERY_TIMEOUT_MS): docs/design.md.
   */
  listCost: 50_000,
  queryTimeoutMs: 2_000,
} as const;

/** Counts every field selection, aliased or not, across the document's operations and fragments. */
function maxFieldsRule(max: number) {
  return (context: ValidationContext): ASTVisitor => {
    let fields = 0;
    return {
      Field() {
        fields += 1;
        if (fields === max + 1) {
          context.reportError(new GraphQLError(`the document selects more than ${max} fields`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } }));
        }
      },
      [Kind.DOCUMENT]: { leave() {} },
    };
  };
}

/** Validation rules that stop oversized or probing documents, and introspection where it is off. */
export function limitPlugins(options: { introspection: boolean }): Plugin[] {
  const armor = EnvelopArmorPlugin({
    maxDepth: { n: limits.depth },
    maxAliases: { n: limits.aliases },
    maxTokens: { n: limits.tokens },
    costLimit: { maxCost: limits.cost },
    maxDirectives: { n: 50 },
    blockFieldSuggestion: { enabled: true },
  });
  const rules: Plugin = {
    onValidate({ addValidationRule }) {
      addValidationRule(maxFieldsRule(limits.fields));
      if (!options.introspection) addValidationRule(NoSchemaIntrospectionCustomRule);
      // graphql-js suggests fields, arguments, types and enum values ("Did you mean …"): none leave.
      return ({ valid, result, setResult }) => {
        if (valid) return;
        setResult(result.map((error) => new GraphQLError(withoutSuggestions(error.message), { nodes: error.nodes, extensions: error.extensions })));
      };
    },
  };
  return [armor as Plugin, rules];
}
