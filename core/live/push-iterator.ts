/** Takes an iterator's next result without a promise: the consumer object itself is what waits (memory per idle subscriber). */
export interface PushConsumer<T> {
  receive(result: IteratorResult<T>): void;
}

type Waiter<T> = ((result: IteratorResult<T>) => void) | PushConsumer<T>;

const done = <T>(): IteratorResult<T> => ({ value: undefined, done: true });

/**
 * An async iterator fed by pushes (the live subscriptions' streams): what
 * it holds between a push and the consumer's next call is the subclass's
 * (a bounded queue, the newest value), the rest is here — one waiting
 * consumer, the end, `return` and `throw`. A consumer waits with `next()`
 * (a promise, as graphql-ws does) or with `pull(consumer)` (no promise: an
 * idle subscription is this object and its consumer, nothing more).
 */
export abstract class PushIterator<T> implements AsyncIterableIterator<T> {
  private waiter: Waiter<T> | null = null;
  private ended = false;

  get isEnded(): boolean {
    return this.ended;
  }

  /** A consumer is waiting for the next item. */
  protected get hasConsumer(): boolean {
    return this.waiter !== null;
  }

  /** An item held for the consumer, taken out; undefined when none is. */
  protected abstract takeHeld(): IteratorResult<T> | undefined;

  /** Drops what is held: the iterator has ended. */
  protected abstract dropHeld(): void;

  /** Runs once when the iterator ends, however it ends. */
  protected abstract onEnd(): void;

  /** Hands a value to a waiting consumer; false when none waits. */
  protected handOver(value: T): boolean {
    const waiter = this.waiter;
    if (!waiter) return false;
    this.waiter = null;
    settle(waiter, { value, done: false });
    return true;
  }

  next(): Promise<IteratorResult<T>> {
    const held = this.takeHeld();
    if (held) return Promise.resolve(held);
    if (this.ended) return Promise.resolve(done());
    return new Promise((resolve) => (this.waiter = resolve));
  }

  /** As `next()`, without a promise: `consumer.receive` gets the result, at once if one is ready. */
  pull(consumer: PushConsumer<T>): void {
    const held = this.takeHeld();
    if (held) return consumer.receive(held);
    if (this.ended) return consumer.receive(done());
    this.waiter = consumer;
  }

  return(): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.resolve(done());
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.finish();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  /** Ends the iterator once: what is held is dropped and a waiting consumer gets `done`. */
  protected finish(): void {
    if (this.ended) return;
    this.ended = true;
    this.dropHeld();
    const waiter = this.waiter;
    this.waiter = null;
    if (waiter) settle(waiter, done());
    this.onEnd();
  }
}

function settle<T>(waiter: Waiter<T>, result: IteratorResult<T>): void {
  if (typeof waiter === 'function') waiter(result);
  else waiter.receive(result);
}
