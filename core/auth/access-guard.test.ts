import { describe, expect, it } from 'vitest';
import { buildSchema, graphql, parse, subscribe, type ExecutionResult } from 'graphql';
import { Role } from '../entities/enums.js';
import { guardRootFields } from './access-guard.js';
import type { Access } from './access-matrix.js';

const sdl = `
  type Item { name: String! }
  type Query { open: String  analysts: Item  unlisted: String }
  type Mutation { act: String }
  type Subscription { ticks: String }
`;

const matrix: Record<string, Access> = {
  'Query.open': 'PUBLIC',
  'Query.analysts': [Role.ANALYST],
  'Mutation.act': [Role.ADMIN],
  'Subscription.ticks': [Role.ANALYST],
};

function schema() {
  const s = buildSchema(sdl);
  s.getQueryType()!.getFields().open.resolve = () => 'ok';
  s.getQueryType()!.getFields().analysts.resolve = () => ({ name: 'item' });
  s.getQueryType()!.getFields().unlisted.resolve = () => 'leak';
  s.getMutationType()!.getFields().act.resolve = () => 'done';
  s.getSubscriptionType()!.getFields().ticks.subscribe = async function* () {
    yield { ticks: 'tick' };
  };
  return guardRootFields(s, matrix);
}

const as = (role: Role | null) => ({ user: role ? { id: 'u', role, organizationId: null, sectors: [] } : null });
const codes = (result: ExecutionResult) => result.errors?.map((e) => e.extensions?.code);

describe('access guard on root fields', () => {
  const s = schema();

  it('lets PUBLIC operations through for anonymous callers', async () => {
    expect((await graphql({ schema: s, source: '{ open }', contextValue: as(null) })).data).toEqual({ open: 'ok' });
  });

  it('asks anonymous callers to sign in and refuses other roles', async () => {
    expect(codes(await graphql({ schema: s, source: '{ analysts { name } }', contextValue: as(null) }))).toEqual(['UNAUTHENTICATED']);
    expect(codes(await graphql({ schema: s, source: '{ analysts { name } }', contextValue: as(Role.ORG_OPERATOR) }))).toEqual(['FORBIDDEN']);
    const ok = await graphql({ schema: s, source: '{ analysts { name } }', contextValue: as(Role.ANALYST) });
    expect(ok).toEqual({ data: { analysts: { name: 'item' } } });
  });

  it('refuses an operation without a row in the matrix (fail closed), for every role', async () => {
    for (const role of Object.values(Role)) {
      expect(codes(await graphql({ schema: s, source: '{ unlisted }', contextValue: as(role) }))).toEqual(['FORBIDDEN']);
    }
  });

  it('raises a bad token before anything else, even for a permitted role', async () => {
    const authError = Object.assign(new Error('bad token'), { extensions: { code: 'UNAUTHENTICATED' } });
    const result = await graphql({ schema: s, source: '{ analysts { name } }', contextValue: { ...as(Role.ANALYST), authError } });
    expect(result.errors?.[0].message).toBe('bad token');
  });

  it('guards mutations, and subscriptions before the stream opens', async () => {
    expect(codes(await graphql({ schema: s, source: 'mutation { act }', contextValue: as(Role.ANALYST) }))).toEqual(['FORBIDDEN']);
    const refused = (await subscribe({ schema: s, document: parse('subscription { ticks }'), contextValue: as(Role.ADMIN) })) as ExecutionResult;
    expect(codes(refused)).toEqual(['FORBIDDEN']);
    const stream = (await subscribe({
      schema: s,
      document: parse('subscription { ticks }'),
      contextValue: as(Role.ANALYST),
    })) as AsyncIterableIterator<ExecutionResult>;
    expect((await stream.next()).value).toEqual({ data: { ticks: 'tick' } });
  });

  it('leaves fields below the root untouched (no per-field cost)', () => {
    expect(s.getType('Item') && (s.getType('Item') as any).getFields().name.resolve).toBeUndefined();
  });
});
