import { createSourceEventStream, execute, print, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { AuthUser } from '../auth/auth-user.js';
import { canSeePersonalData } from '../auth/personal-data.js';
import type { RequestContext } from '../auth/request-context.js';

/** What a live delivery carries for sharing: one result, and its payload's JSON text, per (operation, access class). */
export interface SharedResults {
  results?: Map<string, Promise<ExecutionResult>>;
  payloads?: Map<string, Promise<string>>;
}

/** The `next` message's payload as the server sends it (errors formatted), as JSON text. */
export type SerializePayload = (result: ExecutionResult) => string;

/** Fields whose resolvers act per user, not per access class (reading the author records who read it). */
const PER_USER_FIELDS: ReadonlySet<string> = new Set(['author']);

const documentKeys = new WeakMap<DocumentNode, { id: number; perUser: boolean }>();
const documentIds = new Map<string, number>();

function documentKey(document: DocumentNode): { id: number; perUser: boolean } {
  let key = documentKeys.get(document);
  if (key) return key;
  let perUser = false;
  visit(document, { Field: (node) => void (PER_USER_FIELDS.has(node.name.value) && (perUser = true)) });
  // Same text, same id: subscribers that sent the same query share its results.
  const source = document.loc?.source.body ?? print(document);
  let id = documentIds.get(source);
  if (id === undefined) {
    if (documentIds.size > 10_000) documentIds.clear();
    id = documentIds.size + 1;
    documentIds.set(source, id);
  }
  key = { id, perUser };
  documentKeys.set(document, key);
  return key;
}

const isLive = (item: unknown): item is SharedResults => Boolean(item) && typeof item === 'object' && 'facts' in (item as object);

/**
 * The access class of a subscriber: everything the resolvers of an event
 * read from the caller — the role (which also fixes the personal-data view),
 * the body and the sectors (the scope of nested reads). Two subscribers of
 * one class see the same result for the same query and event.
 */
export function accessClass(user: AuthUser | null): string {
  if (!user) return 'anonymous';
  return `${user.role}|${canSeePersonalData(user) ? 'pii' : 'masked'}|${user.organizationId ?? ''}|${[...user.sectors].sort().join(',')}`;
}

/**
 * graphql-ws's `subscribe`: as graphql-js's (the source stream, then the
 * operation executed for each item with the item as root), except that an
 * item that carries `SharedResults` (a live delivery) is executed once per
 * (query text, variables, operation, access class) and the result handed to
 * every subscriber of that class. A query selecting a per-user field
 * (`author`: reading it is recorded per user) is executed per user.
 * With `serialize`, and a context that carries its socket's `write` and the
 * operation id, a live item skips graphql-ws's per-subscriber path (its
 * `next` hook, message object and JSON.stringify): the payload's text is
 * made once per class and each subscriber's socket gets `{"id":…,"type":
 * "next","payload":…}` — the bytes graphql-ws would have sent.
 */
export async function subscribeShared(args: ExecutionArgs, serialize?: SerializePayload): Promise<AsyncGenerator<ExecutionResult> | ExecutionResult> {
  const source = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in (source as object))) return source as ExecutionResult;
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  const ctx = args.contextValue as RequestContext | undefined;
  const document = documentKey(args.document);
  const key = `${document.id}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${
    document.perUser ? `user:${ctx?.user?.id ?? ''}` : accessClass(ctx?.user ?? null)
  }`;
  const run = (item: unknown) => execute({ ...args, rootValue: item }) as Promise<ExecutionResult> | ExecutionResult;
  const resultOf = (item: unknown): Promise<ExecutionResult> | ExecutionResult => {
    if (!isLive(item)) return run(item);
    const shared = item as SharedResults;
    const results = (shared.results ??= new Map());
    let result = results.get(key);
    if (!result) {
      result = Promise.resolve(run(item));
      results.set(key, result);
    }
    return result;
  };
  // The socket's own path: the `next` frame written directly, its payload serialized once per class (see below).
  const write = serialize && ctx?.connection?.write && ctx.operationId !== undefined ? ctx.connection.write : null;
  const head = write ? `{"id":${JSON.stringify(ctx!.operationId)},"type":"next","payload":` : '';
  const payloadOf = (item: SharedResults): Promise<string> => {
    const payloads = (item.payloads ??= new Map());
    let payload = payloads.get(key);
    if (!payload) {
      payload = Promise.resolve(resultOf(item)).then(serialize!);
      payloads.set(key, payload);
    }
    return payload;
  };
  return {
    async next() {
      for (;;) {
        const step = await iterator.next();
        if (step.done) return { done: true, value: undefined };
        const item = step.value;
        if (!write || !isLive(item)) return { done: false, value: await resultOf(item) };
        // The same bytes graphql-ws would send ({id, type, payload}), built from a payload shared by the class;
        // the next item is asked for once the socket has taken this one, as graphql-ws does (the queue bound holds).
        await write(head + (await payloadOf(item)) + '}');
      }
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      await iterator.return?.();
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  } as AsyncGenerator<ExecutionResult>;
}
