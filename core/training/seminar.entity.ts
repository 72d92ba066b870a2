import { ArrayType, Entity, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateTime } from '../graphql/date-time.scalar.js';
import { User } from '../entities/user.entity.js';

/**
 * An educational seminar for the bodies' specialists (the decree, clause 8:
 * "проведение образовательных семинаров для профильных специалистов").
 * `topic` is a code: a recommendation with the same code (core/recommendations)
 * is answered by this seminar.
 */
@ObjectType({ description: 'Образовательный семинар для специалистов органов' })
@Entity({ tableName: 'seminar' })
@Index({ properties: ['startsAt'] })
export class Seminar {
  @Field(() => ID, { description: 'Идентификатор семинара (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Код темы (совпадает с кодом рекомендации, например ANSWER_QUALITY)' })
  @Index()
  @Property({ type: 'text' })
  topic!: string;

  @Field(() => String, { description: 'Название семинара' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => DateTime, { description: 'Начало' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startsAt!: Date;

  @Field(() => String, { nullable: true, description: 'Формат: очно, онлайн, вебинар' })
  @Property({ type: 'text', nullable: true })
  format?: string | null;

  @Field(() => [String], { description: 'Материалы (ссылки, названия)' })
  @Property({ type: ArrayType })
  materials: string[] = [];

  @Field(() => String, { nullable: true, description: 'Преподаватель' })
  @Property({ type: 'text', nullable: true })
  trainer?: string | null;

  /** Invited bodies (empty: open to all). */
  @Property({ type: ArrayType, columnType: 'uuid[]' })
  organizationIds: string[] = [];

  @Field(() => [String], { description: 'Роли, для которых семинар (пусто — для всех)' })
  @Property({ type: ArrayType })
  targetRoles: string[] = [];

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;
}

/** One user's attendance of a seminar. */
@Entity({ tableName: 'seminar_attendance' })
@Unique({ properties: ['seminar', 'user'] })
export class SeminarAttendance {
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @ManyToOne(() => Seminar, { ref: true, deleteRule: 'cascade' })
  seminar!: Ref<Seminar>;

  @Index()
  @ManyToOne(() => User, { ref: true })
  user!: Ref<User>;

  @Property({ type: 'datetime', columnType: 'timestamptz' })
  recordedAt!: Date;
}
