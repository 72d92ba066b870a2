import { Field, Float, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { DeadlineState } from '../entities/enums.js';
import { Appeal } from '../entities/appeal.entity.js';
import { connectionType } from '../graphql/pagination.js';

@ObjectType({ description: 'Автор обращения (персональные данные; скрываются для ролей без доступа)' })
export class Citizen {
  @Field(() => String, { nullable: true, description: 'ФИО автора; маскируется для ролей без доступа к персональным данным' }) name!: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail автора; маскируется для ролей без доступа к персональным данным' }) email!: string | null;
  @Field(() => String, { nullable: true, description: 'Телефон автора; маскируется для ролей без доступа к персональным данным' }) phone!: string | null;
  @Field(() => String, { nullable: true, description: 'Почтовый адрес автора; маскируется для ролей без доступа к персональным данным' }) address!:
    string | null;
  @Field(() => Boolean, { description: 'Данные замаскированы' }) masked!: boolean;
}

@ObjectType({ description: 'Точка на карте (WGS 84)' })
export class GeoPoint {
  @Field(() => Float, { description: 'Широта, градусы (−90..90)' }) latitude!: number;
  @Field(() => Float, { description: 'Долгота, градусы (−180..180)' }) longitude!: number;
}

@ObjectType({ description: 'Правило, которым установлен срок' })
export class DeadlineRuleInfo {
  @Field(() => String, { description: 'Код правила срока (например, fz59-answer, pos-answer или срочное правило плагина)' }) code!: string;
  @Field(() => String, { description: 'Правило по-русски, со ссылкой на норму' }) description!: string;
  @Field(() => DateTime, { description: 'Срок по этому правилу' }) dueAt!: Date;
  @Field(() => Boolean, { description: 'Это правило определило срок' }) deciding!: boolean;
}

@ObjectType({ description: 'Срок рассмотрения' })
export class Deadline {
  @Field(() => DeadlineState, {
    description: 'Состояние срока в момент запроса (по часам сервера): ON_TIME, AT_RISK, OVERDUE — пока ответа нет; MET или MISSED — после',
  })
  state!: DeadlineState;
  @Field(() => DateTime, { nullable: true, description: 'Срок ответа (тот же, что Appeal.dueAt); null — срок не установлен' }) dueAt!: Date | null;
  @Field(() => Boolean, { description: 'Срок продлевался' }) extended!: boolean;
  @Field(() => Boolean, { description: 'Срок приостановлен (ждём уточнения от автора)' }) paused!: boolean;
  @Field(() => Float, { nullable: true, description: 'Осталось времени, часов, с точностью до 0,1 (отрицательное — просрочено)' })
  remainingHours!: number | null;
  @Field(() => Float, { description: 'Время, проведённое на паузе, часов, с точностью до 0,1' }) pausedHours!: number;
  @Field(() => String, { nullable: true, description: 'Код правила, которое определило срок' }) rule!: string | null;
  @Field(() => [DeadlineRuleInfo], { description: 'Все рассмотренные правила срока; решающее отмечено deciding' }) rules!: DeadlineRuleInfo[];
}

export const AppealConnection = connectionType(Appeal, 'Appeal');
