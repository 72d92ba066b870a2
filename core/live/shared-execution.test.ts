import { describe, expect, it } from 'vitest';
import { GraphQLObjectType, GraphQLSchema, GraphQLString, parse, type ExecutionResult } from 'graphql';
import { Role } from '../entities/enums.js';
import type { AuthUser } from '../auth/auth-user.js';
import { accessClass, subscribeShared } from './shared-execution.js';

/** A schema whose one subscription streams what is pushed to it, counting the resolver calls per field. */
function makeSchema() {
  const calls = { text: 0, author: 0 };
  const pushers: ((item: unknown) => void)[] = [];
  const Event = new GraphQLObjectType({
    name: 'Event',
    fields: {
      text: { type: GraphQLString, resolve: (_root, _args, ctx: { user: AuthUser }) => (calls.text++, `${ctx.user.role}:${ctx.user.id}`) },
      author: { type: GraphQLString, resolve: (_root, _args, ctx: { user: AuthUser }) => (calls.author++, ctx.user.id) },
    },
  });
  const schema = new GraphQLSchema({
    query: new GraphQLObjectType({ name: 'Query', fields: { ok: { type: GraphQLString } } }),
    subscription: new GraphQLObjectType({
      name: 'Subscription',
      fields: {
        events: {
          type: Event,
          resolve: (item) => item,
          subscribe: () => {
            const queue: unknown[] = [];
            let waiter: ((value: IteratorResult<unknown>) => void) | null = null;
            pushers.push((item) => (waiter ? (waiter({ value: item, done: false }), (waiter = null)) : queue.push(item)));
            return {
              next: () => (queue.length ? Promise.resolve({ value: queue.shift(), done: false }) : new Promise((resolve) => (waiter = resolve))),
              return: () => Promise.resolve({ value: undefined, done: true }),
              [Symbol.asyncIterator]() {
                return this;
              },
            };
          },
        },
      },
    }),
  });
  return { schema, calls, push: (item: unknown) => pushers.forEach((push) => push(item)) };
}

const user = (id: string, role: Role, sectors: string[] = []): AuthUser => ({ id, role, organizationId: null, sectors });

async function subscribe(schema: GraphQLSchema, query: string, who: AuthUser) {
  const stream = (await subscribeShared({ schema, document: parse(query), contextValue: { user: who } })) as AsyncGenerator<ExecutionResult>;
  return stream;
}

describe('shared execution of live events', () => {
  it('executes an event once per access class and query, and hands that result to each subscriber of the class', async () => {
    const { schema, calls, push } = makeSchema();
    const query = 'subscription { events { text } }';
    const a = await subscribe(schema, query, user('a', Role.CURATOR));
    const b = await subscribe(schema, query, user('b', Role.CURATOR));
    const c = await subscribe(schema, query, user('c', Role.MINISTRY_OBSERVER, ['waste']));
    const delivery = { facts: {} };
    push(delivery);
    const [ra, rb, rc] = await Promise.all([a.next(), b.next(), c.next()]);
    expect(calls.text).toBe(2);
    expect(ra.value).toBe(rb.value);
    expect((ra.value as ExecutionResult).data).toEqual({ events: { text: 'CURATOR:a' } });
    expect((rc.value as ExecutionResult).data).toEqual({ events: { text: 'MINISTRY_OBSERVER:c' } });
    // The next event is executed afresh.
    push({ facts: {} });
    await Promise.all([a.next(), b.next(), c.next()]);
    expect(calls.text).toBe(4);
  });

  it('executes per user a query that selects a per-user field (reading the author is recorded per reader)', async () => {
    const { schema, calls, push } = makeSchema();
    const query = 'subscription { events { author } }';
    const a = await subscribe(schema, query, user('a', Role.CURATOR));
    const b = await subscribe(schema, query, user('b', Role.CURATOR));
    push({ facts: {} });
    const [ra, rb] = await Promise.all([a.next(), b.next()]);
    expect(calls.author).toBe(2);
    expect((ra.value as ExecutionResult).data).toEqual({ events: { author: 'a' } });
    expect((rb.value as ExecutionResult).data).toEqual({ events: { author: 'b' } });
  });

  it('does not share between different queries or items that are not live deliveries', async () => {
    const { schema, calls, push } = makeSchema();
    const a = await subscribe(schema, 'subscription { events { text } }', user('a', Role.CURATOR));
    const b = await subscribe(schema, 'subscription { events { t: text } }', user('a', Role.CURATOR));
    push({ facts: {} });
    await Promise.all([a.next(), b.next()]);
    expect(calls.text).toBe(2);
    push({ plain: true });
    await Promise.all([a.next(), b.next()]);
    expect(calls.text).toBe(4);
  });

  it('writes a live event to each socket as the frame graphql-ws would send, its payload serialized once per class', async () => {
    const { schema, calls, push } = makeSchema();
    const query = 'subscription { events { text } }';
    let serialized = 0;
    const serialize = (result: ExecutionResult) => (serialized++, JSON.stringify(result));
    const frames: string[][] = [[], [], []];
    const direct = async (who: AuthUser, operationId: string, sink: string[]) => {
      const contextValue = { user: who, operationId, connection: { cache: new Map(), close() {}, write: async (frame: string) => void sink.push(frame) } };
      return (await subscribeShared({ schema, document: parse(query), contextValue }, serialize)) as AsyncGenerator<ExecutionResult>;
    };
    const a = await direct(user('a', Role.CURATOR), 'op-a', frames[0]);
    const b = await direct(user('b', Role.CURATOR), 'op-"b"', frames[1]);
    const c = await direct(user('c', Role.MINISTRY_OBSERVER, ['waste']), 'op-c', frames[2]);
    // The generators write live items themselves and only ever return to graphql-ws at the end.
    const pending = [a, b, c].map((stream) => stream.next());
    push({ facts: {} });
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(calls.text).toBe(2);
    expect(serialized).toBe(2);
    const frame = (id: string, text: string) => JSON.stringify({ id, type: 'next', payload: { data: { events: { text } } } });
    expect(frames).toEqual([[frame('op-a', 'CURATOR:a')], [frame('op-"b"', 'CURATOR:a')], [frame('op-c', 'MINISTRY_OBSERVER:c')]]);
    // An item that is not a live delivery goes back to graphql-ws as before.
    push({ plain: true });
    const [ra] = await Promise.all(pending);
    expect(ra.value).toEqual({ data: { events: { text: 'CURATOR:a' } } });
    await Promise.all([a, b, c].map((stream) => stream.return(undefined)));
  });

  it('tells access classes apart by role, personal-data view, body and sectors, not by user', () => {
    expect(accessClass(user('a', Role.CURATOR))).toBe(accessClass(user('b', Role.CURATOR)));
    expect(accessClass(user('a', Role.MINISTRY_OBSERVER, ['waste', 'roads']))).toBe(accessClass(user('b', Role.MINISTRY_OBSERVER, ['roads', 'waste'])));
    expect(accessClass(user('a', Role.MINISTRY_OBSERVER, ['waste']))).not.toBe(accessClass(user('a', Role.MINISTRY_OBSERVER, ['roads'])));
    expect(accessClass(user('a', Role.CURATOR))).not.toBe(accessClass(user('a', Role.ANALYST)));
    expect(accessClass({ ...user('a', Role.ORG_OPERATOR), organizationId: 'x' })).not.toBe(
      accessClass({ ...user('a', Role.ORG_OPERATOR), organizationId: 'y' }),
    );
  });
});
