import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface Received<T = any> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string; field?: string } }[];
}

export interface LiveStream<T = any> {
  /** Every result received so far, in order. */
  results: Received<T>[];
  /** Resolves with the results once at least `count` arrived (rejects after `timeoutMs`). */
  waitFor(count: number, timeoutMs?: number): Promise<Received<T>[]>;
  /** Resolves when the server completes or errors the operation. */
  ended: Promise<void>;
  unsubscribe(): void;
}

export interface LiveClient {
  client: Client;
  /** The client's underlying socket, once connected (a test may pause it). */
  socket(): WebSocket;
  subscribe<T = any>(query: string, variables?: Record<string, unknown>): LiveStream<T>;
  /** Stops (and restarts) reading from the TCP socket, as a stuck client would. */
  pauseReading(): void;
  resumeReading(): void;
  /** The close event of the socket: code and reason. */
  closed: Promise<{ code: number; reason: string }>;
  dispose(): Promise<void>;
}

/** Waits until `check` holds, polling; fails with `what` after `timeoutMs`. */
export async function eventually(check: () => boolean | Promise<boolean>, what: string, timeoutMs = 15_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A real graphql-ws client (graphql-transport-ws) over a real socket. */
export function liveClient(httpUrl: string, token: string | null, connectionParams?: Record<string, unknown>): LiveClient {
  let current: WebSocket | null = null;
  let resolveClosed!: (event: { code: number; reason: string }) => void;
  const closed = new Promise<{ code: number; reason: string }>((resolve) => (resolveClosed = resolve));
  class CapturingWebSocket extends WebSocket {
    constructor(address: string, protocols?: string | string[]) {
      super(address, protocols);
      current = this;
    }
  }
  const client = createClient({
    url: `${httpUrl.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: CapturingWebSocket,
    connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
    retryAttempts: 0,
    shouldRetry: () => false,
    lazy: false,
    on: { closed: (event) => resolveClosed({ code: (event as { code: number }).code, reason: String((event as { reason: unknown }).reason) }) },
    onNonLazyError: () => undefined,
  });
  return {
    client,
    socket: () => current!,
    // ws keeps the net.Socket in a private field; reading stops at the TCP level.
    pauseReading: () => (current as unknown as { _socket: { pause(): void } })._socket.pause(),
    resumeReading: () => (current as unknown as { _socket: { resume(): void } })._socket.resume(),
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): LiveStream<T> {
      const results: Received<T>[] = [];
      const waiters: (() => void)[] = [];
      let resolveEnded!: () => void;
      const ended = new Promise<void>((resolve) => (resolveEnded = resolve));
      const wake = () => waiters.splice(0).forEach((w) => w());
      const unsubscribe = client.subscribe<T>(
        { query, variables },
        {
          next: (value) => {
            results.push(value as Received<T>);
            wake();
          },
          error: (error) => {
            if (Array.isArray(error)) results.push({ errors: error });
            resolveEnded();
            wake();
          },
          complete: () => {
            resolveEnded();
            wake();
          },
        },
      );
      return {
        results,
        ended,
        unsubscribe,
        async waitFor(count, timeoutMs = 15_000) {
          const until = Date.now() + timeoutMs;
          while (results.length < count) {
            const left = until - Date.now();
            if (left <= 0) throw new Error(`expected ${count} results, got ${results.length}: ${JSON.stringify(results).slice(0, 500)}`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results;
        },
      };
    },
    async dispose() {
      await client.dispose();
    },
  };
}
