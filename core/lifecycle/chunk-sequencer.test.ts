import { describe, expect, it } from 'vitest';
import type { WriteAlongside } from './appeal-writer.js';
import { ChunkSequencer } from './chunk-sequencer.js';
import type { PreparedAppeal } from './intake-types.js';

/**
 * The import's chunk protocol against a store in memory that does what
 * writeAppeals does with WriteAlongside: waits for its turn, leaves the keys
 * earlier chunks insert to them, reserves numbers for what it inserts, and
 * commits after a few turns of the event loop (so chunks overlap).
 */
interface Item {
  key: string;
  prepared: PreparedAppeal;
}
const item = (key: string): Item => ({ key, prepared: { id: `id-${key}`, channel: 'POS', externalId: key } as PreparedAppeal });
const items = (prefix: string, count: number) => Array.from({ length: count }, (_, i) => item(`${prefix}${i}`));

interface Options {
  /** A chunk holding one of these keys fails after taking its numbers; alone the row fails too when `alone` is set. */
  failAfterReserving?: Set<string>;
  failBeforeReserving?: Set<string>;
  /** Rows refused even on their own. */
  poison?: Set<string>;
  seed?: number;
}

function harness(options: Options = {}) {
  let seed = options.seed ?? 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const pause = async () => {
    for (let i = Math.floor(random() * 6); i > 0; i--) await new Promise((resolve) => setImmediate(resolve));
  };
  let sequence = 0;
  const stored = new Map<string, { number: number; writes: number }>();
  const failed: string[] = [];
  let chunksWriting = 0;
  let mostChunksWriting = 0;
  const has = (set: Set<string> | undefined, chunk: Item[]) => chunk.some((i) => set?.has(i.key));

  const write = async (chunk: Item[], alongside: WriteAlongside | undefined) => {
    const isChunk = chunk.length > 1;
    if (isChunk) mostChunksWriting = Math.max(mostChunksWriting, ++chunksWriting);
    try {
      await pause();
      const earlier = alongside ? await alongside.turn() : [];
      const theirs = new Set(earlier.map((p) => p.externalId));
      if (isChunk && has(options.failBeforeReserving, chunk)) throw new Error('failed before reserving');
      const seen = new Set<string>();
      const fresh = chunk.filter((i) => {
        if (stored.has(i.key) || theirs.has(i.key) || seen.has(i.key)) return false;
        seen.add(i.key);
        return true;
      });
      const numbers = alongside
        ? await alongside.reserveNumbers(
            fresh.map((i) => i.prepared),
            {} as never,
          )
        : fresh.map(() => String(++sequence));
      if ((isChunk && has(options.failAfterReserving, chunk)) || has(options.poison, chunk)) throw new Error('refused');
      await pause();
      if (alongside && chunk.some((i) => theirs.has(i.key))) await alongside.settled();
      fresh.forEach((i, n) => {
        const before = stored.get(i.key);
        stored.set(i.key, { number: Number(numbers[n]), writes: (before?.writes ?? 0) + 1 });
      });
    } finally {
      if (isChunk) chunksWriting--;
    }
  };
  const sequencer = new ChunkSequencer<Item>({
    writers: 2,
    appealOf: (i) => i.prepared,
    reserveNumbers: async (count) => {
      await pause();
      return Array.from({ length: count }, () => String(++sequence));
    },
    write,
    failed: (i) => failed.push(i.key),
  });
  const run = async (chunks: Item[][]) => {
    for (const chunk of chunks) await sequencer.add(chunk);
    await sequencer.finish();
  };
  const numbersOf = (keys: Item[]) => keys.map((i) => stored.get(i.key)?.number);
  return { run, stored, failed, numbersOf, mostChunksWriting: () => mostChunksWriting };
}

const ascending = (numbers: (number | undefined)[]) => numbers.every((n, i) => n !== undefined && (i === 0 || n > numbers[i - 1]!));

describe('the chunk sequencer of imports', () => {
  it('writes every item once, numbered in the order chunks were added, two chunks at a time at most', async () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const h = harness({ seed });
      const chunks = [items('a', 5), items('b', 5), items('c', 5), items('d', 5), items('e', 5)];
      await h.run(chunks);
      expect(h.stored.size).toBe(25);
      expect([...h.stored.values()].every((s) => s.writes === 1)).toBe(true);
      expect(ascending(h.numbersOf(chunks.flat()))).toBe(true);
      expect(h.mostChunksWriting()).toBe(2);
      expect(h.failed).toEqual([]);
    }
  });

  it('leaves a key repeated in a later chunk to the earlier one: stored once, with the earlier number', async () => {
    for (const seed of [1, 2, 3]) {
      const h = harness({ seed });
      const first = [item('x'), ...items('a', 3)];
      const second = [...items('b', 2), item('x'), item('b0')];
      await h.run([first, second, [item('x'), ...items('c', 2)]]);
      expect(h.stored.get('x')).toEqual({ number: h.numbersOf([first[0]!])[0], writes: 1 });
      expect(h.stored.get('x')!.number).toBeLessThan(h.stored.get('a0')!.number);
      expect(h.stored.size).toBe(1 + 3 + 2 + 2);
      expect(ascending(h.numbersOf([...first, ...items('b', 2), ...items('c', 2)]))).toBe(true);
    }
  });

  it('writes a chunk that failed after taking its numbers row by row, each row with its own number, in order', async () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      const h = harness({ seed, failAfterReserving: new Set(['b2']) });
      const chunks = [items('a', 4), items('b', 4), items('c', 4)];
      // A key of the chunk before it, still being written: its rows wait for that chunk, and leave the key to it.
      await h.run([chunks[0]!, [item('a3'), ...chunks[1]!], chunks[2]!]);
      expect(h.stored.size).toBe(12);
      expect([...h.stored.values()].every((s) => s.writes === 1)).toBe(true);
      expect(ascending(h.numbersOf(chunks.flat()))).toBe(true);
    }
  });

  it('keeps the turn of a chunk that failed before taking numbers until its rows are written, so later chunks number after them', async () => {
    for (const seed of [1, 2, 3]) {
      const h = harness({ seed, failBeforeReserving: new Set(['b0']) });
      const chunks = [items('a', 3), items('b', 3), items('c', 3), items('d', 3)];
      await h.run(chunks);
      expect(h.stored.size).toBe(12);
      expect(ascending(h.numbersOf(chunks.flat()))).toBe(true);
    }
  });

  it('reports a row refused on its own, and keeps the rest of its chunk and the chunks after it', async () => {
    const h = harness({ poison: new Set(['b1']) });
    const chunks = [items('a', 3), items('b', 3), items('c', 3)];
    await h.run(chunks);
    expect(h.failed).toEqual(['b1']);
    expect(h.stored.has('b1')).toBe(false);
    expect(h.stored.size).toBe(8);
    expect(ascending(h.numbersOf(chunks.flat().filter((i) => i.key !== 'b1')))).toBe(true);
  });
});
