import { ApolloArmor } from '@escape.tech/graphql-armor';
import { GraphQLError, Kind, NoSchemaIntrospectionCustomRule, visit, type ParseOptions, type ValidationContext, type ValidationRule } from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import type { Config } from '../config/config.js';

/** Marks a refusal by a limit; the error formatter answers it as QUERY_TOO_COMPLEX. */
export const LIMIT_EXTENSION = 'limit';
/** Marks a page size over MAX_PAGE_SIZE written in the document; the formatter answers BAD_USER_INPUT on that argument. */
export const PAGE_SIZE_EXTENSION = 'pageSizeArgument';

/** Documents already refused for their page size: the cost rule does not pile a second error on them. */
const pageSizeRefused = new WeakSet<ValidationContext>();

/**
 * `first`/`last` over MAX_PAGE_SIZE written in the document. readPageArgs
 * refuses them at execution (and those passed as variables); this rule only
 * makes a literal one answer the same BAD_USER_INPUT instead of a cost
 * refusal (armor's cost multiplies by `first`). Runs at Document, before the
 * cost rule looks at the operation.
 */
function pageSizeRule(max: number): ValidationRule {
  return (context) => ({
    Document(document) {
      visit(document, {
        Argument(node) {
          const name = node.name.value;
          if ((name === 'first' || name === 'last') && node.value.kind === Kind.INT && Number(node.value.value) > max) {
            pageSizeRefused.add(context);
            context.reportError(new GraphQLError(`${name} должно быть от 0 до ${max}`, { nodes: node, extensions: { [PAGE_SIZE_EXTENSION]: name, max } }));
          }
        },
      });
    },
  });
}

/** graphql-js's message when `parse` stops at `maxTokens` (graphql/language/parser.js). */
const TOKEN_LIMIT_MESSAGE = /^Syntax Error: Document contains more th(?:at|an) \d+ tokens\. Parsing aborted\.$/;

/** True for an error raised by one of the limits below. */
export function isLimitError(formatted: { message: string; extensions?: Record<string, unknown> }): boolean {
  return Boolean(formatted.extensions?.[LIMIT_EXTENSION]) || TOKEN_LIMIT_MESSAGE.test(formatted.message);
}

function refuse(limit: string) {
  return (context: ValidationContext | null, error: GraphQLError) => {
    if (context && pageSizeRefused.has(context)) return;
    context?.reportError(new GraphQLError(error.message, { extensions: { [LIMIT_EXTENSION]: limit } }));
  };
}

export interface GraphQLLimits {
  /**
   * The one list of validation rules beyond graphql-js's own, for both
   * transports (HTTP through Apollo, WebSocket through graphql-ws): the
   * limits below, and, with INTROSPECTION=0, no `__schema`/`__type`.
   */
  validationRules: ValidationRule[];
  plugins: ApolloServerPlugin[];
  parseOptions: ParseOptions;
  /** With introspection off, a validation error's message without "Did you mean …?" (suggestions leak the schema piece by piece). */
  hideSuggestions(error: GraphQLError): GraphQLError;
}

/** graphql-js's suggestion sentence, as Apollo's hideSchemaDetailsFromClientErrors removes it. */
const SUGGESTION = / ?Did you mean(.+?)\?$/;

function suggestionsHidden(error: GraphQLError): GraphQLError {
  if (!SUGGESTION.test(error.message)) return error;
  return new GraphQLError(error.message.replace(SUGGESTION, ''), {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    originalError: error.originalError,
    extensions: error.extensions,
  });
}

/**
 * Limits on the shape of one document, checked while parsing and validating,
 * so a refused document never reaches a resolver or the database:
 * depth, cost, aliases and directives (graphql-armor's validation rules), and
 * tokens (graphql-js's own `maxTokens`, which stops the parser itself, where
 * armor's token plugin would parse every new document a second time).
 * Field suggestions: over HTTP Apollo's `hideSchemaDetailsFromClientErrors`
 * removes them when introspection is off, over WebSocket `hideSuggestions`
 * does the same. Page sizes are checked by readPageArgs.
 */
export function graphqlLimits(config: Config): GraphQLLimits {
  const common = { propagateOnRejection: false, exposeLimits: true };
  const { validationRules, plugins } = new ApolloArmor({
    maxDepth: { ...common, n: config.GRAPHQL_MAX_DEPTH, onReject: [refuse('depth')] },
    costLimit: { ...common, maxCost: config.GRAPHQL_MAX_COST, onReject: [refuse('cost')] },
    maxAliases: { ...common, n: config.GRAPHQL_MAX_ALIASES, onReject: [refuse('aliases')] },
    maxDirectives: { ...common, n: config.GRAPHQL_MAX_DIRECTIVES, onReject: [refuse('directives')] },
    maxTokens: { enabled: false },
    blockFieldSuggestion: { enabled: false },
  }).protect();
  return {
    validationRules: [
      pageSizeRule(config.MAX_PAGE_SIZE),
      ...(validationRules as ValidationRule[]),
      // Apollo refuses introspection over HTTP by itself; this rule is what refuses it over WebSocket too.
      ...(config.introspection ? [] : [NoSchemaIntrospectionCustomRule]),
    ],
    plugins: plugins as ApolloServerPlugin[],
    parseOptions: { maxTokens: config.GRAPHQL_MAX_TOKENS },
    hideSuggestions: config.introspection ? (error) => error : suggestionsHidden,
  };
}
