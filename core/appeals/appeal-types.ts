import { Field, Float, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { DeadlineState } from '../entities/enums.js';
import { Appeal } from '../entities/appeal.entity.js';
import { connectionType } from '../graphql/pagination.js';

@ObjectType({ description: 'Автор обращения (персональные данные; скрываются для ролей без доступа)' })
export class Citizen {
  @Field(() => String, { nullable: true }) name!: string | null;
  @Field(() => String, { nullable: true }) email!: string | null;
  @Field(() => String, { nullable: true }) phone!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => Boolean, { description: 'Данные замаскированы' }) masked!: boolean;
}

@ObjectType()
export class GeoPoint {
  @Field(() => Float) latitude!: number;
  @Field(() => Float) longitude!: number;
}

@ObjectType({ description: 'Правило, которым установлен срок' })
export class DeadlineRuleInfo {
  @Field(() => String) code!: string;
  @Field(() => String) description!: string;
  @Field(() => DateTime) dueAt!: Date;
  @Field(() => Boolean, { description: 'Это правило определило срок' }) deciding!: boolean;
}

@ObjectType({ description: 'Срок рассмотрения' })
export class Deadline {
  @Field(() => DeadlineState) state!: DeadlineState;
  @Field(() => DateTime, { nullable: true }) dueAt!: Date | null;
  @Field(() => Boolean, { description: 'Срок продлевался' }) extended!: boolean;
  @Field(() => Boolean, { description: 'Срок приостановлен (ждём уточнения от автора)' }) paused!: boolean;
  @Field(() => Float, { nullable: true, description: 'Осталось времени, часов, с точностью до 0,1 (отрицательное — просрочено)' })
  remainingHours!: number | null;
  @Field(() => Float, { description: 'Время, проведённое на паузе, часов, с точностью до 0,1' }) pausedHours!: number;
  @Field(() => String, { nullable: true, description: 'Код правила, которое определило срок' }) rule!: string | null;
  @Field(() => [DeadlineRuleInfo]) rules!: DeadlineRuleInfo[];
}

export const AppealConnection = connectionType(Appeal, 'Appeal');
