import { Field, Float, ID, InputType, Int, registerEnumType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Problem, ProblemStatus } from '../entities/problem.entity.js';
import { connectionType } from '../graphql/pagination.js';

export enum ProblemTrend {
  NEW = 'NEW',
  RISING = 'RISING',
  STABLE = 'STABLE',
  FALLING = 'FALLING',
}
registerEnumType(ProblemTrend, { name: 'ProblemTrend', description: 'Динамика: сравнение с предыдущим таким же периодом' });

@InputType({ description: 'Фильтр проблем' })
export class ProblemFilter {
  @Field(() => [ProblemStatus], { nullable: true }) status?: ProblemStatus[] | null;
  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' }) sector?: string[] | null;
  @Field(() => [String], { nullable: true, description: 'Коды рубрик' }) category?: string[] | null;
  @Field(() => [ID], { nullable: true }) municipalityId?: string[] | null;
  @Field(() => DateTime, { nullable: true, description: 'Период проблемы пересекается с [from, to)' }) from?: Date | null;
  @Field(() => DateTime, { nullable: true }) to?: Date | null;
  @Field(() => Boolean, { nullable: true, description: 'Только связанные с показателем национального проекта' }) withIndicator?: boolean | null;
}

@InputType({ description: 'Решение по проблеме' })
export class UpdateProblemInput {
  @Field(() => ProblemStatus, { nullable: true }) status?: ProblemStatus | null;
  @Field(() => String, { nullable: true }) decision?: string | null;
  @Field(() => String, { nullable: true, description: 'Код показателя национального проекта; пустая строка снимает связь' })
  nationalProjectIndicator?: string | null;
  @Field(() => ID, { nullable: true }) responsibleOrganizationId?: string | null;
  @Field(() => String, { nullable: true }) title?: string | null;
}

@InputType({ description: 'Проблема по месту: рубрика и радиус вокруг точки' })
export class CreateProblemInput {
  @Field(() => String, { description: 'Код рубрики' }) category!: string;
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
  @Field(() => Int, { description: 'Радиус, м' }) radiusMeters!: number;
  @Field(() => DateTime) from!: Date;
  @Field(() => DateTime) to!: Date;
  @Field(() => String, { nullable: true }) title?: string | null;
}

export const ProblemConnection = connectionType(Problem, 'Problem');
