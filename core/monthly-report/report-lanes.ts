import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsContext } from '../analytics/measures/analytics-context.js';

/** Runs one section's work on a context of its own. */
export type ReportLane = <T>(work: (ctx: AnalyticsContext<any>) => Promise<T>) => Promise<T>;

/**
 * The monthly report's sections are independent questions: each runs on a
 * fork of the request's EntityManager (so on a connection of its own, from
 * the same pool), at most REPORT_CONNECTIONS at a time and never more than
 * the pool holds (a lane waiting for a connection the others hold would only
 * queue in the pool). Work starts in the order it is asked for. Every figure
 * is the same as one after another: no section reads another's writes, and
 * each statement already ran in a snapshot of its own.
 */
export function reportLanes<C extends AnalyticsContext<any>>(ctx: C): ReportLane {
  const poolMax = (ctx.em.config.get('pool') as { max?: number } | undefined)?.max ?? 10;
  const width = Math.max(1, Math.min(ctx.app.config.REPORT_CONNECTIONS, poolMax));
  let running = 0;
  const waiting: (() => void)[] = [];
  return async (work) => {
    if (running >= width) await new Promise<void>((go) => waiting.push(go));
    else running++;
    try {
      return await work({ ...ctx, em: ctx.em.fork() as EntityManager });
    } finally {
      // The slot passes straight to the next waiting work (the count stays), or is given back.
      const next = waiting.shift();
      if (next) next();
      else running--;
    }
  };
}
