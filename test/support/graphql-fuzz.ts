import fc from 'fast-check';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLObjectType,
  GraphQLScalarType,
  getNamedType,
  isAbstractType,
  isLeafType,
  isObjectType,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLOutputType,
  type GraphQLSchema,
} from 'graphql';

type Gen = fc.GeneratorValue;

export interface FuzzRequest {
  query: string;
  variables: Record<string, unknown>;
}

/** Values of no type in particular: what a careless or hostile client sends. */
const garbage = fc.oneof(
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.constantFrom(2 ** 53, -(2 ** 31) - 1, 2 ** 31, 1e308, -0),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.constantFrom("' or 1=1 --", '\u0000', '../../etc/passwd', '<script>alert(1)</script>', '𝕳𝖊𝖑𝖑𝖔 👩‍👩‍👧', 'NaN', '1e999', '{}', '[]'),
  fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'я'.repeat(n)),
  fc.array(fc.integer(), { maxLength: 4 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
);

const uuid = fc.uuid();
const text = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 60 }) },
  { weight: 1, arbitrary: fc.integer({ min: 5_000, max: 300_000 }).map((n) => 'Ж'.repeat(n)) },
  { weight: 1, arbitrary: fc.constantFrom('housing', 'waste', 'roads', '12-2026-0000001', 'a@b.c', '') },
);

function scalarValue(g: Gen, type: GraphQLScalarType): unknown {
  switch (type.name) {
    case 'Int':
      return g(() => fc.oneof(fc.integer({ min: -5, max: 600 }), fc.integer()));
    case 'Float':
      return g(fc.double, { noNaN: true, noDefaultInfinity: true });
    case 'Boolean':
      return g(fc.boolean);
    case 'ID':
      return g(() => fc.oneof(uuid, uuid, fc.string({ maxLength: 40 })));
    case 'DateTime':
      return g(() =>
        fc.oneof(
          fc.date({ min: new Date('1900-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }).map((d) => d.toISOString()),
          fc.string({ maxLength: 30 }),
        ),
      );
    case 'JSON':
    case 'JSONObject':
      return g(fc.jsonValue, { maxDepth: 3 });
    default:
      return g(() => text);
  }
}

/** A value for an input type: usually of the right type, sometimes not (1 in 8), sometimes null. */
export function inputValue(g: Gen, type: GraphQLInputType, depth = 0): unknown {
  if (g(fc.integer, { min: 0, max: 7 }) === 0) return g(() => garbage);
  if (type instanceof GraphQLNonNull) return inputValue(g, type.ofType, depth);
  if (depth > 0 && g(fc.integer, { min: 0, max: 9 }) === 0) return null;
  if (type instanceof GraphQLList) {
    const length = g(fc.integer, { min: 0, max: depth > 1 ? 2 : 5 });
    return Array.from({ length }, () => inputValue(g, type.ofType, depth + 1));
  }
  if (type instanceof GraphQLEnumType) {
    const values = type.getValues().map((v) => v.name);
    return g(() => fc.oneof(fc.constantFrom(...values), fc.constantFrom(...values), fc.string({ maxLength: 12 })));
  }
  if (type instanceof GraphQLInputObjectType) {
    const result: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      const required = field.type instanceof GraphQLNonNull;
      if (required ? g(fc.integer, { min: 0, max: 19 }) > 0 : g(fc.boolean)) result[field.name] = depth > 3 ? null : inputValue(g, field.type, depth + 1);
    }
    if (g(fc.integer, { min: 0, max: 9 }) === 0) result[g(fc.string, { maxLength: 10 })] = g(() => garbage);
    return result;
  }
  return scalarValue(g, type as GraphQLScalarType);
}

/** A selection set for a type: a few fields, nested to a random depth, now and then a field that does not exist. */
function selection(g: Gen, type: GraphQLOutputType, depth: number): string {
  const named = getNamedType(type);
  if (isLeafType(named)) return '';
  if (isAbstractType(named)) return '{ __typename }';
  if (!isObjectType(named)) return '';
  const fields = Object.values((named as GraphQLObjectType).getFields());
  const leaves = fields.filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => a.type instanceof GraphQLNonNull));
  const objects = fields.filter((f) => !isLeafType(getNamedType(f.type)) && !f.args.some((a) => a.type instanceof GraphQLNonNull));
  const picked: string[] = [];
  const count = g(fc.integer, { min: 1, max: 4 });
  for (let i = 0; i < count; i++) {
    const deeper = depth < 5 && objects.length > 0 && g(fc.integer, { min: 0, max: 2 }) === 0;
    if (deeper) {
      const name = g(fc.constantFrom, ...objects.map((f) => f.name));
      picked.push(`${name} ${selection(g, objects.find((f) => f.name === name)!.type, depth + 1)}`);
    } else if (leaves.length > 0) {
      picked.push(g(fc.constantFrom, ...leaves.map((f) => f.name)));
    }
  }
  if (g(fc.integer, { min: 0, max: 29 }) === 0) picked.push(g(fc.constantFrom, 'nope', 'password', 'passwordHash', '__schema { types { name } }'));
  if (picked.length === 0) picked.push('__typename');
  return `{ ${picked.join(' ')} }`;
}

/** A GraphQL literal for a JSON value (for arguments written inline instead of as variables). */
function literal(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (Array.isArray(value)) return `[${value.map(literal).join(', ')}]`;
  if (typeof value === 'object')
    return `{ ${Object.entries(value)
      .map(([k, v]) => `${/^[_A-Za-z][_0-9A-Za-z]*$/.test(k) ? k : 'bad'}: ${literal(v)}`)
      .join(', ')} }`;
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '0';
  return JSON.stringify(value);
}

function typeName(type: GraphQLInputType): string {
  return String(type);
}

/**
 * One request for the schema: a root field of Query or Mutation with
 * arguments (inline or as variables, of the right type or not) and a nested
 * selection; now and then the document is cut or spliced with junk, so that
 * it does not parse.
 */
export function fuzzRequest(g: Gen, schema: GraphQLSchema): FuzzRequest {
  // Queries four times in five. Draw names, not schema objects: fast-check compares what it draws, and schema objects are cyclic.
  const mutation = schema.getMutationType();
  const root = mutation && g(fc.integer, { min: 0, max: 4 }) === 0 ? mutation : schema.getQueryType()!;
  const fields = root.getFields();
  const field: GraphQLField<unknown, unknown> = fields[g(fc.constantFrom, ...Object.keys(fields))];
  const variables: Record<string, unknown> = {};
  const declarations: string[] = [];
  const args: string[] = [];
  for (const arg of field.args) {
    const required = arg.type instanceof GraphQLNonNull;
    if (!required && g(fc.boolean)) continue;
    if (required && g(fc.integer, { min: 0, max: 29 }) === 0) continue; // a required argument missing
    const value = inputValue(g, arg.type);
    if (g(fc.boolean)) {
      declarations.push(`$${arg.name}: ${typeName(arg.type)}`);
      variables[arg.name] = value;
      args.push(`${arg.name}: $${arg.name}`);
    } else {
      args.push(`${arg.name}: ${literal(value)}`);
    }
  }
  const operation = root === mutation ? 'mutation' : 'query';
  const head = declarations.length ? `${operation} Fuzz(${declarations.join(', ')})` : operation;
  let query = `${head} { ${field.name}${args.length ? `(${args.join(', ')})` : ''} ${selection(g, field.type, 1)} }`;
  const damage = g(fc.integer, { min: 0, max: 14 });
  if (damage === 0) query = query.slice(0, g(fc.integer, { min: 0, max: query.length }));
  if (damage === 1) {
    const at = g(fc.integer, { min: 0, max: query.length });
    query = query.slice(0, at) + g(fc.constantFrom, '{', '}', '(', '"', '$', '...', '@skip', '#', '\u0000', '🙂') + query.slice(at);
  }
  return { query, variables };
}
