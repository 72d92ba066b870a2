import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import {
  GraphQLEnumType,
  GraphQLInputObjectType,
  GraphQLList,
  GraphQLNonNull,
  GraphQLScalarType,
  getNamedType,
  isCompositeType,
  isNonNullType,
  parse,
  subscribe,
  type GraphQLArgument,
  type GraphQLField,
  type GraphQLInputType,
  type GraphQLSchema,
} from 'graphql';
import { startTestApp, type TestApp } from './support/test-app.js';
import { Role } from '../core/entities/enums.js';
import { accessMatrixFor, buildAppSchema } from '../schema/build-schema.js';
import { allPlugins } from '../plugins/index.js';
import { hashPassword } from '../core/auth/password.js';
import { createRequestContext } from '../core/auth/request-context.js';
import { matrixInReadme, renderAccessMatrix } from '../core/auth/access-matrix-doc.js';
import type { AuthUser } from '../core/auth/auth-user.js';
import { insertInto, query, sql } from '../core/db/sql.js';

/**
 * Walks the access matrix against the running schema: every root operation
 * has a row, every row an operation, and for every role (and an anonymous
 * caller) the server allows exactly what the row says.
 */

const ROOTS = ['Query', 'Mutation', 'Subscription'] as const;
const ROLES = Object.values(Role);
const LOGIN = { email: 'matrix.login@test.local', password: 'matrix-pass-1' };

/** Values for scalars in required arguments; a new scalar needs one here. */
const SCALAR_SAMPLES: Record<string, unknown> = {
  ID: '00000000-0000-4000-8000-000000000000',
  String: 'x',
  Int: 1,
  Float: 1,
  Boolean: false,
  DateTime: '2026-01-15T09:00:00.000Z',
  Date: '2026-01-15',
  JSON: {},
  JSONObject: {},
  UUID: '00000000-0000-4000-8000-000000000000',
};

/** Arguments for operations that dummy values cannot exercise (login must succeed to show it was allowed). */
const ARGUMENT_OVERRIDES: Record<string, Record<string, unknown>> = {
  'Mutation.login': LOGIN,
};

const matrix = accessMatrixFor(allPlugins);
let t: TestApp;
let schema: GraphQLSchema;
/** The schema with every optional part on (all plugins, the channels' intake): what the matrix must cover. */
let fullSchema: GraphQLSchema;
const tokens = new Map<Role, string>();
const users = new Map<Role, AuthUser>();

beforeAll(async () => {
  t = await startTestApp();
  schema = t.running.schema;
  fullSchema = await buildAppSchema(allPlugins, { channelIntake: true });
  const scoped: Partial<Record<Role, { organizationCode?: string; sectors?: string[] }>> = {
    [Role.ORG_OPERATOR]: { organizationCode: 'adm-yoshkar-ola' },
    [Role.SECTOR_LEAD]: { sectors: ['housing'] },
    [Role.SECTOR_SPECIALIST]: { sectors: ['housing'] },
    [Role.MINISTRY_OBSERVER]: { sectors: ['housing'] },
  };
  for (const role of ROLES) {
    const { id, token } = await t.user(role, scoped[role]);
    tokens.set(role, token);
    users.set(role, { id, role, organizationId: null, sectors: scoped[role]?.sectors ?? [] });
  }
  await query(
    t.em(),
    insertInto('app_user', [
      {
        id: sql`gen_random_uuid()`,
        email: LOGIN.email,
        password_hash: await hashPassword(LOGIN.password),
        full_name: 'Matrix',
        role: Role.ANALYST,
        sectors: [],
      },
    ]),
  );
});
afterAll(() => t?.stop());

interface Operation {
  name: string;
  root: (typeof ROOTS)[number];
  field: GraphQLField<unknown, unknown>;
}

function operations(of: GraphQLSchema = schema): Operation[] {
  return ROOTS.flatMap((root) => {
    const type = of.getRootType(root === 'Query' ? ('query' as never) : root === 'Mutation' ? ('mutation' as never) : ('subscription' as never));
    return type ? Object.values(type.getFields()).map((field) => ({ name: `${root}.${field.name}`, root, field })) : [];
  });
}

function sample(type: GraphQLInputType, where: string): unknown {
  if (type instanceof GraphQLNonNull) return sample(type.ofType, where);
  if (type instanceof GraphQLList) return [sample(type.ofType, where)];
  if (type instanceof GraphQLEnumType) return type.getValues()[0].name;
  if (type instanceof GraphQLInputObjectType) {
    const value: Record<string, unknown> = {};
    for (const field of Object.values(type.getFields())) {
      if (isNonNullType(field.type) && field.defaultValue === undefined) value[field.name] = sample(field.type, `${where}.${field.name}`);
    }
    return value;
  }
  const scalar = type as GraphQLScalarType;
  if (!(scalar.name in SCALAR_SAMPLES))
    throw new Error(`no sample value for scalar ${scalar.name} (at ${where}): add one to SCALAR_SAMPLES in test/access-matrix.test.ts`);
  return SCALAR_SAMPLES[scalar.name];
}

const required = (arg: GraphQLArgument) => isNonNullType(arg.type) && arg.defaultValue === undefined;

/** A minimal valid document for one root field: required arguments as variables, `__typename` selected. */
function documentFor(op: Operation): { query: string; variables: Record<string, unknown> } {
  const override = ARGUMENT_OVERRIDES[op.name];
  const args = op.field.args.filter((arg) => required(arg) || (override && arg.name in override));
  const variables = Object.fromEntries(args.map((arg) => [arg.name, override?.[arg.name] ?? sample(arg.type, `${op.name}(${arg.name})`)]));
  const declarations = args.map((arg) => `$${arg.name}: ${String(arg.type)}`).join(', ');
  const call = args.length ? `(${args.map((arg) => `${arg.name}: $${arg.name}`).join(', ')})` : '';
  const selection = isCompositeType(getNamedType(op.field.type)) ? ' { __typename }' : '';
  const kind = op.root.toLowerCase();
  return { query: `${kind} Check${declarations ? `(${declarations})` : ''} { ${op.field.name}${call}${selection} }`, variables };
}

type Outcome = { errors?: readonly { message: string; path?: readonly (string | number)[]; extensions?: Record<string, unknown> }[] };

/** Whether the outcome shows the guard's decision matching the row; a description of the mismatch otherwise. */
function judge(op: Operation, who: Role | 'anonymous', outcome: Outcome): string | null {
  const access = matrix[op.name];
  const allowed = access === 'PUBLIC' || (who !== 'anonymous' && access.includes(who));
  const errors = outcome.errors ?? [];
  const codes = errors.map((error) => error.extensions?.code);
  const show = () => `${op.name} as ${who}: ${JSON.stringify(errors.map((e) => [e.extensions?.code, e.message]))}`;
  if (allowed) {
    if (codes.includes('FORBIDDEN') || codes.includes('UNAUTHENTICATED')) return `allowed but refused: ${show()}`;
    // An error without a path came before execution (validation, variables): the resolver never ran.
    if (errors.some((error) => !error.path || error.path[0] !== op.field.name)) return `allowed but never executed: ${show()}`;
    return null;
  }
  const expected = who === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN';
  if (codes[0] !== expected || errors[0].path?.[0] !== op.field.name) return `expected ${expected}: ${show()}`;
  return null;
}

async function post(query: string, variables: Record<string, unknown>, token?: string): Promise<Outcome> {
  return t.gql(query, variables, token);
}

async function subscribeAs(op: Operation, user: AuthUser | null): Promise<Outcome> {
  const { query, variables } = documentFor(op);
  const result = await subscribe({ schema, document: parse(query), variableValues: variables, contextValue: createRequestContext(t.running.app, user) });
  if (Symbol.asyncIterator in result) {
    await result.return?.();
    return {};
  }
  return { errors: result.errors?.map((error) => ({ message: error.message, path: error.path, extensions: error.extensions })) };
}

describe('the access matrix', () => {
  it('has a row for every root operation of the schema (all plugins and parts on), and no row without one', () => {
    const ops = operations(fullSchema).map((op) => op.name);
    expect(
      operations()
        .map((op) => op.name)
        .filter((name) => !ops.includes(name)),
    ).toEqual([]);
    expect(ops.length).toBeGreaterThan(10);
    const missing = ops.filter((name) => !(name in matrix));
    expect(missing, `operations without a row in core/auth/access-matrix.ts (or the plugin's access): ${missing.join(', ')}`).toEqual([]);
    const stale = Object.keys(matrix).filter((name) => !ops.includes(name));
    expect(stale, `rows naming no operation: ${stale.join(', ')}`).toEqual([]);
    for (const [name, access] of Object.entries(matrix)) {
      if (access !== 'PUBLIC') for (const role of access) expect(ROLES, name).toContain(role);
    }
  });

  it('is what the running server enforces, for every operation and every role', async () => {
    const mismatches: string[] = [];
    let calls = 0;
    for (const op of operations().filter((o) => o.root !== 'Subscription')) {
      const { query, variables } = documentFor(op);
      const outcomes = await Promise.all([
        post(query, variables).then((outcome) => judge(op, 'anonymous', outcome)),
        ...ROLES.map((role) => post(query, variables, tokens.get(role)).then((outcome) => judge(op, role, outcome))),
      ]);
      calls += outcomes.length;
      mismatches.push(...outcomes.filter((m): m is string => m !== null));
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
    expect(calls).toBeGreaterThanOrEqual((ROLES.length + 1) * 10);
  });

  it('is what subscriptions enforce when a stream is opened', async () => {
    const mismatches: string[] = [];
    for (const op of operations().filter((o) => o.root === 'Subscription')) {
      mismatches.push(...[judge(op, 'anonymous', await subscribeAs(op, null))].filter((m): m is string => m !== null));
      for (const role of ROLES) {
        const mismatch = judge(op, role, await subscribeAs(op, users.get(role)!));
        if (mismatch) mismatches.push(mismatch);
      }
    }
    expect(mismatches, mismatches.join('\n')).toEqual([]);
  });

  it('is printed, up to date, in docs/access.md (npm run access:print)', () => {
    const printed = matrixInReadme(readFileSync(new URL('../docs/access.md', import.meta.url), 'utf8'));
    expect(printed, 'docs/access.md lacks the access-matrix markers').not.toBeNull();
    expect(printed, 'docs/access.md shows a stale access matrix: run npm run access:print').toBe(renderAccessMatrix(matrix));
  });
});

/** Keeps the walker honest: its verdicts must be able to fail. */
describe('the walker', () => {
  it('builds a parseable document for every operation, filling required arguments', () => {
    for (const op of operations()) expect(() => parse(documentFor(op).query), op.name).not.toThrow();
    expect(operations().some((op) => op.field.args.some(required))).toBe(true);
  });

  it('flags a refused allowed call, a denied call that ran, and a call that never executed', () => {
    const users = operations().find((op) => op.name === 'Query.users')!;
    const refused = { errors: [{ message: 'no', path: ['users'], extensions: { code: 'FORBIDDEN' } }] };
    expect(judge(users, Role.ADMIN, refused)).toMatch(/allowed but refused/);
    expect(judge(users, Role.ANALYST, {})).toMatch(/expected FORBIDDEN/);
    expect(judge(users, 'anonymous', refused)).toMatch(/expected UNAUTHENTICATED/);
    expect(judge(users, Role.ADMIN, { errors: [{ message: 'bad variable', extensions: { code: 'BAD_USER_INPUT' } }] })).toMatch(/never executed/);
    expect(judge(users, Role.ADMIN, { errors: [{ message: 'x', path: ['users'], extensions: { code: 'NOT_FOUND' } }] })).toBeNull();
    expect(judge(users, Role.ANALYST, refused)).toBeNull();
  });
});
