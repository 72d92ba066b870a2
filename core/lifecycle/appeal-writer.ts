import { DateTime } from 'luxon';
import type { AppServices } from '../app/app-services.js';
import { appealNumberSql } from '../appeals/appeal-number.js';
import type { AppealTransaction } from '../events/appeal-transaction.js';
import { Appeal } from '../entities/appeal.entity.js';
import { AppealStatus } from '../entities/enums.js';
import type { PreparedAppeal } from './appeal-intake.js';
import { detectRepeats } from './repeat-detection.js';

export interface WrittenAppeal {
  prepared: PreparedAppeal;
  appeal: Appeal;
  created: boolean;
}

/** Rows per INSERT statement: ~45 columns each keeps the bind parameters far below PostgreSQL's 65,535. */
const ROWS_PER_STATEMENT = 500;

/**
 * Inserts prepared appeals in multi-row statements, idempotently on
 * (channel, externalId): `insert ... on conflict do nothing returning *`,
 * then the rows that already existed are read back. A unique constraint
 * decides, never a read-then-write race. Each created appeal gets its audit
 * entries, its repeat link and its sector details in the same transaction.
 */
export async function writeAppeals(app: AppServices, tx: AppealTransaction, batch: PreparedAppeal[]): Promise<WrittenAppeal[]> {
  const em = tx.em;
  const knex = em.getKnex();
  const year = DateTime.fromJSDate(app.clock.now(), { zone: app.config.TIME_ZONE }).year;
  const createdRows = new Map<string, Record<string, unknown>>();
  for (let i = 0; i < batch.length; i += ROWS_PER_STATEMENT) {
    const rows = batch.slice(i, i + ROWS_PER_STATEMENT).map((p) => ({ ...p.columns, number: appealNumberSql(knex, app.config.REGION_CODE, year) }));
    const inserted: Record<string, unknown>[] = await em.execute(
      knex('appeal').insert(rows).onConflict(['channel', 'external_id']).ignore().returning('*'),
    );
    for (const row of inserted) createdRows.set(row.id as string, row);
  }

  const created = batch.filter((p) => createdRows.has(p.id));
  const repeats = await detectRepeats(em, created.map((p) => ({ id: p.id, number: createdRows.get(p.id)!.number as string, receivedAt: p.receivedAt, categoryId: p.categoryId, keys: p.keys })), app.config.REPEAT_WINDOW_DAYS);
  if (repeats.size) {
    const values = [...repeats].map(([id, match]) => knex.raw('(?::uuid, ?::uuid)', [id, match.repeatOf]));
    // The row was born in this transaction: no version step for completing it.
    await em.execute(knex.raw(
      `update appeal as a set is_repeat = true, repeat_of_id = v.repeat_of from (values ${values.map(() => '?').join(', ')}) as v(id, repeat_of) where a.id = v.id`,
      values,
    ));
    for (const [id, match] of repeats) Object.assign(createdRows.get(id)!, { is_repeat: true, repeat_of_id: match.repeatOf });
  }

  const existingByKey = new Map<string, Record<string, unknown>>();
  const missing = batch.filter((p) => !createdRows.has(p.id));
  if (missing.length) {
    const rows: Record<string, unknown>[] = await em.execute(
      knex('appeal').select('*').whereIn(['channel', 'external_id'], missing.map((p) => [p.channel, p.externalId!])),
    );
    for (const row of rows) existingByKey.set(`${row.channel}\u0000${row.external_id}`, row);
  }

  return batch.map((prepared) => {
    const row = createdRows.get(prepared.id);
    if (!row) {
      const existing = existingByKey.get(`${prepared.channel}\u0000${prepared.externalId}`);
      if (!existing) throw new Error(`appeal ${prepared.channel}/${prepared.externalId} neither inserted nor found`);
      return { prepared, appeal: em.map(Appeal, existing), created: false };
    }
    const appeal = em.map(Appeal, row);
    for (const event of prepared.events) tx.record({ appeal, ...event });
    const repeat = repeats.get(prepared.id);
    if (repeat) {
      tx.record({
        appeal,
        type: 'REPEAT_DETECTED',
        fromStatus: appeal.status as AppealStatus,
        toStatus: appeal.status as AppealStatus,
        reason: repeat.by === 'author' ? 'Тот же автор в пределах окна повторов' : 'Тот же адрес и рубрика в пределах окна повторов',
        data: { repeatOf: repeat.repeatOf, by: repeat.by, windowDays: app.config.REPEAT_WINDOW_DAYS },
      });
    }
    if (prepared.details?.plugin.details) {
      em.persist(prepared.details.plugin.details.toEntity(appeal.id, prepared.details.value));
    }
    return { prepared, appeal, created: true };
  });
}
