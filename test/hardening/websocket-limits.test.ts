import { describe, expect, it } from 'vitest';
import { startTestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { eventually, liveClient } from '../support/live-client.js';
import WebSocket from 'ws';

/** One operation over graphql-ws, to its end: its results (data or errors). */
async function once(url: string, token: string, query: string) {
  const live = liveClient(url, token);
  try {
    const stream = live.subscribe(query);
    await stream.ended;
    return stream.results;
  } finally {
    await live.dispose();
  }
}

describe('WebSocket operations follow the same rules as HTTP', () => {
  it('with INTROSPECTION=0: no __schema or __type, and no "Did you mean" over graphql-ws either', async () => {
    const t = await startTestApp({ env: { INTROSPECTION: '0' } });
    try {
      const { token } = await t.user(Role.ANALYST);
      for (const query of [
        '{ __schema { types { name } } }',
        '{ __type(name: "Appeal") { fields { name } } }',
        '{ sectors { code } __type(name: "Sector") { name } }',
      ]) {
        const [result] = await once(t.url, token, query);
        expect(result?.data, query).toBeUndefined();
        expect(result?.errors?.[0]?.extensions?.code, query).toBe('GRAPHQL_VALIDATION_FAILED');
      }
      const typo = await once(t.url, token, 'subscription { appealEventz { id } }');
      expect(typo[0]?.errors?.[0]?.message).not.toMatch(/Did you mean|appealEvents/);
      const field = await once(t.url, token, 'subscription { appealEvents { idd } }');
      expect(field[0]?.errors?.[0]?.message).not.toMatch(/Did you mean|"id"/);
    } finally {
      await t.stop();
    }
  });

  it("every operation and every subscribe costs one point of the caller's quota, shared with HTTP", async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '3' } });
    try {
      const user = await t.user(Role.ANALYST);
      const live = liveClient(t.url, user.token);
      const streams = [live.subscribe('subscription { appealEvents { id } }'), live.subscribe('subscription { deadlineAlerts { state } }')];
      const query = live.subscribe('{ sectors { code } }');
      await query.ended;
      expect(query.results[0]?.errors).toBeUndefined();
      const refused = live.subscribe('subscription { appealEvents { id } }');
      await refused.ended;
      expect(refused.results[0]?.errors?.[0]?.extensions?.code).toBe('TOO_MANY_REQUESTS');
      for (const stream of streams) expect(stream.results).toEqual([]);
      // The same quota over HTTP.
      const http = await fetch(`${t.url}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${user.token}` },
        body: JSON.stringify({ query: '{ sectors { code } }' }),
      });
      expect(http.status).toBe(429);
      await live.dispose();
    } finally {
      await t.stop();
    }
  });

  it("a dashboard's 300 subscriptions under one account fit the default limit", async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_MINUTE: '600' } });
    try {
      const { token } = await t.user(Role.CENTER_SPECIALIST);
      const live = liveClient(t.url, token);
      const streams = Array.from({ length: 300 }, (_, i) =>
        live.subscribe(i % 2 ? 'subscription { appealEvents { id } }' : 'subscription { deadlineAlerts { state } }'),
      );
      const probe = live.subscribe('{ __typename }');
      await eventually(() => probe.results.length > 0, 'the probe query after 300 subscriptions');
      expect(probe.results[0]?.data).toEqual({ __typename: 'Query' });
      const refused = streams.filter((stream) => stream.results.some((result) => result.errors));
      expect(refused).toHaveLength(0);
      await live.dispose();
    } finally {
      await t.stop();
    }
  });

  it('accounts behind one address (a ministry behind NAT): sockets and subscriptions do not spend the per-address quota', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '3', RATE_LIMIT_PER_MINUTE: '600' } });
    const lives = [];
    try {
      // Ten people, one account each, all from 127.0.0.1: three times the address's quota of HTTP requests.
      for (let i = 0; i < 10; i++) {
        const { token } = await t.user(Role.CENTER_SPECIALIST);
        const live = liveClient(t.url, token);
        lives.push(live);
        const stream = live.subscribe('subscription { appealEvents { id } }');
        const probe = live.subscribe('{ __typename }');
        await eventually(() => probe.results.length > 0, `the probe query of socket ${i}`);
        expect(probe.results[0]?.data, `socket ${i}`).toEqual({ __typename: 'Query' });
        expect(stream.results, `socket ${i}`).toEqual([]);
      }
      // The same address over HTTP is held to its quota.
      const statuses = [];
      for (let i = 0; i < 4; i++)
        statuses.push((await fetch(`${t.url}/graphql?query=%7B__typename%7D`, { headers: { 'apollo-require-preflight': '1' } })).status);
      expect(statuses.at(-1)).toBe(429);
    } finally {
      await Promise.all(lives.map((live) => live.dispose()));
      await t.stop();
    }
  });

  it('waits WS_INIT_TIMEOUT_SECONDS (10) for connection_init: a late one is acknowledged, none closes the socket with 4408', async () => {
    const t = await startTestApp();
    try {
      const { token } = await t.user(Role.CENTER_SPECIALIST);
      const url = `${t.url.replace(/^http/, 'ws')}/graphql`;
      const open = async () => {
        const socket = new WebSocket(url, 'graphql-transport-ws');
        await new Promise((resolve, reject) => socket.once('open', resolve).once('error', reject));
        const closed = new Promise<number>((resolve) => socket.once('close', resolve));
        return { socket, closed };
      };
      // graphql-ws's default (3 s) closed such a client in a reconnect storm on a busy machine.
      const late = await open();
      const silent = await open();
      await new Promise((resolve) => setTimeout(resolve, 4_000));
      const ack = Promise.race([
        new Promise<string>((resolve) => late.socket.once('message', (data) => resolve(String(data)))),
        late.closed.then((code) => JSON.stringify({ type: 'closed', code })),
      ]);
      late.socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
      expect(JSON.parse(await ack)).toMatchObject({ type: 'connection_ack' });
      expect(await silent.closed).toBe(4408);
      late.socket.close();
    } finally {
      await t.stop();
    }
  });
});

describe('REST routes count against the per-address quota', () => {
  it('/channels, /reports and /open311 answer 429 with Retry-After once the address spent its quota', async () => {
    const t = await startTestApp({ env: { RATE_LIMIT_PER_IP_PER_MINUTE: '4', TRUST_PROXY: 'true' } });
    try {
      const { token } = await t.user(Role.CENTER_HEAD);
      for (const path of ['/channels/pos/outbox', '/reports/monthly/2026-10.json', '/open311/v2/services.json']) {
        const from = `198.51.100.${path.length}`;
        const call = () => fetch(`${t.url}${path}`, { headers: { authorization: `Bearer ${token}`, 'x-forwarded-for': from } });
        for (let i = 0; i < 4; i++) expect((await call()).status, path).toBeLessThan(429);
        const refused = await call();
        expect(refused.status, path).toBe(429);
        expect(Number(refused.headers.get('retry-after')), path).toBeGreaterThan(0);
      }
    } finally {
      await t.stop();
    }
  });
});
