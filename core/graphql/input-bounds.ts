import {
  GraphQLError,
  Kind,
  TypeInfo,
  getNamedType,
  isInputObjectType,
  isListType,
  isNonNullType,
  isScalarType,
  visit,
  visitWithTypeInfo,
  type DocumentNode,
  type GraphQLInputType,
  type GraphQLSchema,
  type ValueNode,
} from 'graphql';
import type { ApolloServerPlugin } from '@apollo/server';
import { unsafeTextReason } from './unsafe-text.js';

/** The kinds of free text an argument or input field carries, each with its own length limit. */
export interface InputLimits {
  /** Search terms (`search`): a pattern PostgreSQL matches against every candidate row. */
  search: number;
  /** Long texts: an appeal's text, an answer, a comment or reason. */
  text: number;
  /** Every other string: names, addresses, codes, ids, e-mails, tokens, cursors. */
  string: number;
}

const SEARCH_FIELDS = new Set(['search']);
const TEXT_FIELDS = new Set(['text', 'comment', 'reason', 'summary', 'decision', 'resolution', 'description']);
/** Arguments whose rows the resolver validates one by one (an invalid row is reported, the others kept). */
const PER_ROW_ARGUMENTS = new Set(['Mutation.importAppeals.input', 'Mutation.importSurveyResponses.rows', 'Mutation.submitSurveyResponse.answers']);

const kindOf = (name: string): keyof InputLimits => (SEARCH_FIELDS.has(name) ? 'search' : TEXT_FIELDS.has(name) ? 'text' : 'string');

/** One place of the document where a client's value enters: an argument, its literal and its type. */
interface Site {
  path: string;
  name: string;
  type: GraphQLInputType;
  value: ValueNode;
}

const sitesOf = new WeakMap<DocumentNode, Site[]>();
const defaultsOf = new WeakMap<DocumentNode, Map<string, ValueNode>>();

/** Variables' default values written in the document: a client's text too, checked when the variable is not sent. */
function variableDefaults(document: DocumentNode): Map<string, ValueNode> {
  let defaults = defaultsOf.get(document);
  if (defaults) return defaults;
  defaults = new Map();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
    for (const variable of definition.variableDefinitions ?? []) {
      if (variable.defaultValue && !defaults.has(variable.variable.name.value)) defaults.set(variable.variable.name.value, variable.defaultValue);
    }
  }
  defaultsOf.set(document, defaults);
  return defaults;
}

/** The arguments of every field of the document (fragments included), with their types: computed once per document. */
function argumentSites(schema: GraphQLSchema, document: DocumentNode): Site[] {
  let sites = sitesOf.get(document);
  if (sites) return sites;
  sites = [];
  const typeInfo = new TypeInfo(schema);
  const found = sites;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Argument(node) {
        const argument = typeInfo.getArgument();
        const parent = typeInfo.getParentType();
        const field = typeInfo.getFieldDef();
        if (!argument || !field) return;
        if (parent && PER_ROW_ARGUMENTS.has(`${parent.name}.${field.name}.${argument.name}`)) return;
        found.push({ path: argument.name, name: argument.name, type: argument.type, value: node.value });
      },
    }),
  );
  sitesOf.set(document, sites);
  return sites;
}

function refusal(path: string, message: string, extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'BAD_USER_INPUT', field: path, ...extra, http: { status: 400 } } });
}

function checkString(value: string, path: string, name: string, limits: InputLimits): GraphQLError | null {
  const kind = kindOf(name);
  const max = limits[kind];
  if (value.length > max) return refusal(path, `${path}: не длиннее ${max} символов (получено ${value.length})`, { max });
  const unsafe = unsafeTextReason(value);
  return unsafe ? refusal(path, `${path}: ${unsafe}`) : null;
}

/** A value as the client sent it (JSON of a variable), walked along its input type. */
function checkValue(value: unknown, type: GraphQLInputType, path: string, name: string, limits: InputLimits): GraphQLError | null {
  if (value === null || value === undefined) return null;
  const inner = isNonNullType(type) ? type.ofType : type;
  if (isListType(inner)) {
    const items = Array.isArray(value) ? value : [value];
    for (let i = 0; i < items.length; i++) {
      const error = checkValue(items[i], inner.ofType, `${path}.${i}`, name, limits);
      if (error) return error;
    }
    return null;
  }
  if (isInputObjectType(inner)) {
    if (typeof value !== 'object' || Array.isArray(value)) return null;
    const fields = inner.getFields();
    for (const [key, item] of Object.entries(value as Record<string, unknown>)) {
      const field = fields[key];
      if (!field) continue;
      const error = checkValue(item, field.type, `${path}.${key}`, key, limits);
      if (error) return error;
    }
    return null;
  }
  if (typeof value === 'string') return checkString(value, path, name, limits);
  if (isScalarType(inner) && typeof value === 'object') {
    // A JSON scalar (sector details, a raw record): every string inside it, as long texts at most.
    return checkJson(value, path, limits);
  }
  return null;
}

function checkJson(value: unknown, path: string, limits: InputLimits): GraphQLError | null {
  if (typeof value === 'string') return checkString(value, path, 'text', limits);
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const error = checkJson(value[i], `${path}.${i}`, limits);
      if (error) return error;
    }
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      const error = checkString(key, path, 'string', limits) ?? checkJson(item, `${path}.${key}`, limits);
      if (error) return error;
    }
  }
  return null;
}

/** A literal of the document (or a variable in it), walked along its input type. */
function checkLiteral(
  node: ValueNode,
  type: GraphQLInputType,
  path: string,
  name: string,
  limits: InputLimits,
  variables: Record<string, unknown>,
  defaults: Map<string, ValueNode>,
): GraphQLError | null {
  const inner = isNonNullType(type) ? type.ofType : type;
  switch (node.kind) {
    case Kind.VARIABLE: {
      const value = variables[node.name.value];
      const fallback = defaults.get(node.name.value);
      if (value === undefined && fallback) return checkLiteral(fallback, type, path, name, limits, {}, new Map());
      return checkValue(value, type, path, name, limits);
    }
    case Kind.STRING:
      return checkString(node.value, path, name, limits);
    case Kind.LIST: {
      const itemType = isListType(inner) ? inner.ofType : inner;
      for (let i = 0; i < node.values.length; i++) {
        const error = checkLiteral(node.values[i]!, itemType, `${path}.${i}`, name, limits, variables, defaults);
        if (error) return error;
      }
      return null;
    }
    case Kind.OBJECT: {
      const named = getNamedType(inner);
      if (!isInputObjectType(named)) return null;
      const fields = named.getFields();
      for (const field of node.fields) {
        const def = fields[field.name.value];
        if (!def) continue;
        const error = checkLiteral(field.value, def.type, `${path}.${field.name.value}`, field.name.value, limits, variables, defaults);
        if (error) return error;
      }
      return null;
    }
    default:
      return null;
  }
}

/**
 * The one bound on what a client may send in an operation's arguments
 * (literals and variables alike, input objects and lists included): every
 * string within the length of its kind (InputLimits: INPUT_MAX_SEARCH_LENGTH,
 * INPUT_MAX_TEXT_LENGTH, INPUT_MAX_STRING_LENGTH) and free of NUL and lone
 * surrogates. Checked after validation and before any resolver, so an
 * over-long search never reaches PostgreSQL. Returns the first refusal:
 * BAD_USER_INPUT with `extensions.field` (`filter.search`, `input.text`) and
 * `max` for a length. The rows of an import are left to their per-row check.
 */
export function checkOperationInputs(
  schema: GraphQLSchema,
  document: DocumentNode,
  variables: Record<string, unknown> | undefined,
  limits: InputLimits,
): GraphQLError | null {
  const defaults = variableDefaults(document);
  for (const site of argumentSites(schema, document)) {
    const error = checkLiteral(site.value, site.type, site.path, site.name, limits, variables ?? {}, defaults);
    if (error) return error;
  }
  return null;
}

/** The check above as an Apollo plugin: refused before any resolver runs (400). */
export function inputBoundsPlugin(limits: InputLimits): ApolloServerPlugin {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, schema }) {
          const refused = checkOperationInputs(schema, document, request.variables, limits);
          if (refused) throw refused;
        },
      };
    },
  };
}
