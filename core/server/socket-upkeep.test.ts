import { afterEach, describe, expect, it, vi } from 'vitest';
import type { WebSocket } from 'ws';
import { PeriodicChecks } from './socket-upkeep.js';

const OPEN = 1;
const socket = () => ({ socket: { readyState: OPEN, OPEN } as unknown as WebSocket });

describe('PeriodicChecks (one timer for every socket)', () => {
  afterEach(() => void vi.useRealTimers());

  it('checks each open socket once per interval, the first time in the second half, and drops closed ones', async () => {
    vi.useFakeTimers();
    const checked: number[] = [];
    const items = Array.from({ length: 40 }, socket);
    const checks = new PeriodicChecks<ReturnType<typeof socket>>(10_000, async (item) => void checked.push(items.indexOf(item)));
    for (const item of items) checks.add(item);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(checked).toEqual([]);
    await vi.advanceTimersByTimeAsync(5_001);
    expect([...checked].sort((a, b) => a - b)).toEqual(items.map((_, i) => i));
    (items[0].socket as { readyState: number }).readyState = 3;
    checked.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect([...checked].sort((a, b) => a - b)).toEqual(items.map((_, i) => i).slice(1));
    checks.delete(items[1]);
    checked.length = 0;
    await vi.advanceTimersByTimeAsync(10_000);
    expect(checked).toHaveLength(38);
    checks.stop();
  });

  it('does not start a check again while the last one for that socket is running', async () => {
    vi.useFakeTimers();
    let started = 0;
    let release = () => {};
    const checks = new PeriodicChecks(1_000, () => {
      started++;
      return new Promise<void>((resolve) => (release = resolve));
    });
    checks.add(socket());
    await vi.advanceTimersByTimeAsync(3_000);
    expect(started).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(started).toBe(2);
    checks.stop();
  });
});
