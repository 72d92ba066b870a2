import { randomFillSync } from 'node:crypto';
import { v7 } from 'uuid';

/**
 * A UUID (version 7, RFC 9562) whose leading 48 bits are the creation time
 * in milliseconds, for the rows that arrive in bulk and are never updated in
 * their key: appeals and their audit entries. Ids written one after another
 * sort one after another, so the primary key's inserts land on the index's
 * last page instead of on a random page of a 10-million-row index (which,
 * outside the shared buffers, is a read and a full-page image in the WAL per
 * insert). The time is the machine's, not the application clock: an id tells
 * nothing a user relies on; it only reveals when the row was written, which
 * the row's own timestamps show anyway.
 *
 * The `uuid` package lays out and formats the id; the random bytes come from
 * a pool filled 4 kB at a time, as node:crypto's randomUUID does (the
 * package's own source asks the Web Crypto API for 16 bytes per id, ~5 µs
 * each, four ids per imported appeal), and the millisecond and counter are
 * kept here as the package keeps them: a 31-bit counter started at random
 * each millisecond and stepped within it, so ids of one process rise strictly.
 */
const pool = new Uint8Array(4096);
let offset = pool.length;
const state = { msecs: -Infinity, seq: 0 };

function randomBytes16(): Uint8Array {
  if (offset + 16 > pool.length) {
    randomFillSync(pool);
    offset = 0;
  }
  const bytes = pool.subarray(offset, offset + 16);
  offset += 16;
  return bytes;
}

export function timeOrderedId(): string {
  const random = randomBytes16();
  const now = Date.now();
  if (now > state.msecs) {
    state.msecs = now;
    state.seq = ((random[6]! & 0x7f) << 24) | (random[7]! << 16) | (random[8]! << 8) | random[9]!;
  } else {
    state.seq = (state.seq + 1) | 0;
    if (state.seq === 0) state.msecs++;
  }
  return v7({ random, msecs: state.msecs, seq: state.seq });
}
