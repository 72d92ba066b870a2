import { Field, Float, Int, ObjectType } from 'type-graphql';
import { StatsDimension } from './dimensions.js';

@ObjectType({ description: 'Ключ группы: разрез, значение и подпись по-русски' })
export class StatsKey {
  @Field(() => StatsDimension, { description: 'Разрез' }) dimension!: StatsDimension;
  @Field(() => String, { nullable: true, description: 'Идентификатор, код или дата (YYYY-MM-DD, YYYY-MM); null — не указано' })
  value!: string | null;
  @Field(() => String, { description: 'Значение по-русски (название, дата); «Не указано» для null' }) label!: string;
}

@ObjectType({ description: 'Отраслевой показатель (KPI плагина) в группе' })
export class StatsKpi {
  @Field(() => String, { description: 'Код показателя плагина' }) code!: string;
  @Field(() => String, { description: 'Показатель по-русски' }) name!: string;
  @Field(() => String, { description: 'Код отраслевого блока' }) sector!: string;
  @Field(() => String, { description: 'Отраслевой блок по-русски' }) sectorName!: string;
  @Field(() => String, { description: 'Мера: count, onTimeRate, overdueShare, medianResponseHours, satisfactionAvg, repeatRate' })
  measure!: string;
  @Field(() => Float, { nullable: true, description: 'Значение; null — нет данных в группе' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Целевое значение' }) target!: number | null;
}

/**
 * One group of `stats`. Only the metrics the client selects are computed
 * (one SQL statement); unselected ones are never read.
 */
@ObjectType({ description: 'Строка статистики: ключи группы и выбранные показатели' })
export class StatsRow {
  @Field(() => [StatsKey], { description: 'Ключи группы, по одному на каждый разрез groupBy, в том же порядке' }) group!: StatsKey[];
  @Field(() => Int, { nullable: true, description: 'Поступило обращений' }) count?: number | null;
  @Field(() => Int, { nullable: true, description: 'Открыто (ответ ещё не дан)' }) open?: number | null;
  @Field(() => Int, { nullable: true, description: 'Просрочено (открыто, срок истёк)' }) overdue?: number | null;
  @Field(() => Int, { nullable: true, description: 'Дан ответ' }) answered?: number | null;
  @Field(() => Int, { nullable: true, description: 'Ответ дан в срок' }) answeredOnTime?: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля ответов в срок (0..1) среди ответов' }) onTimeRate?: number | null;
  @Field(() => Float, { nullable: true, description: 'Среднее время ответа, ч (без паузы на уточнение)' }) avgResponseHours?: number | null;
  @Field(() => Float, { nullable: true, description: 'Медианное время ответа, ч' }) medianResponseHours?: number | null;
  @Field(() => Float, { nullable: true, description: 'Средняя оценка (1..5)' }) satisfactionAvg?: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля негативных оценок (0..1) среди оценённых' }) negativeRate?: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля повторных обращений (0..1)' }) repeatRate?: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля перенаправленных обращений (0..1)' }) redirectRate?: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля ответов, возвращённых на доработку (0..1)' }) returnedRate?: number | null;
  @Field(() => Int, { nullable: true, description: 'Обращений, на которые при поступлении ответило объявление ЦУР' }) matchedByAnnouncement?: number | null;
  /** Exposed by StatsResolver.kpis (with its `codes` argument). */
  kpis?: StatsKpi[] | null;
}
