import type { EntityManager } from '@mikro-orm/postgresql';
import type { AppealEventTypeName } from '../../core/entities/appeal-event-type.js';
import type { AppServices } from '../../core/app/app-services.js';
import { Appeal } from '../../core/entities/appeal.entity.js';
import { Organization } from '../../core/entities/organization.entity.js';
import { AppealStatus, Channel } from '../../core/entities/enums.js';
import { appealNumberSql } from '../../core/appeals/appeal-number.js';
import { runAppealTransaction } from '../../core/events/appeal-transaction.js';
import type { TestApp } from './test-app.js';
import { idWhere, insertInto, queryOne, sql } from '../../core/db/sql.js';

export interface AppealFixture {
  sector: string;
  organizationCode?: string | null;
  municipalityCode?: string;
  status?: AppealStatus;
  text?: string;
  authorName?: string;
  authorEmail?: string;
  receivedAt?: Date;
  deadlineStartsAt?: Date;
  dueAt?: Date;
  pausedAt?: Date;
  answeredAt?: Date;
  assigneeId?: string;
}

let counter = 0;

/** Inserts an appeal row as the lifecycle would have left it; returns its id. */
export async function insertAppeal(t: TestApp, fixture: AppealFixture): Promise<string> {
  const em = t.em();
  const received = fixture.receivedAt ?? t.clock.now();
  const row = (await queryOne<{ id: string }>(
    em,
    sql`${insertInto('appeal', [
      {
        id: sql`gen_random_uuid()`,
        number: appealNumberSql('12', received.getUTCFullYear()),
        channel: Channel.POS,
        external_id: `live-${process.pid}-${++counter}-${Math.random().toString(36).slice(2)}`,
        status: fixture.status ?? AppealStatus.REGISTERED,
        text: fixture.text ?? 'Не убирают мусор во дворе',
        author_name: fixture.authorName ?? null,
        author_email: fixture.authorEmail ?? null,
        sector_id: idWhere('sector', 'code', fixture.sector),
        organization_id: fixture.organizationCode ? idWhere('organization', 'code', fixture.organizationCode) : null,
        municipality_id: idWhere('municipality', 'code', fixture.municipalityCode ?? 'yoshkar-ola'),
        assignee_id: fixture.assigneeId ?? null,
        received_at: received,
        registered_at: received,
        deadline_starts_at: fixture.deadlineStartsAt ?? null,
        due_at: fixture.dueAt ?? null,
        paused_at: fixture.pausedAt ?? null,
        answered_at: fixture.answeredAt ?? null,
      },
    ])} returning id`,
  ))!;
  return row.id;
}

export interface EventOptions {
  toStatus?: AppealStatus;
  organizationCode?: string;
  data?: Record<string, unknown>;
  /** Records the event, then fails: the transaction rolls back. */
  fail?: boolean;
  /** How many entries to record in the one transaction. */
  count?: number;
}

/** Changes an appeal through runAppealTransaction (the one way appeals change); returns the recorded event ids. */
export async function commitEvent(app: AppServices, appealId: string, type: AppealEventTypeName, options: EventOptions = {}): Promise<string[]> {
  return runAppealTransaction(app, app.orm.em.fork() as EntityManager, { label: 'test' }, async (tx) => {
    const appeal = await tx.em.findOneOrFail(Appeal, appealId);
    const fromStatus = appeal.status;
    if (options.toStatus) appeal.status = options.toStatus;
    if (options.organizationCode) {
      const [org] = await tx.em.execute('select id from organization where code = ?', [options.organizationCode]);
      appeal.organization = tx.em.getReference(Organization, org.id, { wrapped: true });
    }
    const ids: string[] = [];
    for (let i = 0; i < (options.count ?? 1); i++) {
      ids.push(
        // Tests tag their events with invented types (not AppealEventType's): the helper writes them as they are.
        tx.record({
          appeal,
          type,
          fromStatus,
          toStatus: options.toStatus ?? null,
          data: options.data ? { ...options.data, i } : { i },
        }).id,
      );
    }
    if (options.fail) throw new Error('rolled back on purpose');
    return ids;
  });
}

/** The id of a reference row by its code. */
export async function idOf(t: TestApp, table: 'organization' | 'municipality' | 'sector', code: string): Promise<string> {
  const [row] = await t.em().execute(`select id from ${table} where code = ?`, [code]);
  return row.id;
}
