import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { Category } from './category.entity.js';
import { Municipality } from './municipality.entity.js';
import { Organization } from './organization.entity.js';
import { registerEnum } from '../graphql/register-enum.js';

export enum ProblemStatus {
  NEW = 'NEW',
  CONFIRMED = 'CONFIRMED',
  IN_PROGRESS = 'IN_PROGRESS',
  RESOLVED = 'RESOLVED',
  DISMISSED = 'DISMISSED',
}
registerEnum(ProblemStatus, 'ProblemStatus', 'Статус проблемы (кластера однотипных обращений)', {
  NEW: 'Выявлена автоматически или заведена, ещё не рассмотрена',
  CONFIRMED: 'Подтверждена ЦУР как системная проблема',
  IN_PROGRESS: 'Решается: назначен ответственный орган и решение',
  RESOLVED: 'Решена',
  DISMISSED: 'Отклонена: не системная проблема',
});

/**
 * A regional problem: appeals clustered by category and place (a
 * municipality, a street, or a radius around a point) in a time window, with
 * the decision taken (the decree, clause 8: a comprehensive picture of the
 * problems), optionally tied to a national-project indicator (clause 12).
 */
@ObjectType({ description: 'Системная проблема: обращения одной рубрики в одном месте за период' })
@Entity({ tableName: 'problem' })
@Index({ properties: ['status', 'windowTo'] })
export class Problem {
  @Field(() => ID, { description: 'Идентификатор проблемы (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  /** The cluster key of automatic detection (category, municipality, street); null for a problem drawn by hand. */
  @Property({ type: 'text', nullable: true, unique: true })
  key?: string | null;

  @Field(() => String, { description: 'Название проблемы' })
  @Property({ type: 'text' })
  title!: string;

  @ManyToOne(() => Category, { ref: true })
  category!: Ref<Category>;

  @ManyToOne(() => Municipality, { ref: true, nullable: true })
  municipality?: Ref<Municipality> | null;

  @Field(() => String, { nullable: true, description: 'Адрес (улица), к которому относятся обращения' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Field(() => Float, { nullable: true, description: 'Широта центра, градусы WGS 84; null — без точки' })
  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Field(() => Float, { nullable: true, description: 'Долгота центра, градусы WGS 84; null — без точки' })
  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @Field(() => Int, { nullable: true, description: 'Радиус вокруг точки, м' })
  @Property({ type: 'integer', nullable: true })
  radiusMeters?: number | null;

  @Field(() => DateTime, { description: 'Начало периода, за который собраны обращения (включительно)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowFrom!: Date;

  @Field(() => DateTime, { description: 'Конец периода (не включительно)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  windowTo!: Date;

  @Field(() => Int, { description: 'Обращений за период' })
  @Property({ type: 'integer', default: 0 })
  appealCount: number = 0;

  @Field(() => Int, { description: 'Обращений за такой же предыдущий период' })
  @Property({ type: 'integer', default: 0 })
  previousCount: number = 0;

  @Field(() => ProblemStatus, { description: 'Статус проблемы' })
  @Enum({ items: () => ProblemStatus, nativeEnumName: 'problem_status', default: ProblemStatus.NEW })
  status: ProblemStatus = ProblemStatus.NEW;

  @Field(() => String, { nullable: true, description: 'Принятое решение' })
  @Property({ type: 'text', nullable: true })
  decision?: string | null;

  @Field(() => String, { nullable: true, description: 'Код показателя национального проекта (распоряжение, п. 12)' })
  @Property({ type: 'text', nullable: true })
  nationalProjectIndicator?: string | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  responsibleOrganization?: Ref<Organization> | null;

  @Field(() => DateTime, { description: 'Когда проблема выявлена или заведена' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => DateTime, { description: 'Когда последний раз изменялась' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  updatedAt: Date = new Date();
}
