import { Entity, Enum, Index, ManyToOne, PrimaryKey, Property, type Ref } from '@mikro-orm/core';
import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { randomUUID } from 'node:crypto';
import { User } from '../entities/user.entity.js';
import { ImportJobStatus } from '../entities/channel-enums.js';

/** A file import from a channel (ПОС, a regional system, social monitoring), with its progress. */
@ObjectType({ description: 'Загрузка файла из канала и её ход' })
@Entity({ tableName: 'import_job' })
@Index({ properties: ['startedAt'] })
export class ImportJob {
  @Field(() => ID, { description: 'Идентификатор загрузки (UUID)' })
  @PrimaryKey({ type: 'uuid' })
  id: string = randomUUID();

  @Field(() => String, { description: 'Код адаптера канала: pos, regional-csv, regional-xlsx, social' })
  @Property({ type: 'text' })
  adapter!: string;

  @Field(() => String, { nullable: true, description: 'Имя загруженного файла' })
  @Property({ type: 'text', nullable: true })
  fileName?: string | null;

  @Field(() => ImportJobStatus, { description: 'Состояние загрузки' })
  @Enum({ items: () => ImportJobStatus, nativeEnumName: 'import_job_status' })
  status: ImportJobStatus = ImportJobStatus.RUNNING;

  @Field(() => Int, { description: 'Записей в файле (известно после чтения файла)' })
  @Property({ type: 'integer', default: 0 })
  total: number = 0;

  @Field(() => Int, { description: 'Строк обработано' })
  @Property({ type: 'integer', default: 0 })
  processed: number = 0;

  @Field(() => Int, { description: 'Приняты: созданы обращения или найдены уже принятые' })
  @Property({ type: 'integer', default: 0 })
  accepted: number = 0;

  @Field(() => Int, { description: 'Из принятых: присоединены к уже существующему обращению (дубликаты)' })
  @Property({ type: 'integer', default: 0 })
  merged: number = 0;

  @Field(() => Int, { description: 'Строк отклонено (см. записи канала со статусом REJECTED)' })
  @Property({ type: 'integer', default: 0 })
  rejected: number = 0;

  @Field(() => Int, { description: 'Отложены для повторной попытки' })
  @Property({ type: 'integer', default: 0 })
  pendingRetry: number = 0;

  @Field(() => String, { nullable: true, description: 'Почему файл не удалось прочитать' })
  @Property({ type: 'text', nullable: true })
  error?: string | null;

  /** The adapter's options (column mapping, system code), kept for a retry. */
  @Property({ type: 'json', nullable: true })
  options?: Record<string, unknown> | null;

  @ManyToOne(() => User, { ref: true, nullable: true })
  submittedBy?: Ref<User> | null;

  @Field(() => DateTime, { description: 'Когда загрузка началась' })
  @Property({ type: 'datetime', columnType: 'timestamptz' })
  startedAt!: Date;

  @Field(() => DateTime, { nullable: true, description: 'Когда загрузка закончилась; null — ещё идёт' })
  @Property({ type: 'datetime', columnType: 'timestamptz', nullable: true })
  finishedAt?: Date | null;
}
