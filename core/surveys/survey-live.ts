import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { pgQuery } from '../db/pg-query.js';
import { SurveyStatus } from './rules/survey-enums.js';
import type { StoredQuestion } from './survey.entity.js';
import type { SurveyResults } from './survey.types.js';
import { surveyResults } from './survey-results.service.js';
import { PushIterator } from '../live/push-iterator.js';

/**
 * An async iterator that holds only the newest value: results are
 * snapshots, each supersedes the last, so a slow consumer costs one
 * snapshot of memory and gets the latest state when it asks (bounded by
 * design, where appeal events need a queue and an overflow rule).
 */
export class LatestValue<T> extends PushIterator<T> {
  private pending: { value: T; last: boolean } | null = null;

  constructor(private readonly whenEnded: () => void) {
    super();
  }

  get waiting(): boolean {
    return this.pending !== null;
  }

  /** Offers a value; `last`: the stream ends once it is taken. */
  offer(value: T, last = false): void {
    if (this.isEnded) return;
    if (this.handOver(value)) {
      if (last) this.finish();
      return;
    }
    this.pending = { value, last };
  }

  protected takeHeld(): IteratorResult<T> | undefined {
    if (!this.pending) return undefined;
    const { value, last } = this.pending;
    this.pending = null;
    if (last) this.finish();
    return { value, done: false };
  }

  protected dropHeld(): void {
    this.pending = null;
  }

  protected onEnd(): void {
    this.whenEnded();
  }
}

interface Subscriber {
  weighted: boolean;
  stream: LatestValue<SurveyResults>;
  /** The state (status and response count) of the last snapshot offered. */
  sent: string | null;
}

/**
 * The live results of one survey in this process: one check of the
 * survey's state per interval (and at once after a submission in this
 * process), and the results computed once per change for all its
 * subscribers. Submissions in other processes are seen at the next check.
 */
class SurveyWatch {
  readonly subscribers = new Set<Subscriber>();
  private timer: NodeJS.Timeout;
  private running = false;
  private again = false;

  constructor(
    private readonly app: CoreServices,
    private readonly surveyId: string,
    private readonly questions: readonly StoredQuestion[],
    private readonly onIdle: () => void,
  ) {
    this.timer = setInterval(() => void this.check(), app.config.SURVEY_LIVE_INTERVAL_MS);
    this.timer.unref();
  }

  add(subscriber: Subscriber): () => void {
    this.subscribers.add(subscriber);
    void this.check();
    return () => {
      this.subscribers.delete(subscriber);
      if (!this.subscribers.size) {
        clearInterval(this.timer);
        this.onIdle();
      }
    };
  }

  async check(): Promise<void> {
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = true;
    try {
      do {
        this.again = false;
        await this.deliver();
      } while (this.again && this.subscribers.size);
    } catch (error) {
      this.app.logger.warn({ err: error, surveyId: this.surveyId }, 'survey results: live check failed');
    } finally {
      this.running = false;
    }
  }

  private async deliver(): Promise<void> {
    const em = this.app.orm.em.fork() as EntityManager;
    const [state] = await pgQuery<{ status: SurveyStatus; n: number }>(
      em,
      'select status, (select count(*) from survey_response where survey_id = $1)::int as n from survey where id = $1',
      [this.surveyId],
      { prepared: true },
    );
    if (!state) return;
    const stamp = `${state.status}:${state.n}`;
    const closed = state.status === SurveyStatus.CLOSED;
    // A consumer still holding a snapshot gets the newest one once it has taken it (a later check).
    const due = [...this.subscribers].filter((s) => s.sent !== stamp && !s.stream.waiting);
    const computed = new Map<boolean, SurveyResults>();
    for (const subscriber of due) {
      let results = computed.get(subscriber.weighted);
      if (!results)
        computed.set(
          subscriber.weighted,
          (results = await surveyResults(em, { id: this.surveyId, questions: this.questions }, { weighted: subscriber.weighted, now: this.app.clock.now() })),
        );
      subscriber.sent = stamp;
      subscriber.stream.offer(results, closed);
    }
  }
}

const watches = new Map<string, SurveyWatch>();

/** Opens a stream of a survey's results: the current ones now, then one per change; ends after the final ones of a closed survey. */
export function watchSurveyResults(
  app: CoreServices,
  survey: { id: string; questions: readonly StoredQuestion[] },
  weighted: boolean,
): AsyncIterableIterator<SurveyResults> {
  let watch = watches.get(survey.id);
  if (!watch) {
    const created: SurveyWatch = new SurveyWatch(app, survey.id, survey.questions, () => {
      if (watches.get(survey.id) === created) watches.delete(survey.id);
    });
    watches.set(survey.id, (watch = created));
  }
  let remove = () => {};
  const stream = new LatestValue<SurveyResults>(() => remove());
  remove = watch.add({ weighted, stream, sent: null });
  return stream;
}

/** A response was written in this process: its survey's live subscribers hear of it now, not at the next check. */
export function notifySurveyChanged(surveyId: string): void {
  void watches.get(surveyId)?.check();
}
