import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../graphql/date-time.scalar.js';
import { RatingRow } from '../analytics/ratings.types.js';
import { WorkloadRow } from '../analytics/workload.types.js';
import { ConflictCount } from '../analytics/conflicts.types.js';
import { StatsKpi } from '../analytics/stats.types.js';
import { ReportSeminar } from '../training/training-report.js';
import { ReportSurveyFinding } from '../surveys/survey-report-section.js';

@ObjectType({ description: 'Показатель отчёта с сравнением: с прошлым месяцем и с тем же месяцем год назад' })
export class ReportMetric {
  @Field(() => String, { description: 'Код показателя (received, answered, onTimeRate, overdue…): стабилен, для программ' }) code!: string;
  @Field(() => String, { description: 'Название показателя по-русски' }) label!: string;
  @Field(() => String, { description: 'Единица: count — штук, share — доля 0..1, hours — часы, score — баллы 1..5' }) unit!: string;
  @Field(() => Float, { nullable: true, description: 'Значение за месяц отчёта в единицах unit; null — нет данных' }) value!: number | null;
  @Field(() => Float, { nullable: true, description: 'Значение за предыдущий месяц; null — нет данных' }) previousMonth!: number | null;
  @Field(() => Float, { nullable: true, description: 'Значение за тот же месяц год назад; null — нет данных' }) yearAgo!: number | null;
  @Field(() => Float, { nullable: true, description: 'Разница с прошлым месяцем (для долей — в долях, не в процентах)' }) changeFromPreviousMonth!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Разница с тем же месяцем год назад (для долей — в долях, не в процентах)' }) changeFromYearAgo!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Изменение к прошлому месяцу, % (для количеств)' }) percentFromPreviousMonth!: number | null;
  @Field(() => Float, { nullable: true, description: 'Изменение к тому же месяцу год назад, % (для количеств)' }) percentFromYearAgo!: number | null;
  @Field(() => String, { description: 'Что именно считает показатель (то же определение печатается под ним в HTML, PDF и XLSX)' }) definition!: string;
}

@ObjectType({ description: 'Определение показателя отчёта, как оно напечатано в файлах отчёта' })
export class ReportDefinition {
  @Field(() => String, { description: 'Код показателя: count, overdueAtMonthEnd, answeredLate, workloadOverdue…' }) figure!: string;
  @Field(() => String, { description: 'Определение по-русски' }) text!: string;
}

@ObjectType({ description: 'Строка разбивки отчёта' })
export class ReportCount {
  @Field(() => String, { nullable: true, description: 'Код или идентификатор строки (рубрики, муниципалитета, канала, органа); null — не указано' }) key!:
    string | null;
  @Field(() => String, { description: 'Подпись строки по-русски' }) label!: string;
  @Field(() => Int, { description: 'Поступило обращений за месяц' }) count!: number;
  @Field(() => Int, { nullable: true, description: 'Поступило за предыдущий месяц; null — не считается для этой разбивки' }) previousMonth!: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля от всех обращений месяца' }) share!: number | null;
  @Field(() => Int, { nullable: true, description: 'Дан ответ (принят ЦУР) за месяц' }) answered!: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля ответов в срок (0..1) среди ответов месяца' }) onTimeRate!: number | null;
  @Field(() => Int, { nullable: true, description: 'Просрочено на конец месяца (определение overdueAtMonthEnd); null — графы нет в разделе' }) overdue!:
    number | null;
  @Field(() => Float, { nullable: true, description: 'Медианное время ответа, ч (календарные часы, без пауз)' }) medianResponseHours!: number | null;
  @Field(() => Float, { nullable: true, description: 'Средняя оценка автора (1..5)' }) satisfactionAvg!: number | null;
  @Field(() => Float, { nullable: true, description: 'Обращений на 10 000 жителей (муниципалитеты)' }) perTenThousand!: number | null;
}

@ObjectType({ description: 'День месяца: поступило и решено' })
export class ReportDay {
  @Field(() => String, { description: 'Дата, YYYY-MM-DD (в часовом поясе региона)' }) day!: string;
  @Field(() => String, { description: 'Дата по-русски (например, «3 марта»)' }) label!: string;
  @Field(() => Int, { description: 'Поступило в этот день' }) received!: number;
  @Field(() => Int, { description: 'Дан ответ в этот день' }) resolved!: number;
}

@ObjectType({ description: 'Очаг: много обращений одной рубрики на одной улице' })
export class ReportHotSpot {
  @Field(() => String, { description: 'Рубрика по-русски' }) category!: string;
  @Field(() => String, { nullable: true, description: 'Муниципалитет по-русски' }) municipality!: string | null;
  @Field(() => String, { nullable: true, description: 'Улица (как её пишут авторы)' }) address!: string | null;
  @Field(() => Int, { description: 'Обращений за месяц' }) count!: number;
  @Field(() => Int, { description: 'Обращений там же за предыдущий месяц' }) previousMonth!: number;
  @Field(() => String, { nullable: true, description: 'Ответственный орган, которому адресовано больше всего из них' }) organization!: string | null;
}

@ObjectType({ description: 'Просроченное обращение в отчёте' })
export class ReportOverdueAppeal {
  @Field(() => String, { description: 'Регистрационный номер' }) number!: string;
  @Field(() => DateTime, { description: 'Срок ответа (истёк)' }) dueAt!: Date;
  @Field(() => Float, { description: 'Сколько суток просрочено на конец месяца' }) daysOverdue!: number;
}

@ObjectType({ description: 'Просроченные обращения органа на конец месяца' })
export class ReportOverdue {
  // count: this body's appeals overdue at the end of the month.
  @Field(() => String, { description: 'Орган по-русски' }) organization!: string;
  @Field(() => Int, { description: 'Просроченных на конец месяца обращений органа (определение overdueAtMonthEnd)' }) count!: number;
  @Field(() => [ReportOverdueAppeal], { description: 'Самые давние (до 5)' }) appeals!: ReportOverdueAppeal[];
}

@ObjectType({ description: 'Системная проблема в отчёте' })
export class ReportProblem {
  @Field(() => String, { description: 'Название проблемы' }) title!: string;
  @Field(() => String, { description: 'Рубрика по-русски' }) category!: string;
  @Field(() => String, { nullable: true, description: 'Муниципалитет по-русски' }) municipality!: string | null;
  @Field(() => String, { description: 'Статус (код ProblemStatus)' }) status!: string;
  @Field(() => String, { description: 'Статус по-русски' }) statusLabel!: string;
  @Field(() => String, { nullable: true, description: 'Принятое решение' }) decision!: string | null;
  @Field(() => String, { nullable: true, description: 'Показатель национального проекта, с которым связана' }) nationalProjectIndicator!: string | null;
  @Field(() => Int, { description: 'Обращений за месяц' }) count!: number;
  @Field(() => Int, { description: 'Обращений за предыдущий месяц' }) previousCount!: number;
  @Field(() => String, { description: 'Динамика (код ProblemTrend)' }) trend!: string;
  @Field(() => String, { nullable: true, description: 'Ответственный орган по-русски' }) organization!: string | null;
  @Field(() => Boolean, { description: 'Выявлена раньше этого месяца и ещё не решена' }) carriedOver!: boolean;
}

/** The monthly report to the Head of the Republic (the decree, clause 3; DOMAIN.md "The monthly report"). */
@ObjectType({ description: 'Ежемесячный отчёт Главе Республики' })
export class MonthlyReport {
  @Field(() => String, { description: 'Месяц отчёта, YYYY-MM' }) month!: string;
  @Field(() => String, { description: 'Заголовок отчёта' }) title!: string;
  @Field(() => String, { description: 'Месяц по-русски (например, «март 2026»)' }) monthLabel!: string;
  @Field(() => String, { description: 'Предыдущий месяц по-русски' }) previousMonthLabel!: string;
  @Field(() => String, { description: 'Тот же месяц год назад по-русски' }) yearAgoLabel!: string;
  @Field(() => DateTime, { description: 'Начало месяца (включительно), полночь в часовом поясе региона' }) from!: Date;
  @Field(() => DateTime, { description: 'Конец месяца (не включительно), полночь в часовом поясе региона' }) to!: Date;
  @Field(() => DateTime, { description: 'Когда отчёт составлен' }) generatedAt!: Date;
  @Field(() => Boolean, { description: 'Месяц ещё не закончился' }) partial!: boolean;
  @Field(() => [ReportMetric], { description: 'Итоги: поступило, решено, в срок, просрочено, время ответа, оценки, повторы' }) summary!: ReportMetric[];
  @Field(() => [ReportDay], { description: 'Поступило и решено по дням' }) dailyFlow!: ReportDay[];
  @Field(() => [ReportDay], { description: 'Пиковые дни' }) peakDays!: ReportDay[];
  @Field(() => [ReportCount], { description: 'Основные темы (рубрики)' }) topCategories!: ReportCount[];
  @Field(() => [ReportCount], { description: 'По муниципалитетам' }) byMunicipality!: ReportCount[];
  @Field(() => [ReportCount], { description: 'По каналам' }) byChannel!: ReportCount[];
  @Field(() => [ReportCount], { description: 'Органы с наибольшим числом обращений' }) topOrganizations!: ReportCount[];
  @Field(() => [ReportHotSpot], { description: 'Очаги' }) hotSpots!: ReportHotSpot[];
  @Field(() => [RatingRow], { description: 'Рейтинг органов власти' }) organizationRatings!: RatingRow[];
  @Field(() => [RatingRow], { description: 'Рейтинг муниципалитетов' }) municipalityRatings!: RatingRow[];
  @Field(() => [ReportOverdue], { description: 'Просроченные на конец месяца обращения по органам (до 15 органов)' }) overdue!: ReportOverdue[];
  @Field(() => Int, { description: 'Всего просрочено на конец месяца (то же число, что в итогах, overdueAtMonthEnd)' }) overdueTotal!: number;
  @Field(() => [ConflictCount], { description: 'Конфликтные ситуации (п. 8)' }) conflicts!: ConflictCount[];
  @Field(() => [ReportProblem], { description: 'Системные проблемы, решения и статус ранее выявленных' }) problems!: ReportProblem[];
  @Field(() => [WorkloadRow], { description: 'Нагрузка и предложения по штату (блоки)' }) workload!: WorkloadRow[];
  @Field(() => [StatsKpi], { description: 'Отраслевые показатели' }) kpis!: StatsKpi[];
  @Field(() => [ReportSeminar], { description: 'Обучение: семинары месяца для специалистов органов (п. 8)' }) training!: ReportSeminar[];
  @Field(() => [ReportSurveyFinding], { description: 'Что сказали жители: итоги опросов, получавших ответы в месяце' }) residentsSaid!: ReportSurveyFinding[];
  @Field(() => [ReportDefinition], { description: 'Определения показателей, напечатанные в отчёте' }) definitions!: ReportDefinition[];
}
