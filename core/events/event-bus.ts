import { EventEmitter } from 'node:events';

/** What is published about an audit-trail entry once its transaction has committed. */
export interface CommittedAppealEvent {
  eventId: string;
  appealId: string;
  type: string;
  at: string;
  fromStatus: string | null;
  toStatus: string | null;
  sectorCode: string | null;
  organizationId: string | null;
  municipalityId: string | null;
  /** The appeal's status once the transaction committed (what status filters match). */
  status?: string | null;
}

export type AppealEventListener = (event: CommittedAppealEvent) => void;

/**
 * Carries committed appeal events to subscribers. Publish only after the
 * transaction commits, never for a change that rolled back. The default is
 * in-process; a cross-process bus (PostgreSQL NOTIFY, Redis) implements the
 * same interface.
 */
export interface EventBus {
  publish(events: readonly CommittedAppealEvent[]): Promise<void>;
  /**
   * Only for a bus carried by PostgreSQL NOTIFY: the notifications that
   * publishing `events` would send, so that a writer can send them in its own
   * statement (they go out when it commits, with no round trip of their
   * own); it then calls `publishLocal` instead of `publish`.
   */
  notifications?(events: readonly CommittedAppealEvent[]): { channel: string; messages: string[] };
  /** Hands events to this process's subscribers only (their notifications went out with the writer's commit). */
  publishLocal?(events: readonly CommittedAppealEvent[]): Promise<void>;
  subscribe(listener: AppealEventListener): () => void;
  close(): Promise<void>;
}

export class LocalEventBus implements EventBus {
  private readonly emitter = new EventEmitter().setMaxListeners(0);

  async publish(events: readonly CommittedAppealEvent[]): Promise<void> {
    for (const event of events) this.emitter.emit('event', event);
  }

  subscribe(listener: AppealEventListener): () => void {
    this.emitter.on('event', listener);
    return () => this.emitter.off('event', listener);
  }

  async close(): Promise<void> {
    this.emitter.removeAllListeners();
  }
}
