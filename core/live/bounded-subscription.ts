import { PushIterator } from './push-iterator.js';

export interface BoundedSubscriptionOptions<T> {
  /** Items waiting for a consumer that has not asked yet; one more and the subscriber is too slow. */
  maxQueue: number;
  /** The queue overflowed: the subscription has ended and its items are dropped. */
  onOverflow?: () => void;
  /** Runs once when the subscription ends, however it ends. */
  onEnd?: () => void;
  /** Runs as an item is handed to the consumer (not when it is queued). */
  prepare?: (item: T) => void;
}

/**
 * An async iterator fed by push with a bounded queue. A consumer that does
 * not keep up (its socket does not drain, so graphql-ws does not ask for the
 * next item) never blocks the pusher and never holds more than `maxQueue`
 * items: the next push ends the subscription instead. The hooks are the
 * options' or a subclass's (`overflowed`, `onEnd`, `prepare`).
 */
export class BoundedSubscription<T> extends PushIterator<T> {
  /** Made on the first item that waits: an idle subscription has none. */
  private queue: T[] | null = null;
  /** The deepest the queue has been. */
  maxDepth = 0;

  constructor(private readonly options: BoundedSubscriptionOptions<T>) {
    super();
  }

  get depth(): number {
    return this.queue?.length ?? 0;
  }

  /** Offers an item; false when the subscription has ended (now or before). */
  push(item: T): boolean {
    if (this.isEnded) return false;
    if (this.hasConsumer) {
      this.prepare(item);
      return this.handOver(item);
    }
    const queue = (this.queue ??= []);
    if (queue.length >= this.options.maxQueue) {
      this.finish();
      this.overflowed();
      return false;
    }
    queue.push(item);
    if (queue.length > this.maxDepth) this.maxDepth = queue.length;
    return true;
  }

  protected takeHeld(): IteratorResult<T> | undefined {
    if (!this.queue?.length) return undefined;
    const item = this.queue.shift()!;
    if (!this.queue.length) this.queue = null;
    this.prepare(item);
    return { value: item, done: false };
  }

  protected dropHeld(): void {
    this.queue = null;
  }

  protected prepare(item: T): void {
    this.options.prepare?.(item);
  }

  protected overflowed(): void {
    this.options.onOverflow?.();
  }

  protected onEnd(): void {
    this.options.onEnd?.();
  }
}
