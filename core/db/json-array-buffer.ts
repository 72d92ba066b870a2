/**
 * A JSON array built from elements already encoded as UTF-8, handed to `pg`
 * as one Buffer: a Buffer parameter goes out in binary format as it is, where
 * a string of several megabytes costs pg a pass to count its UTF-8 bytes and
 * another to encode them (and V8 a copy to flatten it first). PostgreSQL
 * reads `json` in binary format as its text; `jsonb` as a version byte (1)
 * and then its text (`jsonb: true`).
 */
export class JsonArrayBuffer {
  private readonly parts: Buffer[] = [OPEN];
  private length = 1;
  private elements = 0;

  /** Starts the next element: its parts follow with `add`. */
  next(): this {
    if (this.elements++) this.push(COMMA);
    return this;
  }

  /** UTF-8 JSON text of the current element (a part of it, or several of them already comma-separated). */
  add(part: Buffer): this {
    this.push(part);
    return this;
  }

  toBuffer(options: { jsonb?: boolean } = {}): Buffer {
    const parts = options.jsonb ? [JSONB_VERSION, ...this.parts, CLOSE] : [...this.parts, CLOSE];
    return Buffer.concat(parts, this.length + 1 + (options.jsonb ? 1 : 0));
  }

  private push(part: Buffer): void {
    this.parts.push(part);
    this.length += part.length;
  }
}

const OPEN = Buffer.from('[');
const CLOSE = Buffer.from(']');
const COMMA = Buffer.from(',');
const JSONB_VERSION = Buffer.from([1]);
