import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { buildSchema } from 'graphql';
import { GRAPHQL_TRANSPORT_WS_PROTOCOL } from 'graphql-ws';
import { afterEach, describe, expect, it } from 'vitest';
import { WebSocket, WebSocketServer } from 'ws';
import { createLogger } from '../logging/logger.js';
import { serveGraphqlWs } from './graphql-ws-sockets.js';

const KEEP_ALIVE_MS = 100;
const schema = buildSchema('type Query { ok: Boolean }');

/** A real `ws` server on loopback with our graphql-ws adapter; real clients connect to it. */
async function serve(): Promise<{ url: string; stop: () => Promise<void> }> {
  const http: Server = createServer();
  const wss = new WebSocketServer({ server: http });
  const served = serveGraphqlWs({ schema }, wss, (socket) => ({ socket, ip: null }), createLogger('silent'), KEEP_ALIVE_MS);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const { port } = http.address() as AddressInfo;
  return {
    url: `ws://127.0.0.1:${port}`,
    stop: async () => {
      await served.dispose();
      await new Promise<void>((resolve) => http.close(() => resolve()));
    },
  };
}

function connect(url: string, autoPong: boolean): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const client = new WebSocket(url, GRAPHQL_TRANSPORT_WS_PROTOCOL, { autoPong });
    client.once('open', () => resolve(client));
    client.once('error', reject);
  });
}

const wait = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('graphql-ws sockets: one keep-alive timer for all sockets', () => {
  let stop: (() => Promise<void>) | null = null;
  afterEach(async () => {
    await stop?.();
    stop = null;
  });

  it('pings every socket each interval, keeps those that answer and cuts one that did not answer the previous ping', async () => {
    const server = await serve();
    stop = server.stop;
    const answering = await connect(server.url, true);
    const silent = await connect(server.url, false);
    const pings = { answering: 0, silent: 0 };
    answering.on('ping', () => pings.answering++);
    silent.on('ping', () => pings.silent++);
    const silentClosed = new Promise<number>((resolve) => silent.once('close', (code) => resolve(code)));

    // Pinged at the first tick, unanswered at the second: terminated (no close frame, 1006 on the client).
    expect(await Promise.race([silentClosed, wait(KEEP_ALIVE_MS * 6).then(() => 'still open')])).toBe(1006);
    expect(pings.silent).toBe(1);
    await wait(KEEP_ALIVE_MS * 3);
    expect(answering.readyState).toBe(WebSocket.OPEN);
    expect(pings.answering).toBeGreaterThanOrEqual(3);
    answering.close();
  });
});
