import { describe, expect, it } from 'vitest';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, subscribe, type ExecutionResult } from 'graphql';
import { Role } from '../entities/enums.js';
import { unauthenticated } from '../errors/errors.js';
import type { AuthUser } from './auth-user.js';
import { checkAccess, guardSubscriptions } from './access-guard.js';
import type { Access } from './access-matrix.js';

const matrix: Record<string, Access> = { 'Subscription.ticks': [Role.ANALYST], 'Query.ping': 'PUBLIC' };
const user = (role: Role): AuthUser => ({ id: 'u', role, organizationId: null, sectors: [] });

async function* ticks() {
  yield { ticks: 'tick' };
}

/** A schema as type-graphql leaves it: the middleware guards `resolve`, nothing guards `subscribe`. */
function schema() {
  const field = { type: GraphQLString, subscribe: () => ticks() };
  return guardSubscriptions(
    new GraphQLSchema({
      query: new GraphQLObjectType({ name: 'Query', fields: { ping: { type: GraphQLString } } }),
      subscription: new GraphQLObjectType({ name: 'Subscription', fields: { ticks: field, unlisted: field } }),
    }),
    matrix,
  );
}

async function open(field: string, context: object) {
  const result = await subscribe({ schema: schema(), document: parse(`subscription { ${field} }`), contextValue: context });
  if (Symbol.asyncIterator in result) {
    const first = await result.next();
    await result.return?.();
    return { streamed: first.value as ExecutionResult };
  }
  return { refused: result.errors?.[0].extensions?.code };
}

describe('the access guard on subscriptions', () => {
  it('opens the stream for a role in the row', async () => {
    expect(await open('ticks', { user: user(Role.ANALYST) })).toEqual({ streamed: { data: { ticks: 'tick' } } });
  });

  it('refuses other roles, anonymous callers, bad credentials and unlisted operations before the stream starts', async () => {
    expect(await open('ticks', { user: user(Role.ORG_OPERATOR) })).toEqual({ refused: 'FORBIDDEN' });
    expect(await open('ticks', { user: null })).toEqual({ refused: 'UNAUTHENTICATED' });
    expect(await open('ticks', { user: null, authError: unauthenticated('Срок действия токена истёк') })).toEqual({ refused: 'UNAUTHENTICATED' });
    expect(await open('unlisted', { user: user(Role.ADMIN) })).toEqual({ refused: 'FORBIDDEN' });
  });
});

describe('checkAccess', () => {
  it('lets PUBLIC through even with bad credentials, and fails closed on a missing row', () => {
    expect(() => checkAccess(matrix, 'Query.ping', { user: null, authError: unauthenticated() })).not.toThrow();
    expect(() => checkAccess(matrix, 'Query.nothing', { user: user(Role.ADMIN) })).toThrow(/Query.nothing/);
  });
});
