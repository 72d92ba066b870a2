import { BigIntType, Entity, Enum, Index, ManyToOne, PrimaryKey, Property, Unique, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { timeOrderedId } from '../db/time-ordered-id.js';
import { AppealStatus, Channel } from './enums.js';
import { Municipality } from './municipality.entity.js';
import { Sector } from './sector.entity.js';
import { Category } from './category.entity.js';
import { Organization } from './organization.entity.js';
import { User } from './user.entity.js';
import { SEARCH_INDEXES } from '../db/appeal-search.sql.js';
import { StructuringSuggestionValue } from './structuring-suggestion.type.js';

/** The rule that set a deadline, kept so that every deadline can be explained. */
export interface DeadlineRuleTrace {
  code: string;
  description: string;
  dueAt: string;
  /** statutory (the channel's law or regulation) or urgent (a sector plugin's shorter rule). */
  source?: 'statutory' | 'urgent';
  /** An urgent rule's duration, kept so the deadline can be recomputed (extension, pause) without re-reading the facts. */
  answerWithin?: { hours: number } | { calendarDays: number } | { workingDays: number };
}

/**
 * An appeal, message or incident, from any channel.
 * Relations and personal data are exposed through field resolvers (loaders,
 * masking), not as plain fields.
 */
@ObjectType({ description: 'Обращение, сообщение или инцидент' })
@Entity({ tableName: 'appeal' })
@Unique({ properties: ['channel', 'externalId'] })
@Index({ properties: ['status'] })
@Index({ properties: ['receivedAt', 'id'] })
@Index({ properties: ['sector', 'receivedAt'] })
@Index({ properties: ['organization', 'status'] })
@Index({ properties: ['municipality', 'receivedAt'] })
@Index({ properties: ['category', 'receivedAt'] })
@Index({ properties: ['channel', 'receivedAt'] })
@Index({ properties: ['assignee', 'status'] })
@Index({ properties: ['dueAt'] })
@Index({ properties: ['authorEmailKey', 'receivedAt'] })
@Index({ properties: ['authorPhoneKey', 'receivedAt'] })
@Index({ properties: ['category', 'addressKey', 'receivedAt'] })
// Partial indexes of analytics (migration analytics_indexes), declared here so that schema diffs keep them.
@Index({ name: 'appeal_answered_at_idx', expression: 'create index "appeal_answered_at_idx" on "appeal" ("answered_at") where answered_at is not null' })
@Index({ name: 'appeal_rated_at_idx', expression: 'create index "appeal_rated_at_idx" on "appeal" ("rated_at") where satisfaction_score is not null' })
// The monthly report's lateness (migration lateness_indexes): the unanswered by due date and the answers given late,
// each with the columns of the overdue-at-the-end-of-the-month predicate, so both halves are index-only scans.
@Index({
  name: 'appeal_unanswered_due_at_idx',
  expression: `create index "appeal_unanswered_due_at_idx" on "appeal" ("due_at") include ("received_at", "closed_at", "status", "paused_at", "municipality_id", "organization_id") where answered_at is null`,
})
@Index({
  name: 'appeal_answered_late_idx',
  expression: `create index "appeal_answered_late_idx" on "appeal" ("answered_at") include ("due_at", "received_at", "closed_at", "status", "paused_at", "municipality_id", "organization_id") where answered_at > due_at`,
})
// The monthly report's overdue section (migration report_indexes): each body's oldest unanswered in order, five at a time.
@Index({
  name: 'appeal_unanswered_organization_due_idx',
  expression: `create index "appeal_unanswered_organization_due_idx" on "appeal" ("organization_id", "due_at", "number") include ("received_at", "closed_at", "status", "paused_at") where answered_at is null`,
})
// Workload's open appeals (migration report_indexes): every column of its statement, so that half is index-only.
@Index({
  name: 'appeal_open_workload_idx',
  expression: `create index "appeal_open_workload_idx" on "appeal" ("sector_id", "assignee_id") include ("status", "answered_at", "due_at", "paused_at", "received_at", "paused_ms", "organization_id") where status in ('NEW','REGISTERED','ASSIGNED','IN_PROGRESS','ON_REVIEW','REDIRECTED','REOPENED')`,
})
// Search (migration appeal_search): full text in Russian, and trigrams of the place for typos.
@Index({ name: 'appeal_search_idx', expression: SEARCH_INDEXES.document })
@Index({ name: 'appeal_place_trgm_idx', expression: SEARCH_INDEXES.place })
// The overdue of months served by the analytics rollup, counted live (migration analytics_overdue_index): index-only.
@Index({
  name: 'appeal_overdue_candidates_idx',
  expression: `create index "appeal_overdue_candidates_idx" on "appeal" ("received_at") include ("due_at", "organization_id", "municipality_id", "sector_id") where answered_at is null and paused_at is null and status in ('NEW','REGISTERED','ASSIGNED','IN_PROGRESS','ON_REVIEW','REDIRECTED','REOPENED')`,
})
export class Appeal {
  @Field(() => ID, { description: 'Идентификатор обращения (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = timeOrderedId();

  @Field(() => String, { description: 'Регистрационный номер' })
  @Property({ type: 'text', unique: true })
  number!: string;

  @Field(() => Channel, { description: 'Канал поступления; от него зависит срок' })
  @Enum({ items: () => Channel, nativeEnumName: 'channel' })
  channel!: Channel;

  @Field(() => String, { nullable: true, description: 'Идентификатор в системе-источнике' })
  @Property({ type: 'text', nullable: true })
  externalId?: string | null;

  @Field(() => AppealStatus, { description: 'Текущий статус (docs/lifecycle.md)' })
  @Enum({ items: () => AppealStatus, nativeEnumName: 'appeal_status' })
  status: AppealStatus = AppealStatus.NEW;

  @Field(() => Int, { description: 'Версия для оптимистической блокировки' })
  @Property({ type: 'integer', version: true })
  version: number = 1;

  @Field(() => String, {
    description: 'Текст обращения; телефоны, e-mail, СНИЛС, паспорта и номера квартир в нём скрыты от ролей без доступа к персональным данным',
  })
  @Property({ type: 'text' })
  text!: string;

  @Field(() => String, { nullable: true, description: 'Формализованная суть обращения (персональные данные скрыты, как в тексте)' })
  @Property({ type: 'text', nullable: true })
  summary?: string | null;

  /** Personal data: exposed only through the `author` resolver, which masks by role. */
  @Property({ type: 'text', nullable: true })
  authorName?: string | null;

  @Property({ type: 'text', nullable: true })
  authorEmail?: string | null;

  @Property({ type: 'text', nullable: true })
  authorPhone?: string | null;

  @Property({ type: 'text', nullable: true })
  authorAddress?: string | null;

  /** The author agreed to notices at the e-mail/phone above (announcements, the course of the appeal). */
  @Property({ type: 'boolean', default: false })
  authorNotifyConsent: boolean = false;

  @Field(() => String, { nullable: true, description: 'Адрес места, о котором обращение (номер квартиры скрыт от ролей без доступа к персональным данным)' })
  @Property({ type: 'text', nullable: true })
  address?: string | null;

  @Property({ type: 'double', nullable: true })
  latitude?: number | null;

  @Property({ type: 'double', nullable: true })
  longitude?: number | null;

  @ManyToOne(() => Municipality, { ref: true, nullable: true })
  municipality?: Ref<Municipality> | null;

  @ManyToOne(() => Sector, { ref: true, nullable: true })
  sector?: Ref<Sector> | null;

  @ManyToOne(() => Category, { ref: true, nullable: true })
  category?: Ref<Category> | null;

  @ManyToOne(() => Organization, { ref: true, nullable: true })
  organization?: Ref<Organization> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  assignee?: Ref<User> | null;

  @Field(() => Boolean, { description: 'Обращение по 59-ФЗ' })
  @Property({ type: 'boolean', default: false })
  fz59: boolean = false;

  @Field(() => DateTime, { description: 'Когда обращение поступило в канал (от этого момента считаются сроки не по 59-ФЗ)' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  receivedAt!: Date;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Когда зарегистрировано (для 59-ФЗ — от этого момента считается 30-дневный срок); null — ещё не зарегистрировано',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  registeredAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Срок ответа (с учётом продления и пауз); null — срок не установлен' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  dueAt?: Date | null;

  /** When the deadline clock started; with dueAt it gives the allowed time. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  deadlineStartsAt?: Date | null;

  @Property({ type: 'json', nullable: true })
  deadlineRules?: DeadlineRuleTrace[] | null;

  @Property({ type: 'text', nullable: true })
  deadlineRule?: string | null;

  @Property({ type: 'integer', default: 0 })
  extensionDays: number = 0;

  /** Set while the clock is paused (waiting for the author's clarification). */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  pausedAt?: Date | null;

  /** Total time the clock was paused, kept so it is never lost. */
  @Property({ type: new BigIntType('number'), default: 0 })
  pausedMs: number = 0;

  @Field(() => DateTime, {
    nullable: true,
    description: 'Когда ЦУР принял ответ органа и он ушёл автору: по этому моменту срок соблюдён (MET) или нарушен (MISSED)',
  })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  answeredAt?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Когда обращение закрыто или оставлено без рассмотрения' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  closedAt?: Date | null;

  @Property({ type: 'smallint', nullable: true })
  satisfactionScore?: number | null;

  @Property({ type: 'text', nullable: true })
  satisfactionComment?: string | null;

  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  ratedAt?: Date | null;

  @Field(() => Boolean, { description: 'Повторное обращение' })
  @Property({ type: 'boolean', default: false })
  isRepeat: boolean = false;

  @ManyToOne(() => Appeal, { ref: true, nullable: true })
  repeatOf?: Ref<Appeal> | null;

  /** How the appeal was structured: rule, confidence (for the audit and review). */
  @Property({ type: 'json', nullable: true })
  classification?: { rule: string; confidence: number } | null;

  @Field(() => Boolean, { description: 'Ждёт ручной структуризации специалистом ЦУР' })
  @Property({ type: 'boolean', default: false })
  needsStructuring: boolean = false;

  /** The structurer's three likeliest sector/category pairs, kept at intake for the specialist (and for feedback). */
  @Field(() => [StructuringSuggestionValue], { nullable: true, description: 'Три наиболее вероятных варианта структуризации (для ручной структуризации)' })
  @Property({ type: 'json', nullable: true })
  structuringSuggestions?: StructuringSuggestionValue[] | null;

  @Field(() => String, { nullable: true, description: 'Статус в системе-источнике' })
  @Property({ type: 'text', nullable: true })
  sourceStatus?: string | null;

  /** The record as the channel sent it. */
  @Property({ type: 'json', nullable: true, lazy: true })
  raw?: unknown;

  /** The sector plugin's details as validated at registration, for re-running its rules after structuring. */
  @Property({ type: 'json', nullable: true, lazy: true })
  details?: Record<string, unknown> | null;

  /** The body the appeal complains about: never routed or assigned to it (59-ФЗ art. 8 part 6). */
  @ManyToOne(() => Organization, { ref: true, nullable: true })
  complaintAgainst?: Ref<Organization> | null;

  /** Normalised e-mail, phone (last 10 digits) and address, for finding repeated appeals. */
  @Property({ type: 'text', nullable: true })
  authorEmailKey?: string | null;

  @Property({ type: 'text', nullable: true })
  authorPhoneKey?: string | null;

  @Property({ type: 'text', nullable: true })
  addressKey?: string | null;

  /** First reaction (work started): ends an incident's reaction stage. */
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reactedAt?: Date | null;

  /** When a new consideration started after a negative rating or a reopen; its clock counts from here. */
  @Field(() => DateTime, { nullable: true, description: 'Когда рассмотрение возобновлено после оценки 1–2 или решением ЦУР: новый срок считается отсюда' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  reopenedAt?: Date | null;

  /** Answers the ЦУР returned for rework: counts against the body's quality. */
  @Field(() => Int, { description: 'Сколько раз ответ возвращался на доработку' })
  @Property({ type: 'integer', default: 0 })
  reworkCount: number = 0;

  /** Reopenings after a negative rating or by the ЦУР: count against the body's quality. */
  @Field(() => Int, { description: 'Сколько раз рассмотрение возобновлялось' })
  @Property({ type: 'integer', default: 0 })
  reopenCount: number = 0;

  @Field(() => DateTime, { description: 'Когда запись создана в системе' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()' })
  createdAt: Date = new Date();

  @Field(() => DateTime, { description: 'Когда запись последний раз изменялась' })
  @Property({ type: 'datetime', columnType: 'timestamptz', defaultRaw: 'now()', onUpdate: () => new Date() })
  updatedAt: Date = new Date();
}
