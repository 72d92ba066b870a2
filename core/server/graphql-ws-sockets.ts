import type { IncomingMessage } from 'node:http';
import {
  CloseCode,
  DEPRECATED_GRAPHQL_WS_PROTOCOL,
  GRAPHQL_TRANSPORT_WS_PROTOCOL,
  handleProtocols,
  makeServer,
  type ServerOptions,
  type WebSocket as ProtocolSocket,
} from 'graphql-ws';
import type { WebSocket, WebSocketServer } from 'ws';
import type { Logger } from '../logging/logger.js';

/** What graphql-ws keeps of a socket (`ctx.extra`): the socket and the client's address, the rest set by the server's hooks. */
export interface SocketExtra {
  socket: WebSocket;
  ip: string | null;
}

const isProd = () => process.env.NODE_ENV === 'production';
const closeReason = (error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  return isProd() || message.length >= 124 ? 'Internal server error' : message;
};

/** Sends a text frame, settled once `ws` has written it; a socket no longer open is skipped (as graphql-ws/use/ws does). */
export function sendIfOpen(socket: WebSocket, data: string): Promise<void> {
  return new Promise((resolve, reject) => {
    if (socket.readyState !== socket.OPEN) return resolve();
    socket.send(data, (error) => (error ? reject(error) : resolve()));
  });
}

/** graphql-ws's view of one socket: a class, its methods on the prototype (memory per subscriber). */
class ProtocolAdapter implements ProtocolSocket {
  constructor(
    private readonly socket: WebSocket,
    private readonly logger: Logger,
  ) {}

  get protocol(): string {
    return this.socket.protocol;
  }

  send(data: string): Promise<void> {
    return sendIfOpen(this.socket, data);
  }

  close(code: number, reason: string): void {
    this.socket.close(code, reason);
  }

  /**
   * graphql-ws's handler of a `subscribe` message runs as long as the
   * subscription: it is not awaited in an async listener (as graphql-ws's
   * own adapter does), which would keep a suspended function and the
   * message's buffer for the socket's life.
   */
  onMessage(handle: (data: string) => Promise<void>): void {
    this.socket.on('message', (data) => {
      handle(readMessage(String(data))).catch((error) => {
        this.logger.error({ err: error }, 'graphql-ws: internal error while handling a message');
        this.socket.close(CloseCode.InternalServerError, closeReason(error));
      });
    });
  }
}

/** Query texts by their text: the subscribers that send the same query keep one string (memory per subscriber); bounded. */
const queryTexts = new Map<string, string>();
const MAX_QUERY_TEXTS = 1_000;

/**
 * A message parsed here rather than by graphql-ws (whose `parseMessage`
 * takes an object as well as a text, and validates either): its handler of
 * a `subscribe` runs as long as the subscription and keeps what it was
 * given, which is then this object, not also the frame's text; a query's
 * text is the one copy shared by the subscribers that send it. Text that is
 * not JSON goes on as it came (graphql-ws closes the socket with 4400).
 */
function readMessage(text: string): string {
  let message: unknown;
  try {
    message = JSON.parse(text);
  } catch {
    return text;
  }
  const payload = (message as { payload?: { query?: unknown } } | null)?.payload;
  if (payload && typeof payload === 'object' && typeof payload.query === 'string') {
    const query = payload.query;
    let known = queryTexts.get(query);
    if (known === undefined) {
      if (queryTexts.size >= MAX_QUERY_TEXTS) queryTexts.clear();
      queryTexts.set(query, (known = query));
    }
    payload.query = known;
  }
  return message as string;
}

/** Sockets pinged and not yet answered; a shared listener (no closure per socket). */
const unanswered = new WeakSet<WebSocket>();
function answered(this: WebSocket): void {
  unanswered.delete(this);
}

/**
 * graphql-ws's server (the graphql-transport-ws protocol, all of it
 * graphql-ws's `makeServer`) on a `ws` server, as `graphql-ws/use/ws` does
 * it, with what an idle socket holds cut down: one keep-alive timer for all
 * sockets (every `keepAliveMs` each open socket is pinged; one that has not
 * answered the previous ping is terminated) instead of an interval per
 * socket, plain listeners, and no suspended async listener per message.
 * Per-message deflate stays off (`ws`'s default for a server): its zlib
 * contexts would cost far more per socket than all of this.
 */
export function serveGraphqlWs<E extends SocketExtra>(
  options: ServerOptions<Record<string, unknown> | undefined, E>,
  wss: WebSocketServer,
  extraOf: (socket: WebSocket, request: IncomingMessage) => E,
  logger: Logger,
  keepAliveMs = 12_000,
) {
  // The wait for connection_init is timed here: graphql-ws's timer stays referenced by its per-socket closures for the
  // socket's life (a Timeout, its closure); this one is dropped once the init has come.
  const initWaitMs = options.connectionInitWaitTimeout ?? 3_000;
  const awaitingInit = new Map<WebSocket, NodeJS.Timeout>();
  const initReceived = (socket: WebSocket) => {
    const timer = awaitingInit.get(socket);
    if (timer) clearTimeout(timer);
    awaitingInit.delete(socket);
  };
  const onConnect = options.onConnect;
  const server = makeServer({
    ...options,
    connectionInitWaitTimeout: 0,
    onConnect: (ctx) => {
      initReceived(ctx.extra.socket);
      return onConnect?.(ctx);
    },
  });
  wss.options.handleProtocols = handleProtocols;
  wss.once('error', (error) => {
    logger.error({ err: error }, 'graphql-ws: the WebSocket server failed, closing its sockets');
    for (const client of wss.clients) client.close(CloseCode.InternalServerError, closeReason(error));
  });
  wss.on('connection', (socket, request) => {
    socket.on('error', (error) => {
      logger.error({ err: error }, 'graphql-ws: socket error');
      socket.close(CloseCode.InternalServerError, closeReason(error));
    });
    socket.on('pong', answered);
    if (initWaitMs > 0 && Number.isFinite(initWaitMs) && socket.protocol === GRAPHQL_TRANSPORT_WS_PROTOCOL) {
      awaitingInit.set(
        socket,
        setTimeout(() => {
          awaitingInit.delete(socket);
          socket.close(CloseCode.ConnectionInitialisationTimeout, 'Connection initialisation timeout');
        }, initWaitMs),
      );
    }
    const closed = server.opened(new ProtocolAdapter(socket, logger), extraOf(socket, request));
    socket.on('close', (code, reason) => {
      unanswered.delete(socket);
      initReceived(socket);
      if (!isProd() && code === CloseCode.SubprotocolNotAcceptable && socket.protocol === DEPRECATED_GRAPHQL_WS_PROTOCOL)
        logger.warn('graphql-ws: a client asked for the deprecated subscriptions-transport-ws protocol');
      void closed(code, String(reason));
    });
  });
  const keepAlive =
    keepAliveMs > 0
      ? setInterval(() => {
          for (const socket of wss.clients) {
            if (socket.readyState !== socket.OPEN) continue;
            if (unanswered.has(socket)) {
              socket.terminate();
              continue;
            }
            unanswered.add(socket);
            socket.ping();
          }
        }, keepAliveMs).unref()
      : null;
  return {
    async dispose() {
      if (keepAlive) clearInterval(keepAlive);
      for (const timer of awaitingInit.values()) clearTimeout(timer);
      awaitingInit.clear();
      for (const client of wss.clients) client.close(1001, 'Going away');
      wss.removeAllListeners();
      await new Promise<void>((resolve, reject) => wss.close((error) => (error ? reject(error) : resolve())));
    },
  };
}
