import type { WriteAlongside } from './appeal-writer.js';
import type { PreparedAppeal } from './intake-types.js';

/** What the sequencer needs of the import: how to write, number and report its items. */
export interface ChunkSteps<T> {
  /** Chunks written side by side at most. */
  writers: number;
  appealOf: (item: T) => PreparedAppeal;
  /** Takes `count` registration numbers, ascending, in the chunk's transaction. */
  reserveNumbers: (count: number, em: Parameters<WriteAlongside['reserveNumbers']>[1]) => Promise<string[]>;
  /** Writes items in one transaction; `alongside` orders it after the chunks before it (see WriteAlongside). */
  write: (items: T[], alongside: WriteAlongside | undefined) => Promise<void>;
  /** An item that could not be written even on its own. */
  failed: (item: T, error: unknown) => void;
}

/** A chunk being written: the appeals it inserts (known once its turn came), and when it is done. */
interface Writing {
  done: Promise<void>;
  finished: boolean;
  inserting: readonly PreparedAppeal[];
}

/**
 * The chunk protocol of an import: chunks written side by side, each in its
 * own transaction, coming out as if they were written one after another, in
 * the order they were added. A chunk's turn comes once the chunk before it
 * has settled which appeals it inserts and taken their registration numbers
 * (numbers ascend in order of chunks); it sees the appeals the chunks still
 * being written before it insert (a key of theirs is theirs, a repeat may
 * link to them); `settled` waits for those chunks to be written. A chunk
 * that fails is written again row by row once the chunks before it are
 * written, each row keeping the number its chunk reserved for it; a chunk
 * that failed before reserving keeps its turn until its rows are written, so
 * the chunk after it numbers its own after them. Every item is written
 * exactly once, or reported failed.
 */
export class ChunkSequencer<T> {
  private writings: Writing[] = [];
  /** Released once the chunk added last has taken its numbers (or its rows are written one by one). */
  private lastTurn: Promise<void> = Promise.resolve();

  constructor(private readonly steps: ChunkSteps<T>) {}

  private inFlight(): Writing[] {
    return this.writings.filter((w) => !w.finished);
  }

  /** Starts writing a chunk, after waiting while `writers` chunks are being written. */
  async add(chunk: T[]): Promise<void> {
    while (this.inFlight().length >= this.steps.writers) await Promise.race(this.inFlight().map((w) => w.done));
    this.launch(chunk);
  }

  /** Resolves once every chunk added is written (or its failed rows reported). */
  async finish(): Promise<void> {
    await Promise.all(this.writings.map((w) => w.done));
  }

  private launch(chunk: T[]): void {
    const { steps } = this;
    const before = this.inFlight();
    const previousTurn = this.lastTurn;
    let release!: () => void;
    this.lastTurn = new Promise<void>((resolve) => (release = resolve));
    const reserved = new Map<PreparedAppeal, string>();
    const writing: Writing = { finished: false, inserting: [], done: Promise.resolve() };
    const settled = () => Promise.all(before.map((w) => w.done));
    const alongside: WriteAlongside = {
      async turn() {
        await previousTurn;
        return before.filter((w) => !w.finished).flatMap((w) => w.inserting);
      },
      async reserveNumbers(fresh, em) {
        writing.inserting = fresh;
        try {
          if (!fresh.length) return [];
          const numbers = await steps.reserveNumbers(fresh.length, em);
          fresh.forEach((p, i) => reserved.set(p, numbers[i]!));
          return numbers;
        } finally {
          release();
        }
      },
      settled,
    };
    writing.done = (async () => {
      try {
        await steps.write(chunk, alongside);
      } catch {
        // Row by row once the chunks before it are written: their rows are then stored (or refused) for good.
        await settled();
        for (const item of chunk) {
          try {
            await steps.write([item], withNumber(reserved.get(steps.appealOf(item)) ?? null));
          } catch (error) {
            steps.failed(item, error);
          }
        }
      } finally {
        release();
        writing.finished = true;
      }
    })();
    this.writings = [...before, writing];
  }
}

/** A single row's write that reuses the number its chunk reserved for it (null: take one from the sequence). */
function withNumber(number: string | null): WriteAlongside | undefined {
  return number === null
    ? undefined
    : { turn: async () => [], reserveNumbers: async (fresh) => (fresh.length ? [number] : []), settled: async () => undefined };
}
