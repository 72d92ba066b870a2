import { Field, ID, InputType, registerEnumType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { AppealStatus, Channel } from '../entities/enums.js';

@InputType({ description: 'Фильтр обращений; условия складываются через И, значения списка — через ИЛИ' })
export class AppealFilter {
  @Field(() => [AppealStatus], { nullable: true })
  status?: AppealStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' })
  sector?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды рубрик' })
  category?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ответственные организации' })
  organizationId?: string[] | null;

  @Field(() => [ID], { nullable: true })
  municipalityId?: string[] | null;

  @Field(() => [Channel], { nullable: true })
  channel?: Channel[] | null;

  @Field(() => [ID], { nullable: true })
  assigneeId?: string[] | null;

  @Field(() => DateTime, { nullable: true, description: 'Поступило не раньше' })
  receivedFrom?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Поступило раньше (граница не включается)' })
  receivedTo?: Date | null;

  @Field(() => Boolean, { nullable: true, description: 'Только просроченные (true) или только не просроченные (false)' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  isRepeat?: boolean | null;

  @Field(() => Boolean, { nullable: true })
  needsStructuring?: boolean | null;

  @Field(() => String, {
    nullable: true,
    description:
      'Поиск: номер обращения целиком; слова текста, краткого содержания и адреса с учётом словоформ (полнотекстовый поиск, русская морфология; «кавычки», OR и -минус как в веб-поиске); адрес и краткое содержание — с опечатками (триграммы). Без orderBy результат упорядочен по релевантности',
  })
  search?: string | null;
}

export enum AppealOrderField {
  RECEIVED_AT = 'RECEIVED_AT',
  UPDATED_AT = 'UPDATED_AT',
  DUE_AT = 'DUE_AT',
  NUMBER = 'NUMBER',
  RELEVANCE = 'RELEVANCE',
}

export enum OrderDirection {
  ASC = 'ASC',
  DESC = 'DESC',
}

registerEnumType(AppealOrderField, {
  name: 'AppealOrderField',
  description: 'Поле сортировки обращений',
  valuesConfig: {
    RECEIVED_AT: { description: 'По времени поступления' },
    UPDATED_AT: { description: 'По времени последнего изменения' },
    DUE_AT: { description: 'По сроку (обращения без срока — в конце)' },
    NUMBER: { description: 'По регистрационному номеру' },
    RELEVANCE: { description: 'По релевантности поиску (только с filter.search); по умолчанию при поиске' },
  },
});
registerEnumType(OrderDirection, { name: 'OrderDirection' });

@InputType()
export class AppealOrder {
  @Field(() => AppealOrderField, { defaultValue: AppealOrderField.RECEIVED_AT })
  field: AppealOrderField = AppealOrderField.RECEIVED_AT;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC })
  direction: OrderDirection = OrderDirection.DESC;
}
