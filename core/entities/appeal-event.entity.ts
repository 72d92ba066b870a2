import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { timeOrderedId } from '../db/time-ordered-id.js';
import { AppealStatus } from './enums.js';
import { Appeal } from './appeal.entity.js';
import { User } from './user.entity.js';
import { StoredAppealEventType } from './appeal-event-type.js';

/**
 * One entry of the audit trail. Append-only in the database itself (a trigger
 * refuses UPDATE and DELETE): what the ЦУР records counts as an official
 * letter (decree No. 335, clause 10).
 */
@ObjectType({ description: 'Запись журнала обращения' })
@Entity({ tableName: 'appeal_event' })
@Index({ properties: ['appeal', 'at'] })
@Index({ properties: ['type', 'at'] })
// Partial indexes of analytics (migration analytics_indexes), declared here so that schema diffs keep them.
@Index({
  name: 'appeal_event_redirected_idx',
  expression: `create index "appeal_event_redirected_idx" on "appeal_event" ("appeal_id") where type = 'REDIRECTED' or to_status = 'REDIRECTED'`,
})
@Index({
  name: 'appeal_event_returned_idx',
  expression: `create index "appeal_event_returned_idx" on "appeal_event" ("appeal_id") where type = 'ANSWER_RETURNED' or (type = 'ANSWER_REVIEWED' and data->>'decision' = 'RETURN')`,
})
export class AppealEvent {
  @Field(() => ID, { description: 'Идентификатор записи журнала (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = timeOrderedId();

  /**
   * Order of writing: entries of one transaction share `at`, and history reads
   * in (at, seq) order. Assigned by the database.
   */
  @Property({ type: 'bigint', autoincrement: true, columnType: 'bigserial' })
  seq?: string;

  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  // The code writes only AppealEventType's values (write sites take AppealEventTypeName); stored
  // trails may also hold the kinds earlier versions wrote, shown as deprecated enum values.
  @Field(() => StoredAppealEventType, { description: 'Вид записи журнала' })
  @Property({ type: 'text' })
  type!: string;

  @Field(() => DateTime, { description: 'Когда произошло событие' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  at!: Date;

  @ManyToOne(() => User, { ref: true, nullable: true })
  actorUser?: Ref<User> | null;

  /** Who acted when it was not a user: a channel, the deadline watcher, the system. */
  @Property({ type: 'text', nullable: true })
  actorLabel?: string | null;

  @Field(() => AppealStatus, { nullable: true, description: 'Статус до события; null — событие не меняло статус' })
  @Enum({ items: () => AppealStatus, nativeEnumName: 'appeal_status', nullable: true })
  fromStatus?: AppealStatus | null;

  @Field(() => AppealStatus, { nullable: true, description: 'Статус после события; null — событие не меняло статус' })
  @Enum({ items: () => AppealStatus, nativeEnumName: 'appeal_status', nullable: true })
  toStatus?: AppealStatus | null;

  @Field(() => String, { nullable: true, description: 'Причина, указанная действующим (перенаправление, продление, отказ, возврат)' })
  @Property({ type: 'text', nullable: true })
  reason?: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Подробности события (JSON): органы до и после, срок до и после, правило срока и т. п.' })
  @Property({ type: 'json', nullable: true })
  data?: Record<string, unknown> | null;
}
