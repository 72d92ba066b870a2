import type { WebSocket } from 'ws';
import type { LiveConnection } from '../live/live-connection.js';
import { sendIfOpen } from './graphql-ws-sockets.js';

/** How long a socket closed for slowness may take to read the close frame before it is cut. */
const CLOSE_GRACE_MS = 10_000;

/**
 * What a subscription may do to its socket (LiveConnection): one object
 * per socket, its methods on the prototype, its memo made on first use
 * (memory per subscriber).
 */
export class SocketConnection implements LiveConnection {
  private memo: Map<string, Promise<unknown>> | undefined = undefined;

  constructor(private readonly socket: WebSocket) {}

  get cache(): Map<string, Promise<unknown>> {
    return (this.memo ??= new Map());
  }

  close(code: number, reason: string): void {
    const socket = this.socket;
    if (socket.readyState !== socket.OPEN) return;
    socket.close(code, reason);
    // A client that reads nothing never answers the close frame: cut it, so its buffers go.
    setTimeout(() => socket.terminate(), CLOSE_GRACE_MS).unref();
  }

  /** The frames written directly (core/live/shared-execution.ts), sent as graphql-ws's own are. */
  write(data: string): Promise<void> {
    return sendIfOpen(this.socket, data);
  }
}

/**
 * Runs `check` on every socket added, every `intervalMs`, the first time at
 * a random point of the second half of the interval (sockets opened
 * together do not check together), with one timer for all of them: a
 * socket costs a place in a set, not a timer, its closure and a `close`
 * listener (memory per subscriber). A check still running is not started
 * again; a socket no longer open is dropped.
 */
export class PeriodicChecks<T extends { socket: WebSocket }> {
  private readonly slots: Set<T>[];
  private readonly running = new WeakSet<T>();
  private tick = 0;
  private timer: NodeJS.Timeout | null = null;
  private readonly stepMs: number;

  constructor(
    intervalMs: number,
    private readonly check: (item: T) => Promise<void>,
  ) {
    this.stepMs = Math.min(1_000, intervalMs);
    this.slots = Array.from({ length: Math.max(1, Math.round(intervalMs / this.stepMs)) }, () => new Set<T>());
  }

  add(item: T): void {
    const n = this.slots.length;
    const wait = Math.ceil(n / 2) + Math.floor((Math.random() * n) / 2);
    this.slots[(this.tick + wait) % n].add(item);
    this.timer ??= setInterval(() => this.run(), this.stepMs).unref();
  }

  delete(item: T): void {
    for (const slot of this.slots) slot.delete(item);
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    for (const slot of this.slots) slot.clear();
  }

  private run(): void {
    this.tick = (this.tick + 1) % this.slots.length;
    const slot = this.slots[this.tick];
    for (const item of slot) {
      const socket = item.socket;
      if (socket.readyState !== socket.OPEN) {
        slot.delete(item);
        continue;
      }
      if (this.running.has(item)) continue;
      this.running.add(item);
      void this.check(item).finally(() => this.running.delete(item));
    }
    if (this.slots.every((s) => !s.size) && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
    }
  }
}
