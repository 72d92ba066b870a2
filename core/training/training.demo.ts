import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import { pgQuery } from '../db/pg-query.js';
import { createSeminar, recordAttendance } from './seminar.service.js';

const DAY = 86_400_000;

/** Demo: four seminars over the year, on the recommendations' topics, with the demo operators of some bodies present. */
export async function seedTrainingDemo(app: CoreServices): Promise<void> {
  const em = app.orm.em.fork() as EntityManager;
  const [{ done }] = await pgQuery<{ done: boolean }>(em, 'select exists(select 1 from seminar) as done', []);
  if (done) return;
  const now = app.clock.now().getTime();
  const operators = await pgQuery<{ id: string; n: number }>(
    em,
    `
    select u.id, (dense_rank() over (order by o.code))::int as n from app_user u join organization o on o.id = u.organization_id
    where u.email like 'operator1.%@demo.local' order by o.code`,
    [],
  );
  const seminars = [
    { topic: 'ANSWER_QUALITY', title: 'Ответ по существу: как не отвечать отписками', days: 300, format: 'очно', every: 2 },
    { topic: 'PAGE_ADMIN_TRAINING', title: 'Госпаблики: ответы на комментарии и публикации', days: 200, format: 'вебинар', every: 3 },
    { topic: 'REGIONAL_PROBLEM', title: 'От повторных обращений к решению проблемы', days: 90, format: 'онлайн', every: 4 },
    { topic: 'STAFFING', title: 'Нормирование нагрузки специалистов', days: 30, format: 'очно', every: 5 },
  ];
  for (const s of seminars) {
    const seminar = await createSeminar(em, new Date(now), {
      topic: s.topic,
      title: s.title,
      startsAt: new Date(now - s.days * DAY),
      format: s.format,
      materials: ['Презентация семинара', 'Методические рекомендации ЦУР'],
      trainer: 'Специалист ЦУР',
    });
    await recordAttendance(
      em,
      new Date(now),
      seminar.id,
      operators.filter((o) => o.n % s.every === 0).map((o) => o.id),
    );
  }
}
