import { Field, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { pgQuery } from '../db/pg-query.js';

@ObjectType({ description: 'Семинар месяца в отчёте: тема, участники, органы' })
export class ReportSeminar {
  @Field(() => String, { description: 'Название' }) title!: string;
  @Field(() => String, { description: 'Код темы' }) topic!: string;
  @Field(() => DateTime, { description: 'Начало' }) startsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Формат' }) format!: string | null;
  @Field(() => Int, { description: 'Присутствовало специалистов' }) attendees!: number;
  @Field(() => Int, { description: 'Органов, чьи сотрудники присутствовали' }) organizations!: number;
}

/** The monthly report's "training" section: the seminars held in the month, in one statement. */
export async function loadTrainingSection(em: EntityManager, from: Date, to: Date): Promise<ReportSeminar[]> {
  const rows = await pgQuery<{ title: string; topic: string; starts_at: string | Date; format: string | null; attendees: number; organizations: number }>(
    em,
    `
    select s.title, s.topic, s.starts_at, s.format, count(sa.id)::int as attendees, count(distinct u.organization_id)::int as organizations
    from seminar s left join seminar_attendance sa on sa.seminar_id = s.id left join app_user u on u.id = sa.user_id
    where s.starts_at >= $1 and s.starts_at < $2 group by s.id order by s.starts_at, s.title`,
    [from, to],
  );
  return rows.map((r) => ({
    title: r.title,
    topic: r.topic,
    startsAt: new Date(r.starts_at),
    format: r.format,
    attendees: r.attendees,
    organizations: r.organizations,
  }));
}
