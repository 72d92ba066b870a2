import { Field, Float, ID, InputType, Int } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Problem, ProblemStatus } from '../entities/problem.entity.js';
import { connectionType } from '../graphql/pagination.js';
import { registerEnum } from '../graphql/register-enum.js';

export enum ProblemTrend {
  NEW = 'NEW',
  RISING = 'RISING',
  STABLE = 'STABLE',
  FALLING = 'FALLING',
}
registerEnum(ProblemTrend, 'ProblemTrend', 'Динамика: число обращений за период против предыдущего такого же периода', {
  NEW: 'В предыдущем периоде обращений не было',
  RISING: 'Рост: не меньше чем в 1,2 раза больше, чем в предыдущем периоде',
  STABLE: 'Без заметных изменений (в пределах ±20%)',
  FALLING: 'Снижение: не больше 0,8 от предыдущего периода',
});

@InputType({ description: 'Фильтр проблем' })
export class ProblemFilter {
  @Field(() => [ProblemStatus], { nullable: true, description: 'Статусы (любой из)' }) status?: ProblemStatus[] | null;
  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' }) sector?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Коды рубрик' }) category?: string[] | null;
  @Field(() => [ID], { nullable: true, description: 'Муниципалитеты (любой из)' }) municipalityId?: string[] | null;
  @Field(() => DateTime, { nullable: true, description: 'Период проблемы пересекается с [from, to)' }) from?: Date | null;
  @Field(() => DateTime, { nullable: true, description: 'Конец периода (не включительно); см. from' }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Только связанные с показателем национального проекта' }) withIndicator?: boolean | null;
}

@InputType({ description: 'Решение по проблеме' })
export class UpdateProblemInput {
  @Field(() => ProblemStatus, { nullable: true, description: 'Новый статус' }) status?: ProblemStatus | null;
  @Field(() => String, { nullable: true, description: 'Принятое решение (текст)' }) decision?: string | null;
  @Field(() => String, { nullable: true, description: 'Код показателя национального проекта; пустая строка снимает связь' })
  nationalProjectIndicator?: string | null;
  @Field(() => ID, { nullable: true, description: 'Орган, ответственный за решение' }) responsibleOrganizationId?: string | null;
  @Field(() => String, { nullable: true, description: 'Новое название' }) title?: string | null;
}

@InputType({ description: 'Проблема по месту: рубрика и радиус вокруг точки' })
export class CreateProblemInput {
  @Field(() => String, { description: 'Код рубрики' }) category!: string;
  @Field(() => Float, { description: 'Широта центра, градусы WGS 84' }) latitude!: number;
  @Field(() => Float, { description: 'Долгота центра, градусы WGS 84' }) longitude!: number;
  @Field(() => Int, { description: 'Радиус, м' }) radiusMeters!: number;
  @Field(() => DateTime, { description: 'Начало периода (включительно)' }) from!: Date;
  @Field(() => DateTime, { description: 'Конец периода (не включительно)' }) to!: Date;
  @Field(() => String, { nullable: true, description: 'Название; по умолчанию — из рубрики и улицы' }) title?: string | null;
}

export const ProblemConnection = connectionType(Problem, 'Problem');
