import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import { inputText } from '../errors/input-text.js';
import { badInput, notFound } from '../errors/errors.js';
import { Seminar } from './seminar.entity.js';
import type { SeminarInput } from './seminar.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const TOPIC = /^[A-Z][A-Z0-9_]{1,63}$/;

/** Ids that must all exist in `table`; the first unknown one is the field at fault. */
async function checkIds(em: EntityManager, table: 'organization' | 'app_user', ids: readonly string[], field: string, what: string): Promise<void> {
  ids.forEach((id, i) => {
    if (!UUID.test(id)) throw badInput(`${field}.${i}`, `Нет такого: ${what} ${id.slice(0, 40)}`);
  });
  if (!ids.length) return;
  const rows = await pgQuery<{ id: string }>(em, `select id from ${table} where id = any($1::uuid[])`, [[...ids]]);
  const found = new Set(rows.map((r) => r.id));
  const missing = ids.findIndex((id) => !found.has(id.toLowerCase()));
  if (missing >= 0) throw badInput(`${field}.${missing}`, `Нет такого: ${what} ${ids[missing]}`);
}

export async function createSeminar(em: EntityManager, now: Date, input: SeminarInput): Promise<Seminar> {
  const topic = inputText(input.topic, 'input.topic', 64, true);
  if (!TOPIC.test(topic)) throw badInput('input.topic', 'Код темы: заглавные латинские буквы, цифры и _, например ANSWER_QUALITY');
  const title = inputText(input.title, 'input.title', 500, true);
  if (!(input.startsAt instanceof Date) || Number.isNaN(input.startsAt.getTime())) throw badInput('input.startsAt', 'Некорректная дата');
  const materials = (input.materials ?? []).map((m, i) => inputText(m, `input.materials.${i}`, 2000, true));
  if (materials.length > 100) throw badInput('input.materials', 'Не больше 100 материалов');
  const organizationIds = [...new Set(input.organizationIds ?? [])];
  if (organizationIds.length > 1000) throw badInput('input.organizationIds', 'Не больше 1000 органов');
  await checkIds(em, 'organization', organizationIds, 'input.organizationIds', 'органа');
  const seminar = em.create(Seminar, {
    topic,
    title,
    startsAt: input.startsAt,
    format: inputText(input.format, 'input.format', 200, false),
    trainer: inputText(input.trainer, 'input.trainer', 300, false),
    materials,
    organizationIds,
    targetRoles: [...new Set(input.targetRoles ?? [])],
    createdAt: now,
  });
  await em.persistAndFlush(seminar);
  return seminar;
}

/** Marks the users as present; repeating a user changes nothing. An unknown user refuses the whole call. */
export async function recordAttendance(em: EntityManager, now: Date, seminarId: string, userIds: readonly string[]): Promise<Seminar> {
  if (!UUID.test(seminarId)) throw notFound('Семинар', seminarId);
  const seminar = await em.findOne(Seminar, { id: seminarId });
  if (!seminar) throw notFound('Семинар', seminarId);
  if (userIds.length > 5000) throw badInput('userIds', 'Не больше 5000 участников за раз');
  await checkIds(em, 'app_user', userIds, 'userIds', 'пользователя');
  if (userIds.length) {
    await pgQuery(
      em,
      `insert into seminar_attendance (id, seminar_id, user_id, recorded_at)
       select gen_random_uuid(), $1, u, $3 from unnest($2::uuid[]) u on conflict (seminar_id, user_id) do nothing`,
      [seminar.id, [...new Set(userIds.map((id) => id.toLowerCase()))], now],
    );
  }
  return seminar;
}

/** Seminars whose staff of the body attended or that invited it (the body's training history). */
export const SEMINARS_OF_ORGANIZATION_SQL = `(s.id in (select sa.seminar_id from seminar_attendance sa join app_user u on u.id = sa.user_id where u.organization_id = ?)
  or ?::uuid = any(s.organization_ids))`;
