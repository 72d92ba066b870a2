import { Entity, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { randomUUID } from 'node:crypto';
import { DateTime } from '../graphql/date-time.scalar.js';
import { User } from '../entities/user.entity.js';
import { Survey } from './survey.entity.js';

/**
 * One entry of a survey's audit trail: every change of the survey, its
 * links and its imports. Append-only in the database (a trigger refuses
 * UPDATE, DELETE and TRUNCATE), like the appeals' trail.
 */
@ObjectType({ description: 'Запись журнала опроса' })
@Entity({ tableName: 'survey_event' })
@Index({ properties: ['survey', 'at'] })
export class SurveyEvent {
  @Field(() => ID, { description: 'Идентификатор записи журнала опроса (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Property({ type: 'bigint', autoincrement: true, columnType: 'bigserial' })
  seq?: string;

  @ManyToOne(() => Survey, { ref: true })
  survey!: Ref<Survey>;

  @Field(() => String, { description: 'Вид события: CREATED, UPDATED, COPIED, OPENED, CLOSED, LINKS_ISSUED, INVITATIONS_QUEUED, RESPONSES_IMPORTED' })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => DateTime, { description: 'Когда' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  actorUser?: Ref<User> | null;

  @Field(() => Int, { description: 'Версия опроса после события' })
  @Property({ type: 'integer' })
  version!: number;

  @Field(() => JsonScalar, { nullable: true, description: 'Подробности: изменённые поля, число ссылок, итоги загрузки' })
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
