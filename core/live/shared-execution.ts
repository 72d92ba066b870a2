import { createSourceEventStream, execute, print, visit, type DocumentNode, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type { AuthUser } from '../auth/auth-user.js';
import { canSeePersonalData } from '../auth/personal-data.js';
import type { RequestContext } from '../auth/request-context.js';
import { PushIterator, type PushConsumer } from './push-iterator.js';

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

/** Share keys by their text: the subscribers of one class keep one string, not one each (memory per subscriber); bounded. */
const keys = new Map<string, string>();

function internKey(key: string): string {
  const known = keys.get(key);
  if (known !== undefined) return known;
  if (keys.size >= 10_000) keys.clear();
  keys.set(key, key);
  return key;
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
  const ctx = args.contextValue as RequestContext | undefined;
  const document = documentKey(args.document);
  const key = `${document.id}|${args.operationName ?? ''}|${JSON.stringify(args.variableValues ?? {})}|${
    document.perUser ? `user:${ctx?.user?.id ?? ''}` : accessClass(ctx?.user ?? null)
  }`;
  const writes = Boolean(serialize && ctx?.connection?.write && ctx.operationId !== undefined);
  const iterator = (source as AsyncIterable<unknown>)[Symbol.asyncIterator]();
  return new SharedStream(iterator, args, internKey(key), writes ? serialize! : null) as unknown as AsyncGenerator<ExecutionResult>;
}

/**
 * The stream graphql-ws iterates. Its `next()` returns a result for an item
 * that is not a live delivery; a live one, when the stream writes, it writes
 * to the socket itself and asks for the next item once the socket has taken
 * it, as graphql-ws does (the `WS_MAX_QUEUE` bound holds), so graphql-ws's
 * one `next()` stays pending for the subscription's life. A class, and the
 * source's `pull` rather than a promise per wait: an idle subscription is
 * this object, its source and graphql-ws's one pending promise (memory per
 * subscriber).
 */
class SharedStream implements PushConsumer<unknown> {
  private resolve: ((result: IteratorResult<ExecutionResult>) => void) | null = null;
  private reject: ((error: unknown) => void) | null = null;

  constructor(
    private readonly source: AsyncIterator<unknown>,
    private readonly args: ExecutionArgs,
    private readonly key: string,
    private readonly serialize: SerializePayload | null,
  ) {}

  next(): Promise<IteratorResult<ExecutionResult>> {
    return new Promise((resolve, reject) => {
      this.resolve = resolve;
      this.reject = reject;
      this.ask();
    });
  }

  async return(): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    return { done: true, value: undefined };
  }

  async throw(error: unknown): Promise<IteratorResult<ExecutionResult>> {
    await this.source.return?.();
    throw error;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The source's next item: it may call `receive` at once (inside the feed's hand-out), so the work waits for a microtask, as an awaited promise did. */
  receive(step: IteratorResult<unknown>): void {
    queueMicrotask(() => this.handle(step));
  }

  private ask(): void {
    if (this.source instanceof PushIterator) return this.source.pull(this);
    this.source.next().then(
      (step) => this.handle(step),
      (error) => this.fail(error),
    );
  }

  private handle(step: IteratorResult<unknown>): void {
    try {
      if (step.done) return this.settle({ done: true, value: undefined });
      const item = step.value;
      if (!this.serialize || !isLive(item)) {
        Promise.resolve(this.resultOf(item)).then(
          (value) => this.settle({ done: false, value }),
          (error) => this.fail(error),
        );
        return;
      }
      // The same bytes graphql-ws would send ({id, type, payload}), built from a payload shared by the class.
      const ctx = this.args.contextValue as RequestContext;
      const head = `{"id":${JSON.stringify(ctx.operationId)},"type":"next","payload":`;
      this.payloadOf(item)
        .then((payload) => ctx.connection!.write!(head + payload + '}'))
        .then(
          () => this.ask(),
          (error) => this.fail(error),
        );
    } catch (error) {
      this.fail(error);
    }
  }

  private settle(result: IteratorResult<ExecutionResult>): void {
    const resolve = this.resolve;
    this.resolve = this.reject = null;
    resolve?.(result);
  }

  private fail(error: unknown): void {
    const reject = this.reject;
    this.resolve = this.reject = null;
    reject?.(error);
  }

  private run(item: unknown): Promise<ExecutionResult> | ExecutionResult {
    return execute({ ...this.args, rootValue: item }) as Promise<ExecutionResult> | ExecutionResult;
  }

  private resultOf(item: unknown): Promise<ExecutionResult> | ExecutionResult {
    if (!isLive(item)) return this.run(item);
    const results = (item.results ??= new Map());
    let result = results.get(this.key);
    if (!result) {
      result = Promise.resolve(this.run(item));
      results.set(this.key, result);
    }
    return result;
  }

  private payloadOf(item: SharedResults): Promise<string> {
    const payloads = (item.payloads ??= new Map());
    let payload = payloads.get(this.key);
    if (!payload) {
      payload = Promise.resolve(this.resultOf(item)).then(this.serialize!);
      payloads.set(this.key, payload);
    }
    return payload;
  }
}
