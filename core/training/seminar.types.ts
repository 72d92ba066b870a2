import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Role } from '../entities/enums.js';
import { connectionType } from '../graphql/pagination.js';
import { Seminar } from './seminar.entity.js';

@InputType({ description: 'Новый семинар' })
export class SeminarInput {
  @Field(() => String, { description: 'Код темы (совпадает с кодом рекомендации, например ANSWER_QUALITY)' }) topic!: string;
  @Field(() => String, { description: 'Название' }) title!: string;
  @Field(() => DateTime, { description: 'Начало' }) startsAt!: Date;
  @Field(() => String, { nullable: true, description: 'Формат: очно, онлайн, вебинар' }) format?: string | null;
  @Field(() => [ID], { nullable: true, description: 'Приглашённые органы (пусто — для всех)' }) organizationIds?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Материалы (ссылки, названия)' }) materials?: string[] | null;
  @Field(() => String, { nullable: true, description: 'Преподаватель' }) trainer?: string | null;
  @Field(() => [Role], { nullable: true, description: 'Роли, для которых семинар (пусто — для всех)' }) targetRoles?: Role[] | null;
}

@InputType({ description: 'Отбор семинаров' })
export class SeminarFilter {
  @Field(() => String, { nullable: true, description: 'Код темы' }) topic?: string | null;
  @Field(() => ID, { nullable: true, description: 'Орган: приглашённый или чьи сотрудники присутствовали' }) organizationId?: string | null;
  @Field(() => DateTime, { nullable: true, description: 'Не раньше' }) from?: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'Раньше' }) to?: Date | null;
}

export const SeminarConnection = connectionType(Seminar, 'Seminar');
