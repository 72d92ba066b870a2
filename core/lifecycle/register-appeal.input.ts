import { Field, Float, ID, InputType } from 'type-graphql';
import { JsonScalar } from '../graphql/json.scalar.js';
import { DateTime } from '../graphql/date-time.scalar.js';
import { Channel } from '../entities/enums.js';
import type { AppealIntake } from './appeal-intake.js';

@InputType({ description: 'Автор обращения (персональные данные)' })
export class CitizenInput {
  @Field(() => String, { nullable: true, description: 'ФИО автора (персональные данные)' }) name?: string | null;
  @Field(() => String, { nullable: true, description: 'E-mail автора (персональные данные)' }) email?: string | null;
  @Field(() => String, { nullable: true, description: 'Телефон автора (персональные данные)' }) phone?: string | null;
  @Field(() => String, { nullable: true, description: 'Почтовый адрес для ответа' }) address?: string | null;
  @Field(() => Boolean, {
    nullable: true,
    description: 'Согласие получать уведомления (объявления ЦУР, ход рассмотрения) на указанный e-mail или телефон; по умолчанию нет',
  })
  notifyConsent?: boolean | null;
}

@InputType({ description: 'Точка на карте (WGS 84)' })
export class GeoPointInput {
  @Field(() => Float, { description: 'Широта, градусы (−90..90)' }) latitude!: number;
  @Field(() => Float, { description: 'Долгота, градусы (−180..180)' }) longitude!: number;
}

@InputType({ description: 'Обращение, как его передаёт канал поступления' })
export class RegisterAppealInput implements AppealIntake {
  @Field(() => Channel, { description: 'Канал поступления; от него зависит срок' }) channel!: Channel;

  @Field(() => String, { nullable: true, description: 'Идентификатор в системе-источнике; повтор (channel, externalId) возвращает то же обращение' })
  externalId?: string | null;

  @Field(() => String, { description: 'Текст обращения' }) text!: string;

  @Field(() => DateTime, { description: 'Когда обращение поступило в канал' })
  receivedAt!: Date;

  @Field(() => Boolean, { nullable: true, description: 'Обращение по 59-ФЗ (например, через Госуслуги); письма, e-mail и личный приём — всегда' })
  fz59?: boolean | null;

  @Field(() => String, { nullable: true, description: 'Формализованная суть (если уже есть)' }) summary?: string | null;
  @Field(() => CitizenInput, { nullable: true, description: 'Автор (персональные данные)' }) author?: CitizenInput | null;
  @Field(() => String, { nullable: true, description: 'Адрес проблемы' }) address?: string | null;
  @Field(() => GeoPointInput, { nullable: true, description: 'Точка на карте, к которой относится обращение' }) location?: GeoPointInput | null;
  @Field(() => ID, { nullable: true, description: 'Муниципальное образование' }) municipalityId?: string | null;

  @Field(() => String, { nullable: true, description: 'Код отраслевого блока; без него и без рубрики — автоматическая структуризация' })
  sector?: string | null;

  @Field(() => String, { nullable: true, description: 'Код рубрики' })
  category?: string | null;

  @Field(() => JsonScalar, { nullable: true, description: 'Поля отраслевого блока; проверяются плагином блока' })
  details?: unknown;

  @Field(() => ID, { nullable: true, description: 'Ответственный орган, если канал его уже знает (маршрутизация не выполняется)' })
  organizationId?: string | null;

  @Field(() => ID, { nullable: true, description: 'Орган, на действия которого жалоба: обращение туда не направляется (ч. 6 ст. 8 59-ФЗ)' })
  complaintAgainstOrganizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Статус в системе-источнике' }) sourceStatus?: string | null;
  @Field(() => JsonScalar, { nullable: true, description: 'Запись, как её прислал канал' }) raw?: unknown;
}
