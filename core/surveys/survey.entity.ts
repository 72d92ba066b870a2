import { ArrayType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { randomUUID } from 'node:crypto';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Problem } from '../entities/problem.entity.js';
import { User } from '../entities/user.entity.js';
import { SurveyStatus } from './rules/survey-enums.js';
import type { StoredQuestion } from './rules/survey.rules.js';

/** A question as stored with its survey: core/surveys/rules (the survey rules, below the feature). */
export type { StoredQuestion };

/**
 * A poll of residents (the decree, clause 8: "социологические офлайн- и
 * онлайн-опросы"). Its questions are part of the row: once a response exists
 * they never change (a new version is a copy).
 */
@ObjectType({ description: 'Опрос жителей' })
@Entity({ tableName: 'survey' })
@Index({ properties: ['status', 'createdAt'] })
@Index({ properties: ['createdAt', 'id'] })
export class Survey {
  @Field(() => ID, { description: 'Идентификатор опроса (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => Int, { description: 'Версия для оптимистической блокировки (expectedVersion)' })
  @Property({ type: 'integer' })
  version: number = 1;

  @Field(() => String, { description: 'Название' })
  @Property({ type: 'text' })
  title!: string;

  @Field(() => String, { nullable: true, description: 'Описание для жителей' })
  @Property({ type: 'text', nullable: true })
  description?: string | null;

  @Field(() => SurveyStatus, { description: 'Статус' })
  @Enum({ items: () => SurveyStatus, nativeEnumName: 'survey_status' })
  status: SurveyStatus = SurveyStatus.DRAFT;

  @Field(() => DateTime, { nullable: true, description: 'Начало приёма ответов' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  opensAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Окончание приёма ответов' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closesAt?: Date | null;

  /** Audience: municipalities (ids), sectors (plugin codes), categories (codes), a regional problem. */
  @Property({ type: ArrayType })
  audienceMunicipalityIds: string[] = [];

  @Property({ type: ArrayType })
  audienceSectors: string[] = [];

  @Property({ type: ArrayType })
  audienceCategories: string[] = [];

  @ManyToOne(() => Problem, { ref: true, nullable: true, index: true })
  problem?: Ref<Problem> | null;

  @Property({ type: 'json' })
  questions: StoredQuestion[] = [];

  @Field(() => Boolean, {
    description: 'Вопрос после оценки: ссылка уходит автору обращения из аудитории опроса, оценившему ответ (если он согласился на опросы)',
  })
  @Property({ type: 'boolean', default: false })
  followUpAfterRating: boolean = false;

  /** The survey this one is a new version of (copySurvey). */
  @ManyToOne(() => Survey, { ref: true, nullable: true })
  copiedFrom?: Ref<Survey> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  createdBy?: Ref<User> | null;

  @Field(() => DateTime, { description: 'Создан' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  createdAt!: Date;

  @Field(() => DateTime, { description: 'Изменён' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  updatedAt!: Date;
}
