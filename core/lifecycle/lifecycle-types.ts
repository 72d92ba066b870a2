import { Field, ID, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Appeal } from '../entities/appeal.entity.js';
import { registerEnum } from '../graphql/register-enum.js';

@ObjectType({ description: 'Итог регистрации обращения' })
export class RegisterAppealPayload {
  @Field(() => Appeal, { description: 'Созданное обращение или уже существующее с тем же (channel, externalId)' }) appeal!: Appeal;
  @Field(() => Boolean, { description: 'false — обращение с этим (channel, externalId) уже было, возвращено оно же' }) created!: boolean;
}

export enum ImportRowStatus {
  CREATED = 'CREATED',
  EXISTING = 'EXISTING',
  ERROR = 'ERROR',
}
registerEnum(ImportRowStatus, 'ImportRowStatus', 'Итог строки импорта', {
  CREATED: 'Обращение создано',
  EXISTING: 'Обращение с таким (channel, externalId) уже было: возвращено оно, ничего не изменено',
  ERROR: 'Строка отклонена (error: код и поле); другие строки это не затронуло',
});

@ObjectType({ description: 'Ошибка строки импорта' })
export class ImportRowError {
  @Field(() => String, { description: 'Код ошибки (как extensions.code: BAD_USER_INPUT, CONFLICT…)' }) code!: string;
  @Field(() => String, { nullable: true, description: 'Поле строки, в котором ошибка' }) field!: string | null;
  @Field(() => String, { description: 'Ошибка по-русски' }) message!: string;
}

@ObjectType({ description: 'Итог одной строки импорта' })
export class ImportRowResult {
  @Field(() => Int, { description: 'Номер строки во входном списке, с 0' }) index!: number;
  @Field(() => ImportRowStatus, { description: 'Итог строки' }) status!: ImportRowStatus;
  @Field(() => ID, { nullable: true, description: 'Обращение (созданное или существующее); null при ошибке' }) appealId!: string | null;
  @Field(() => String, { nullable: true, description: 'Регистрационный номер' }) number!: string | null;
  @Field(() => ImportRowError, { nullable: true, description: 'Ошибка строки; null — строка принята' }) error!: ImportRowError | null;
}

@ObjectType({ description: 'Итог загрузки пакета обращений: по строке на каждую входную, в том же порядке' })
export class ImportAppealsPayload {
  @Field(() => [ImportRowResult], { description: 'По строке на каждую входную, в том же порядке' }) results!: ImportRowResult[];
  @Field(() => Int, { description: 'Сколько обращений создано' }) created!: number;
  @Field(() => Int, { description: 'Сколько строк совпали с уже существующими обращениями' }) existing!: number;
  @Field(() => Int, { description: 'Сколько строк отклонено' }) failed!: number;
}

@ObjectType({ description: 'Оценка автором ответа на обращение' })
export class Satisfaction {
  @Field(() => Int, { description: 'Оценка автора, 1..5 (1–2 — негативная)' }) score!: number;
  @Field(() => String, { nullable: true, description: 'Комментарий автора к оценке' }) comment!: string | null;
  @Field(() => DateTime, { description: 'Когда поставлена оценка' }) ratedAt!: Date;
  @Field(() => Boolean, { description: 'Оценка 1–2: обращение возобновлено, учитывается в качестве работы органа' }) negative!: boolean;
}

@ObjectType({ description: 'Ссылка для оценки ответа без входа в систему' })
export class SatisfactionLink {
  @Field(() => String, { description: 'Подписанный одноразовый токен для rateAppealByLink' }) token!: string;
  @Field(() => String, { nullable: true, description: 'Готовая ссылка, если задан SATISFACTION_LINK_BASE' }) url!: string | null;
  @Field(() => DateTime, { description: 'До какого момента ссылка действует' }) expiresAt!: Date;
}

@ObjectType({ description: 'Оценка принята' })
export class SatisfactionReceipt {
  @Field(() => String, { description: 'Регистрационный номер обращения' }) number!: string;
  @Field(() => Int, { description: 'Принятая оценка (1..5)' }) score!: number;
  @Field(() => Boolean, { description: 'Обращение возобновлено (оценка 1–2)' }) reopened!: boolean;
}
