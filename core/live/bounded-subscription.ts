export interface BoundedSubscriptionOptions<T> {
  /** Items waiting for a consumer that has not asked yet; one more and the subscriber is too slow. */
  maxQueue: number;
  /** The queue overflowed: the subscription has ended and its items are dropped. */
  onOverflow: () => void;
  /** Runs once when the subscription ends, however it ends. */
  onEnd: () => void;
  /** Runs as an item is handed to the consumer (not when it is queued). */
  prepare?: (item: T) => void;
}

/**
 * An async iterator fed by push with a bounded queue. A consumer that does
 * not keep up (its socket does not drain, so graphql-ws does not ask for the
 * next item) never blocks the pusher and never holds more than `maxQueue`
 * items: the next push ends the subscription instead.
 */
export class BoundedSubscription<T> implements AsyncIterableIterator<T> {
  private queue: T[] = [];
  private waiter: ((result: IteratorResult<T>) => void) | null = null;
  private ended = false;
  /** The deepest the queue has been. */
  maxDepth = 0;

  constructor(private readonly options: BoundedSubscriptionOptions<T>) {}

  get depth(): number {
    return this.queue.length;
  }

  get isEnded(): boolean {
    return this.ended;
  }

  /** Offers an item; false when the subscription has ended (now or before). */
  push(item: T): boolean {
    if (this.ended) return false;
    if (this.waiter) {
      const resolve = this.waiter;
      this.waiter = null;
      this.options.prepare?.(item);
      resolve({ value: item, done: false });
      return true;
    }
    if (this.queue.length >= this.options.maxQueue) {
      this.end();
      this.options.onOverflow();
      return false;
    }
    this.queue.push(item);
    if (this.queue.length > this.maxDepth) this.maxDepth = this.queue.length;
    return true;
  }

  next(): Promise<IteratorResult<T>> {
    if (this.queue.length) {
      const item = this.queue.shift()!;
      this.options.prepare?.(item);
      return Promise.resolve({ value: item, done: false });
    }
    if (this.ended) return Promise.resolve({ value: undefined, done: true });
    return new Promise((resolve) => {
      this.waiter = resolve;
    });
  }

  return(): Promise<IteratorResult<T>> {
    this.end();
    return Promise.resolve({ value: undefined, done: true });
  }

  throw(error?: unknown): Promise<IteratorResult<T>> {
    this.end();
    return Promise.reject(error);
  }

  [Symbol.asyncIterator](): AsyncIterableIterator<T> {
    return this;
  }

  private end(): void {
    if (this.ended) return;
    this.ended = true;
    this.queue = [];
    const waiter = this.waiter;
    this.waiter = null;
    waiter?.({ value: undefined, done: true });
    this.options.onEnd();
  }
}
