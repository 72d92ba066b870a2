/** What a subscription may do to its WebSocket connection. */
export interface LiveConnection {
  /** Closes the socket with a code and a reason the client can read. */
  close(code: number, reason: string): void;
  /** Writes one text frame; resolves once the socket has taken it (at once if it is no longer open). */
  write?(data: string): Promise<void>;
  /** Per-connection memo (e.g. the caller's organization subtree). */
  cache: Map<string, Promise<unknown>>;
}

/** RFC 6455 1013 "Try Again Later": the client did not read its events fast enough. */
export const SLOW_SUBSCRIBER_CLOSE_CODE = 1013;
export const SLOW_SUBSCRIBER_REASON = 'subscriber too slow';
