import type { CommittedAppealEvent } from './event-bus.js';

/**
 * The wire form of committed events between processes: ids and the routing
 * facts that subscription filters and access need, never the appeal itself
 * (subscribers load it by id). PostgreSQL refuses a NOTIFY payload of 8,000
 * bytes or more, so events are split into messages below that.
 */
export const MAX_MESSAGE_BYTES = 7_900;

type Tuple = [string, string, string, string, string | null, string | null, string | null, string | null, string | null, string | null];

export interface WireMessage {
  /** The publishing process: it has delivered to its own subscribers already. */
  origin: string;
  events: CommittedAppealEvent[];
}

const toTuple = (e: CommittedAppealEvent): Tuple => [
  e.eventId,
  e.appealId,
  e.type,
  e.at,
  e.fromStatus,
  e.toStatus,
  e.sectorCode,
  e.organizationId,
  e.municipalityId,
  e.status ?? null,
];

const fromTuple = (t: Tuple): CommittedAppealEvent => ({
  eventId: t[0],
  appealId: t[1],
  type: t[2],
  at: t[3],
  fromStatus: t[4],
  toStatus: t[5],
  sectorCode: t[6],
  organizationId: t[7],
  municipalityId: t[8],
  status: t[9],
});

/** Splits events into as few messages as fit under `maxBytes` each, in order. */
export function encodeEvents(origin: string, events: readonly CommittedAppealEvent[], maxBytes = MAX_MESSAGE_BYTES): string[] {
  const head = `{"o":${JSON.stringify(origin)},"e":[`;
  const tail = ']}';
  const messages: string[] = [];
  let parts: string[] = [];
  let size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  const emit = () => {
    if (parts.length) messages.push(head + parts.join(',') + tail);
    parts = [];
    size = Buffer.byteLength(head) + Buffer.byteLength(tail);
  };
  for (const event of events) {
    const part = JSON.stringify(toTuple(event));
    const bytes = Buffer.byteLength(part) + (parts.length ? 1 : 0);
    if (size + bytes > maxBytes) {
      emit();
      if (size + Buffer.byteLength(part) > maxBytes) throw new Error(`event ${event.eventId} does not fit in one message of ${maxBytes} bytes`);
    }
    parts.push(part);
    size += Buffer.byteLength(part) + (parts.length > 1 ? 1 : 0);
  }
  emit();
  return messages;
}

/** Reads a message; null for anything malformed (another program on the channel). */
export function decodeEvents(message: string): WireMessage | null {
  try {
    const parsed = JSON.parse(message) as { o?: unknown; e?: unknown };
    if (typeof parsed.o !== 'string' || !Array.isArray(parsed.e)) return null;
    const events = parsed.e.filter((t): t is Tuple => Array.isArray(t) && t.length === 10 && typeof t[0] === 'string').map(fromTuple);
    return { origin: parsed.o, events };
  } catch {
    return null;
  }
}
