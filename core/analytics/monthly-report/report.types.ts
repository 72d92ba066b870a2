import { Field, Float, Int, ObjectType } from 'type-graphql';
import { DateTime } from '../../graphql/date-time.scalar.js';
import { RatingRow } from '../ratings.types.js';
import { WorkloadRow } from '../workload.types.js';
import { ConflictCount } from '../conflicts.types.js';
import { StatsKpi } from '../stats.types.js';
import { ReportSeminar } from '../../training/training-report.js';
import { ReportSurveyFinding } from '../../surveys/survey-report-section.js';

@ObjectType({ description: 'Показатель отчёта с сравнением: с прошлым месяцем и с тем же месяцем год назад' })
export class ReportMetric {
  @Field(() => String) code!: string;
  @Field(() => String) label!: string;
  @Field(() => String, { description: 'count, share (0..1), hours, score (1..5)' }) unit!: string;
  @Field(() => Float, { nullable: true }) value!: number | null;
  @Field(() => Float, { nullable: true }) previousMonth!: number | null;
  @Field(() => Float, { nullable: true }) yearAgo!: number | null;
  @Field(() => Float, { nullable: true, description: 'Разница с прошлым месяцем (для долей — в долях, не в процентах)' }) changeFromPreviousMonth!: number | null;
  @Field(() => Float, { nullable: true }) changeFromYearAgo!: number | null;
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
  @Field(() => String, { nullable: true }) key!: string | null;
  @Field(() => String) label!: string;
  @Field(() => Int) count!: number;
  @Field(() => Int, { nullable: true }) previousMonth!: number | null;
  @Field(() => Float, { nullable: true, description: 'Доля от всех обращений месяца' }) share!: number | null;
  @Field(() => Int, { nullable: true }) answered!: number | null;
  @Field(() => Float, { nullable: true }) onTimeRate!: number | null;
  @Field(() => Int, { nullable: true, description: 'Просрочено на конец месяца (определение overdueAtMonthEnd); null — графы нет в разделе' }) overdue!: number | null;
  @Field(() => Float, { nullable: true }) medianResponseHours!: number | null;
  @Field(() => Float, { nullable: true }) satisfactionAvg!: number | null;
  @Field(() => Float, { nullable: true }) perTenThousand!: number | null;
}

@ObjectType({ description: 'День месяца: поступило и решено' })
export class ReportDay {
  @Field(() => String) day!: string;
  @Field(() => String) label!: string;
  @Field(() => Int) received!: number;
  @Field(() => Int, { description: 'Дан ответ в этот день' }) resolved!: number;
}

@ObjectType({ description: 'Очаг: много обращений одной рубрики на одной улице' })
export class ReportHotSpot {
  @Field(() => String) category!: string;
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field(() => String, { nullable: true }) address!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Int) previousMonth!: number;
  @Field(() => String, { nullable: true }) organization!: string | null;
}

@ObjectType()
export class ReportOverdueAppeal {
  @Field(() => String) number!: string;
  @Field(() => DateTime) dueAt!: Date;
  @Field(() => Float) daysOverdue!: number;
}

@ObjectType({ description: 'Просроченные обращения органа на конец месяца' })
export class ReportOverdue {
  // count: this body's appeals overdue at the end of the month.
  @Field(() => String) organization!: string;
  @Field(() => Int) count!: number;
  @Field(() => [ReportOverdueAppeal], { description: 'Самые давние (до 5)' }) appeals!: ReportOverdueAppeal[];
}

@ObjectType({ description: 'Системная проблема в отчёте' })
export class ReportProblem {
  @Field(() => String) title!: string;
  @Field(() => String) category!: string;
  @Field(() => String, { nullable: true }) municipality!: string | null;
  @Field(() => String) status!: string;
  @Field(() => String) statusLabel!: string;
  @Field(() => String, { nullable: true }) decision!: string | null;
  @Field(() => String, { nullable: true }) nationalProjectIndicator!: string | null;
  @Field(() => Int) count!: number;
  @Field(() => Int) previousCount!: number;
  @Field(() => String) trend!: string;
  @Field(() => String, { nullable: true }) organization!: string | null;
  @Field(() => Boolean, { description: 'Выявлена раньше этого месяца и ещё не решена' }) carriedOver!: boolean;
}

/** The monthly report to the Head of the Republic (the decree, clause 3; DOMAIN.md "The monthly report"). */
@ObjectType({ description: 'Ежемесячный отчёт Главе Республики' })
export class MonthlyReport {
  @Field(() => String, { description: 'YYYY-MM' }) month!: string;
  @Field(() => String) title!: string;
  @Field(() => String) monthLabel!: string;
  @Field(() => String) previousMonthLabel!: string;
  @Field(() => String) yearAgoLabel!: string;
  @Field(() => DateTime) from!: Date;
  @Field(() => DateTime) to!: Date;
  @Field(() => DateTime) generatedAt!: Date;
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
