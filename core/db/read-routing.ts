import { MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import type { Logger } from '../logging/logger.js';
import { ormOptions, type OrmSettings } from './mikro-orm.config.js';
import { closeOrm } from './sql-pool.js';

/** How long a user's reads go to the primary after a write of theirs: longer than any sane replica lag. */
export const READ_YOUR_WRITES_MS = 30_000;
/** How often the replica is asked `select 1`; reads go to the primary while it does not answer. */
export const REPLICA_PROBE_MS = 1_000;
/** A probe not answered within this counts as a failure (a replica that hangs rather than refuses). */
const PROBE_TIMEOUT_MS = 2_000;

/**
 * Where read-only work reads (DATABASE_READ_URL): analytics, reports and
 * pages of appeals choose it at their call site (`readEntityManager`), never
 * by looking at the SQL. Without a replica everything reads the primary. A
 * user who wrote through this process in the last READ_YOUR_WRITES_MS reads
 * the primary, so that a page after their own registration shows it however
 * far the replica lags (another process does not know of that write: with
 * several API processes a caller may still see the replica's older state
 * for as long as it lags; docs/capacity.md). A replica that stops answering
 * (down, restarting, unreachable) is noticed by a probe every
 * REPLICA_PROBE_MS: its reads then go to the primary until it answers again
 * (the requests already sent to it in between fail).
 */
export class ReadRouting {
  private readonly writers = new Map<string, number>();
  private up = true;
  private probing = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    /** The replica's MikroORM (its own pool), or null: no replica. */
    readonly replica: MikroORM | null,
    private readonly now: () => number = Date.now,
    private readonly logger?: Logger,
  ) {}

  static async open(url: string | undefined, settings: Omit<OrmSettings, 'url'>, logger: Logger): Promise<ReadRouting> {
    if (!url) return new ReadRouting(null);
    // No `ensureDatabase` (it would create a missing database, and throws when the replica is down): the probe says whether it answers.
    const replica = await MikroORM.init({ ...ormOptions({ ...settings, url }), ensureDatabase: false });
    const routing = new ReadRouting(replica, Date.now, logger);
    await routing.probe();
    routing.timer = setInterval(() => void routing.probe(), REPLICA_PROBE_MS).unref();
    logger.info({ replica: new URL(url).host, answering: routing.up }, 'reads of analytics, reports and pages go to the replica (DATABASE_READ_URL)');
    return routing;
  }

  /** Asks the replica `select 1`; reads go to the primary while it fails. Answers whether the replica is used. */
  async probe(): Promise<boolean> {
    if (!this.replica || this.probing) return this.up;
    this.probing = true;
    let timeout: NodeJS.Timeout | undefined;
    let up: boolean;
    try {
      await Promise.race([
        this.replica.em.getConnection().execute('select 1'),
        new Promise((_, reject) => (timeout = setTimeout(() => reject(new Error(`no answer in ${PROBE_TIMEOUT_MS} ms`)), PROBE_TIMEOUT_MS))),
      ]);
      up = true;
    } catch (error) {
      up = false;
      if (this.up) this.logger?.error({ err: error }, 'the read replica does not answer: reads go to the primary (DATABASE_READ_URL)');
    } finally {
      clearTimeout(timeout);
      this.probing = false;
    }
    if (up && !this.up) this.logger?.info('the read replica answers again: reads go back to it');
    this.up = up;
    return up;
  }

  /** Records that a user wrote: their reads go to the primary for a while. */
  wrote(userId: string | null | undefined): void {
    if (!this.replica || !userId) return;
    const now = this.now();
    this.writers.set(userId, now);
    if (this.writers.size > 10_000) for (const [id, at] of this.writers) if (now - at > READ_YOUR_WRITES_MS) this.writers.delete(id);
  }

  /** The EntityManager a read-only call site uses for `userId`: a fork of the replica's, or `primary`. */
  entityManager(primary: EntityManager, userId: string | null | undefined): EntityManager {
    if (!this.replica || !this.up) return primary;
    const wroteAt = userId ? this.writers.get(userId) : undefined;
    if (wroteAt !== undefined && this.now() - wroteAt < READ_YOUR_WRITES_MS) return primary;
    return this.replica.em.fork() as EntityManager;
  }

  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    if (this.replica) await closeOrm(this.replica);
  }
}

/** The hook for read-only call sites: the replica when there is one and the caller has not just written. */
export function readEntityManager(ctx: { em: EntityManager; user: { id: string } | null; app: { reads?: ReadRouting } }): EntityManager {
  return ctx.app.reads ? ctx.app.reads.entityManager(ctx.em, ctx.user?.id) : ctx.em;
}
