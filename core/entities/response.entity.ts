import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { AnswerResult, ReviewDecision } from './enums.js';
import { Appeal } from './appeal.entity.js';
import { User } from './user.entity.js';

/** An attachment of an answer: metadata only, the file lives in the body's document system. */
export interface AttachmentMeta {
  name: string;
  url?: string | null;
  mimeType?: string | null;
  sizeBytes?: number | null;
}

/**
 * An answer drafted by the responsible body and the ЦУР's review of it. An
 * accepted answer is the one that reaches the author; a returned one stays
 * here and counts against the body's quality.
 */
@ObjectType('Response', { description: 'Ответ органа на обращение и решение ЦУР по нему' })
@Entity({ tableName: 'appeal_response' })
@Index({ properties: ['appeal', 'createdAt'] })
export class AppealResponse {
  @Field(() => ID, { description: 'Идентификатор ответа (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Appeal, { ref: true })
  appeal!: Ref<Appeal>;

  @Field(() => String, { description: 'Текст ответа органа' })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => AnswerResult, { description: 'Результат рассмотрения' })
  @Enum({ items: () => AnswerResult, nativeEnumName: 'answer_result' })
  result!: AnswerResult;

  @Property({ type: 'json', nullable: true })
  attachments?: AttachmentMeta[] | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  author?: Ref<User> | null;

  /** The organization that answered (the appeal may move on later). */
  @Property({ type: 'uuid', nullable: true })
  organizationId?: string | null;

  @Field(() => DateTime, { description: 'Когда орган направил ответ на проверку' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => ReviewDecision, { nullable: true, description: 'Решение ЦУР по ответу; null — ещё не проверен' })
  @Enum({ items: () => ReviewDecision, nativeEnumName: 'review_decision', nullable: true })
  reviewDecision?: ReviewDecision | null;

  @Field(() => String, { nullable: true, description: 'Комментарий ЦУР при проверке (причина возврата)' })
  @Property({ type: 'text', nullable: true })
  reviewComment?: string | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  reviewer?: Ref<User> | null;

  @Field(() => DateTime, { nullable: true, description: 'Когда ЦУР проверил ответ' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reviewedAt?: Date | null;
}
