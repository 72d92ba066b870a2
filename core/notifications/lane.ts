/**
 * At most `limit` tasks of one kind at once (a delivery channel's sends in
 * flight): `acquire` waits for a free slot, `release` hands it to the next
 * waiter in order.
 */
export class Lane {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(readonly limit: number) {
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`Lane: limit must be a positive integer, got ${limit}`);
  }

  async acquire(): Promise<void> {
    while (this.active >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.active++;
  }

  release(): void {
    this.active--;
    this.waiting.shift()?.();
  }

  /** Slots taken now. */
  get inUse(): number {
    return this.active;
  }
}
