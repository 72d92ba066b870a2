import { describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import type { CommittedAppealEvent } from './event-bus.js';
import { decodeEvents, encodeEvents, MAX_MESSAGE_BYTES } from './event-codec.js';

const event = (i: number): CommittedAppealEvent => ({
  eventId: randomUUID(),
  appealId: randomUUID(),
  type: `ТИП_${i}`,
  at: new Date(2026, 0, 1, 0, i).toISOString(),
  fromStatus: 'REGISTERED',
  toStatus: i % 2 ? 'ASSIGNED' : null,
  sectorCode: 'housing',
  organizationId: randomUUID(),
  municipalityId: i % 3 ? randomUUID() : null,
  status: 'ASSIGNED',
});

describe('event wire form', () => {
  it('splits any number of events into messages under the NOTIFY limit and reads them back in order', () => {
    const events = Array.from({ length: 500 }, (_, i) => event(i));
    const messages = encodeEvents('origin-1', events);
    expect(messages.length).toBeGreaterThan(10);
    for (const message of messages) expect(Buffer.byteLength(message)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    const decoded = messages.map((m) => decodeEvents(m)!);
    expect(decoded.every((d) => d.origin === 'origin-1')).toBe(true);
    expect(decoded.flatMap((d) => d.events)).toEqual(events);
  });

  it('sends nothing for no events and ignores malformed messages', () => {
    expect(encodeEvents('o', [])).toEqual([]);
    expect(decodeEvents('not json')).toBeNull();
    expect(decodeEvents('{"e":[]}')).toBeNull();
    expect(decodeEvents('{"o":"x","e":[[1,2],["a"]]}')).toEqual({ origin: 'x', events: [] });
  });

  it('refuses an event that cannot fit in one message', () => {
    expect(() => encodeEvents('o', [{ ...event(1), type: 'x'.repeat(MAX_MESSAGE_BYTES) }])).toThrow(/does not fit/);
  });
});
