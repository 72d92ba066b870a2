import type { Logger } from '../logging/logger.js';
import type { CommittedAppealEvent, EventBus } from './event-bus.js';

/** A listener on committed appeal events, stopped by waiting for the work it has started. */
export interface CommittedEventListener {
  stop(): Promise<void>;
}

/**
 * Runs `handle` for each committed appeal event `accepts`, for the life of
 * the app, outside the mutation that wrote it: a handler that fails is
 * logged under `label` and the change it follows stands. `stop` unsubscribes
 * and waits for the handlers still running.
 */
export function listenToCommittedEvents(
  app: { events: EventBus; logger: Logger },
  label: string,
  accepts: (event: CommittedAppealEvent) => boolean,
  handle: (event: CommittedAppealEvent) => Promise<unknown>,
): CommittedEventListener {
  const pending = new Set<Promise<unknown>>();
  const unsubscribe = app.events.subscribe((event) => {
    if (!accepts(event)) return;
    const job = handle(event)
      .catch((error) => app.logger.error({ err: error, eventId: event.eventId, appealId: event.appealId }, `${label}: not queued`))
      .finally(() => pending.delete(job));
    pending.add(job);
  });
  return {
    async stop() {
      unsubscribe();
      await Promise.all([...pending]);
    },
  };
}
