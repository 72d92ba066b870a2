import { Field, ID, InputType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { AppealStatus, Channel, DeadlineState } from '../entities/enums.js';
import { useInstead } from '../graphql/renamed-argument.js';
import { registerEnum } from '../graphql/register-enum.js';

@InputType({ description: 'Промежуток времени [from, to): начало включается, конец — нет; любая граница может быть опущена' })
export class TimeRangeInput {
  @Field(() => DateTime, { nullable: true, description: 'Начало (включительно)' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Конец (не включительно)' })
  to?: Date | null;
}

@InputType({ description: 'Фильтр обращений; условия складываются через И, значения списка — через ИЛИ' })
export class AppealFilter {
  @Field(() => [AppealStatus], { nullable: true, description: 'Статусы (любой из)' })
  status?: AppealStatus[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды отраслевых блоков' })
  sector?: string[] | null;

  @Field(() => [String], { nullable: true, description: 'Коды рубрик' })
  category?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Ответственные организации' })
  organizationId?: string[] | null;

  @Field(() => [ID], { nullable: true, description: 'Муниципальные образования (любое из)' })
  municipalityId?: string[] | null;

  @Field(() => [Channel], { nullable: true, description: 'Каналы поступления (любой из)' })
  channel?: Channel[] | null;

  @Field(() => [ID], { nullable: true, description: 'Исполнители (любой из)' })
  assigneeId?: string[] | null;

  @Field(() => DateTime, { nullable: true, description: 'Поступило не раньше этого момента (включительно), как from у stats' })
  from?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Поступило раньше этого момента (граница не включается), как to у stats' })
  to?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Прежнее имя from', deprecationReason: useInstead('from') })
  receivedFrom?: Date | null;

  @Field(() => DateTime, { nullable: true, description: 'Прежнее имя to', deprecationReason: useInstead('to') })
  receivedTo?: Date | null;

  @Field(() => [DeadlineState], {
    nullable: true,
    description:
      'Состояние срока в момент запроса (любое из): то же, что Appeal.deadline.state на этот момент по часам сервера. Условие в SQL, страницы и totalCount согласованы',
  })
  deadlineState?: DeadlineState[] | null;

  @Field(() => TimeRangeInput, { nullable: true, description: 'Срок ответа (dueAt) в промежутке [from, to); обращения без срока не подходят' })
  due?: TimeRangeInput | null;

  @Field(() => Boolean, { nullable: true, description: 'Только просроченные (true) или только не просроченные (false)' })
  overdue?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Только повторные (true) или только первичные (false)' })
  isRepeat?: boolean | null;

  @Field(() => Boolean, { nullable: true, description: 'Только ждущие ручной структуризации (true) или только структурированные (false)' })
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

registerEnum(AppealOrderField, 'AppealOrderField', 'Поле сортировки обращений', {
  RECEIVED_AT: 'По времени поступления',
  UPDATED_AT: 'По времени последнего изменения',
  DUE_AT: 'По сроку (обращения без срока — в конце)',
  NUMBER: 'По регистрационному номеру',
  RELEVANCE: 'По релевантности поиску (только с filter.search); по умолчанию при поиске',
});
registerEnum(OrderDirection, 'OrderDirection', 'Направление сортировки', {
  ASC: 'По возрастанию',
  DESC: 'По убыванию',
});

@InputType({ description: 'Порядок списка обращений; при равенстве значений — по идентификатору' })
export class AppealOrder {
  @Field(() => AppealOrderField, { defaultValue: AppealOrderField.RECEIVED_AT, description: 'Поле сортировки' })
  field: AppealOrderField = AppealOrderField.RECEIVED_AT;

  @Field(() => OrderDirection, { defaultValue: OrderDirection.DESC, description: 'Направление (по умолчанию по убыванию)' })
  direction: OrderDirection = OrderDirection.DESC;
}
