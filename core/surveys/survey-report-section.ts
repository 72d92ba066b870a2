import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { AuthUser } from '../auth/auth-user.js';
import { pgQuery } from '../db/pg-query.js';
import { formatDecimal, formatInt, formatShare, NO_DATA } from '../documents/report-format.js';
import { QuestionType, SurveyStatus } from './rules/survey-enums.js';
import type { StoredQuestion } from './survey.entity.js';
import { SURVEY_READERS, surveyScopeSql } from './survey-access.js';
import { surveyResults } from './survey-results.service.js';

/** The surveys one report shows at most (the busiest of the month first). */
export const REPORT_SURVEYS_MAX = 20;

const STATUS_LABELS: Record<SurveyStatus, string> = { [SurveyStatus.DRAFT]: 'черновик', [SurveyStatus.OPEN]: 'идёт', [SurveyStatus.CLOSED]: 'завершён' };

@ObjectType({ description: 'Что сказали жители: итог одного вопроса опроса, получавшего ответы в месяце отчёта' })
export class ReportSurveyFinding {
  @Field(() => String, { description: 'Опрос' }) survey!: string;
  @Field(() => String, { description: 'Статус опроса: идёт, завершён' }) status!: string;
  @Field(() => String, { nullable: true, description: 'Региональная проблема, к которой привязан опрос' }) problem!: string | null;
  @Field(() => Int, { description: 'Ответов за месяц' }) responsesInMonth!: number;
  @Field(() => Int, { description: 'Ответов всего (итоги — по всем)' }) responses!: number;
  @Field(() => String, { description: 'Вопрос' }) question!: string;
  @Field(() => Int, { description: 'Ответили на вопрос' }) answered!: number;
  @Field(() => String, { nullable: true, description: 'Самый частый вариант (вопросы с выбором)' }) leadingOption!: string | null;
  @Field(() => Float, { nullable: true, description: 'Его доля среди ответивших' }) share!: number | null;
  @Field(() => Float, { nullable: true, description: 'Нижняя граница 95% интервала Уилсона' }) shareLow!: number | null;
  @Field(() => Float, { nullable: true, description: 'Верхняя граница 95% интервала Уилсона' }) shareHigh!: number | null;
  @Field(() => Float, { nullable: true, description: 'Среднее по шкале' }) mean!: number | null;
  @Field(() => Float, { nullable: true, description: 'Нижняя граница 95% интервала среднего' }) meanLow!: number | null;
  @Field(() => Float, { nullable: true, description: 'Верхняя граница 95% интервала среднего' }) meanHigh!: number | null;
  @Field(() => String, { nullable: true, description: 'Шкала: «1–10»' }) scale!: string | null;
}

/**
 * The monthly report's "what residents said" section (issue 17, item 5):
 * every survey in the caller's scope that received responses in the month,
 * with the results of all its responses (a survey is one study; its month
 * count says how much of it the month brought). One row per choice or scale
 * question: the leading option with its share and Wilson interval, or the
 * scale's mean with its interval; a question nobody answered is left out.
 * Free text stays out (personal data).
 */
export async function loadSurveySection(em: EntityManager, user: AuthUser, from: Date, to: Date): Promise<ReportSurveyFinding[]> {
  if (!SURVEY_READERS.includes(user.role)) return [];
  const scope = surveyScopeSql(user, 's', 4);
  const surveys = await pgQuery<{ id: string; title: string; status: SurveyStatus; questions: StoredQuestion[]; problem: string | null; in_month: number }>(
    em,
    `
    select s.id, s.title, s.status, s.questions, p.title as problem, m.n as in_month
    from (select survey_id, count(*)::int as n from survey_response where submitted_at >= $1 and submitted_at < $2 group by survey_id) m
    join survey s on s.id = m.survey_id left join problem p on p.id = s.problem_id
    where true${scope ? ` and ${scope.sql}` : ''}
    order by m.n desc, s.title limit $3`,
    scope ? [from, to, REPORT_SURVEYS_MAX, scope.value] : [from, to, REPORT_SURVEYS_MAX],
  );
  const findings: ReportSurveyFinding[] = [];
  for (const survey of surveys) {
    const results = await surveyResults(em, { id: survey.id, questions: survey.questions });
    for (const question of results.questions) {
      if (question.type === QuestionType.TEXT || question.answered === 0) continue;
      const scale = question.type === QuestionType.SCALE;
      const stored = survey.questions.find((q) => q.code === question.code)!;
      const leading = scale ? null : ([...question.options].sort((a, b) => b.count - a.count)[0] ?? null);
      const top = leading && leading.count > 0 ? leading : null;
      findings.push({
        survey: survey.title,
        status: STATUS_LABELS[survey.status],
        problem: survey.problem,
        responsesInMonth: survey.in_month,
        responses: results.responseCount,
        question: question.text,
        answered: question.answered,
        leadingOption: top?.text ?? null,
        share: top?.share ?? null,
        shareLow: top?.low ?? null,
        shareHigh: top?.high ?? null,
        mean: question.mean,
        meanLow: question.meanLow,
        meanHigh: question.meanHigh,
        scale: scale ? `${stored.scaleMin}–${stored.scaleMax}` : null,
      });
    }
  }
  return findings;
}

/** The section's title, the same in HTML, PDF and XLSX. */
export const SURVEY_SECTION_TITLE = 'Что сказали жители: опросы месяца';

/** What residents answered, as one readable line: «Нет — 45,2 % (40,1–50,3 %)», «среднее 6,8 из 1–10 (6,6–7,0)». */
export function findingAnswer(f: ReportSurveyFinding): string {
  if (f.scale !== null) {
    if (f.mean === null) return NO_DATA;
    const interval = f.meanLow !== null && f.meanHigh !== null ? ` (${formatDecimal(f.meanLow)}–${formatDecimal(f.meanHigh)})` : '';
    return `среднее ${formatDecimal(f.mean)} по шкале ${f.scale}${interval}`;
  }
  if (f.leadingOption === null) return NO_DATA;
  return `${f.leadingOption} — ${formatShare(f.share)} (${formatShare(f.shareLow)}–${formatShare(f.shareHigh)})`;
}

/** Headers and text rows for the HTML and PDF renderers (each draws them with its own table). */
export const SURVEY_SECTION_HEADERS = ['Опрос', 'Ответов за месяц / всего', 'Вопрос', 'Ответили', 'Что ответили (95% интервал)'];
export function surveySectionRows(findings: readonly ReportSurveyFinding[]): string[][] {
  return findings.map((f) => [
    f.survey + (f.problem ? ` (проблема: ${f.problem})` : '') + `, ${f.status}`,
    `${formatInt(f.responsesInMonth)} / ${formatInt(f.responses)}`,
    f.question,
    formatInt(f.answered),
    findingAnswer(f),
  ]);
}

/** The XLSX sheet's columns (kinds of render-xlsx.ts) and rows, figures as numbers. */
export const SURVEY_SHEET_COLUMNS = [
  { header: 'Опрос', kind: 'text' as const, width: 40 },
  { header: 'Статус', kind: 'text' as const, width: 12 },
  { header: 'Проблема', kind: 'text' as const, width: 30 },
  { header: 'Ответов за месяц', kind: 'int' as const },
  { header: 'Ответов всего', kind: 'int' as const },
  { header: 'Вопрос', kind: 'text' as const, width: 40 },
  { header: 'Ответили', kind: 'int' as const },
  { header: 'Самый частый вариант', kind: 'text' as const, width: 30 },
  { header: 'Доля', kind: 'share' as const },
  { header: 'Доля: от', kind: 'share' as const },
  { header: 'Доля: до', kind: 'share' as const },
  { header: 'Шкала', kind: 'text' as const, width: 10 },
  { header: 'Среднее', kind: 'score' as const },
  { header: 'Среднее: от', kind: 'score' as const },
  { header: 'Среднее: до', kind: 'score' as const },
];
export function surveySheetRows(findings: readonly ReportSurveyFinding[]): unknown[][] {
  return findings.map((f) => [
    f.survey,
    f.status,
    f.problem,
    f.responsesInMonth,
    f.responses,
    f.question,
    f.answered,
    f.leadingOption,
    f.share,
    f.shareLow,
    f.shareHigh,
    f.scale,
    f.mean,
    f.meanLow,
    f.meanHigh,
  ]);
}
