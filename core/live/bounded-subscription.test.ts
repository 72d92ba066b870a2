import { describe, expect, it } from 'vitest';
import { BoundedSubscription } from './bounded-subscription.js';

function make(maxQueue: number) {
  const log: string[] = [];
  const sub = new BoundedSubscription<number>({
    maxQueue,
    onOverflow: () => log.push('overflow'),
    onEnd: () => log.push('end'),
    prepare: (n) => log.push(`prepare ${n}`),
  });
  return { sub, log };
}

describe('BoundedSubscription', () => {
  it('hands items over in order, to a waiting consumer at once and to a later one from the queue', async () => {
    const { sub, log } = make(10);
    const first = sub.next();
    expect(sub.push(1)).toBe(true);
    expect(await first).toEqual({ value: 1, done: false });
    sub.push(2);
    sub.push(3);
    expect(sub.depth).toBe(2);
    expect((await sub.next()).value).toBe(2);
    expect((await sub.next()).value).toBe(3);
    expect(log).toEqual(['prepare 1', 'prepare 2', 'prepare 3']);
  });

  it('ends on the push after the queue is full, drops the queue and never holds more than maxQueue', async () => {
    const { sub, log } = make(3);
    for (const n of [1, 2, 3]) expect(sub.push(n)).toBe(true);
    expect(sub.push(4)).toBe(false);
    expect(log).toEqual(['end', 'overflow']);
    expect(sub.maxDepth).toBe(3);
    expect(sub.depth).toBe(0);
    expect(sub.push(5)).toBe(false);
    expect(await sub.next()).toEqual({ value: undefined, done: true });
  });

  it('return() ends it once, releases a waiting consumer, and stops taking items', async () => {
    const { sub, log } = make(3);
    const waiting = sub.next();
    await sub.return();
    await sub.return();
    expect(await waiting).toEqual({ value: undefined, done: true });
    expect(sub.push(1)).toBe(false);
    expect(log).toEqual(['end']);
  });
});

describe('BoundedSubscription.pull (a consumer object instead of a promise)', () => {
  it('hands queued items, then waits for the next push, then reports the end', () => {
    const { sub, log } = make(10);
    const got: IteratorResult<number>[] = [];
    const consumer = { receive: (result: IteratorResult<number>) => void got.push(result) };
    sub.push(1);
    sub.pull(consumer);
    expect(got).toEqual([{ value: 1, done: false }]);
    sub.pull(consumer);
    expect(got).toHaveLength(1);
    expect(sub.push(2)).toBe(true);
    expect(got).toEqual([
      { value: 1, done: false },
      { value: 2, done: false },
    ]);
    expect(sub.depth).toBe(0);
    sub.pull(consumer);
    void sub.return();
    expect(got[2]).toEqual({ value: undefined, done: true });
    expect(log).toEqual(['prepare 1', 'prepare 2', 'end']);
  });
});
