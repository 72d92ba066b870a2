import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsServices } from '../analytics/measures/analytics-context.js';
import type { AuthUser } from '../auth/auth-user.js';
import { analyticsSql as pgQuery } from '../official-pages/analytics-sql.js';
import { ANSWER_TEXTS_SQL } from '../analytics/measures/appeal-signals.sql.js';
import { raw, sql, type Sql } from '../db/sql.js';

import { loadWorkloadHalves } from './workload-figures.js';
import { asDate } from '../official-pages/official-page-metrics.service.js';
import { pageFigures, type PageFigures } from './page-rollup.js';
import { answerTextTotals, repeatGroups, REPEAT_EXAMPLES } from './recommendation-rollup.js';

/**
 * The rules that turn the figures the system already has into
 * recommendations to a body (the decree, clause 8: "формирование
 * рекомендаций"). Rules are data: each has its code (the topic code of the
 * seminar that answers it, core/training), the action it suggests, its
 * thresholds written out, and a finder that returns, per body, the reason in
 * Russian, the figures behind it and the appeals or pages that show it.
 * Sector plugins add rules of their own (plugin definition `recommendations`).
 */
export interface RuleContext {
  em: EntityManager;
  app: AnalyticsServices;
  user: AuthUser;
  from: Date;
  to: Date;
  now: Date;
  /** One body, or every body. */
  organizationId: string | null;
}

export interface Finding {
  organizationId: string;
  reason: string;
  evidence: Record<string, unknown>;
  appealIds?: string[];
  /** Instead of ids: the appeals as a condition over `appeal as a`, read only when asked for. */
  appealCondition?: Sql;
  pageIds?: string[];
}

export interface RecommendationRule {
  code: string;
  action: string;
  /** Documented thresholds, shown in docs/official-pages.md and in each recommendation's evidence. */
  thresholds(app: AnalyticsServices): Record<string, number>;
  find(ctx: RuleContext): Promise<Finding[]>;
}

/** [param] The share of a body's answers that are repeated texts, from which it gets the answer-quality seminar. */
export const BOILERPLATE_SHARE = 0.2;
/**
 * [param] …and that share must stand out from the region's: at least this much above the median
 * share of the bodies judged (when at least BOILERPLATE_MIN_BODIES are), so that a region where
 * every body reuses its standard phrases points at the few that answer formally, not at everyone.
 */
export const BOILERPLATE_MARGIN = 0.2;
export const BOILERPLATE_MIN_BODIES = 3;
/** [param] A body's page needs at least this many comments in the period before its answered share is judged. */
export const PAGE_MIN_COMMENTS = 3;
/** [param] Below this share of comments answered, the page administrator is to be trained. */
export const PAGE_ANSWERED_SHARE_MIN = 0.5;
/** [param] Workload "rising": appeals of the second half of the period at least this many times those of the first half. */
export const WORKLOAD_GROWTH = 1.2;
/** [param] Lateness "chronic": the on-time share of answers below this in both halves. */
export const ON_TIME_SHARE_MIN = 0.7;
/** [param] Appeals in the first half before the workload rule judges a body. */
export const WORKLOAD_MIN_APPEALS = 20;
/** Appeals shown as examples per recommendation. */
const EXAMPLES = REPEAT_EXAMPLES;

const round = (x: number, digits = 3) => Math.round(x * 10 ** digits) / 10 ** digits;
const percent = (x: number) => `${Math.round(x * 100)}%`;

/** Many answers with one text: formal replies instead of answers on the merits. */
const answerQuality: RecommendationRule = {
  code: 'ANSWER_QUALITY',
  action: 'Провести для специалистов органа семинар о качестве ответов: ответ по существу каждого вопроса вместо типового текста',
  thresholds: (app) => ({
    boilerplateMinAppeals: app.config.BOILERPLATE_MIN_APPEALS,
    boilerplateShare: BOILERPLATE_SHARE,
    boilerplateMargin: BOILERPLATE_MARGIN,
    minAnswers: app.config.ANSWER_QUALITY_MIN_ANSWERS,
    minBodies: BOILERPLATE_MIN_BODIES,
  }),
  async find(ctx) {
    const min = ctx.app.config.BOILERPLATE_MIN_APPEALS;
    const minAnswers = ctx.app.config.ANSWER_QUALITY_MIN_ANSWERS;
    // Per body and text (a 64-bit hash of the normalised text), the answers sent in the period, from the
    // monthly rollup and the rows it does not cover (recommendation-rollup.ts); the appeals themselves are
    // read only when a client asks for them (appealCondition). Every body, even when one is asked for: the
    // region's median share is the yardstick.
    const rows = await answerTextTotals(ctx.em, ctx.app.config.TIME_ZONE, ctx.from, ctx.to, min);
    // Only bodies with enough answers are judged, and they make the region's distribution.
    const judged = rows.filter((r) => r.answers >= minAnswers);
    const shares = judged.map((r) => r.boilerplate / r.answers).sort((a, b) => a - b);
    const median =
      shares.length >= BOILERPLATE_MIN_BODIES ? (shares[Math.floor((shares.length - 1) / 2)]! + shares[Math.ceil((shares.length - 1) / 2)]!) / 2 : 0;
    const bar = Math.max(BOILERPLATE_SHARE, median + BOILERPLATE_MARGIN);
    return judged
      .filter((r) => !ctx.organizationId || r.organization_id === ctx.organizationId)
      .filter((r) => r.boilerplate >= min && r.boilerplate / r.answers >= bar)
      .map((r) => ({
        organizationId: r.organization_id,
        reason:
          `${percent(r.boilerplate / r.answers)} ответов органа (${r.boilerplate} из ${r.answers}) — тексты, отправленные ${min} и более раз; ` +
          `у органов региона в среднем (медиана) ${percent(median)}`,
        evidence: {
          answers: r.answers,
          boilerplateAnswers: r.boilerplate,
          share: round(r.boilerplate / r.answers),
          mostRepeatedText: r.text,
          regionMedianShare: round(median),
          bodiesJudged: judged.length,
          bar: round(bar),
        },
        appealCondition: sql`a.organization_id = ${r.organization_id} and a.id in (select t.appeal_id from (${raw(ANSWER_TEXTS_SQL)}) t
          where t.at >= ${ctx.from} and t.at < ${ctx.to} and hashtextextended(lower(trim(t.text)), 0) = ${r.h}::bigint)`,
      }));
  },
};

/** Repeated appeals on one category and street: a problem to open, not single answers. */
const regionalProblem: RecommendationRule = {
  code: 'REGIONAL_PROBLEM',
  action: 'Открыть региональную проблему (problems) по рубрике и улице и решать её системно, а не отвечать на каждое повторное обращение',
  thresholds: (app) => ({ repeatsMin: app.config.PROBLEM_MIN_APPEALS }),
  async find(ctx) {
    const min = ctx.app.config.PROBLEM_MIN_APPEALS;
    // Per body, category and street, from the monthly rollup and the rows it does not cover (recommendation-rollup.ts).
    const rows = await repeatGroups(ctx.em, ctx.app.config.TIME_ZONE, ctx.from, ctx.to, min, ctx.organizationId);
    return rows.map((r) => ({
      organizationId: r.organization_id,
      reason: `${r.repeats} повторных обращений по рубрике «${r.category}» на улице «${r.street}» за период`,
      evidence: { category: r.category, street: r.street, repeats: r.repeats },
      appealIds: r.ids,
    }));
  },
};

/** A page's figures as the rule judges them; days without activity as of min(to, now), as official-page-metrics.service.ts counts them. */
function pageMetrics(r: PageFigures, ctx: RuleContext) {
  const dueBy = Math.min(ctx.to.getTime(), ctx.now.getTime());
  const last = asDate(r.last_activity_at) ?? asDate(r.created_at)!;
  return {
    pageId: r.page_id,
    organizationId: r.organization_id,
    comments: r.comments,
    answered: r.answered,
    answeredShare: r.comments ? r.answered / r.comments : null,
    posts: r.posts,
    daysSinceLastActivity: Math.max(0, Math.floor((dueBy - last.getTime()) / 86_400_000)),
  };
}

/** Comments left unanswered or a silent page: the page administrator needs training. */
const pageAdmin: RecommendationRule = {
  code: 'PAGE_ADMIN_TRAINING',
  action: 'Обучить администратора официальной страницы органа: ответы на комментарии жителей в срок и регулярные публикации',
  thresholds: (app) => ({
    pageMinComments: PAGE_MIN_COMMENTS,
    pageAnsweredShareMin: PAGE_ANSWERED_SHARE_MIN,
    silentDays: app.config.OFFICIAL_PAGE_SILENT_DAYS,
  }),
  async find(ctx) {
    const silentDays = ctx.app.config.OFFICIAL_PAGE_SILENT_DAYS;
    // Per page, from the monthly page rollup and the rows it does not cover (page-rollup.ts).
    const pages = (await pageFigures(ctx.em, ctx.app.config.TIME_ZONE, ctx.from, ctx.to))
      .map((r) => pageMetrics(r, ctx))
      .filter((p) => !ctx.organizationId || p.organizationId === ctx.organizationId)
      .filter((p) => (p.comments >= PAGE_MIN_COMMENTS && (p.answeredShare ?? 1) < PAGE_ANSWERED_SHARE_MIN) || p.daysSinceLastActivity >= silentDays);
    const byOrg = new Map<string, typeof pages>();
    for (const page of pages) byOrg.set(page.organizationId, [...(byOrg.get(page.organizationId) ?? []), page]);
    const unanswered = pages.length
      ? await pgQuery<{ page_id: string; ids: string[] }>(
          ctx.em,
          `
          select c.page_id, (array_agg(c.appeal_id order by c.posted_at desc))[1:${EXAMPLES}] as ids
          from official_page_comment c join appeal a on a.id = c.appeal_id
          where c.page_id = any($1::uuid[]) and c.posted_at >= $2 and c.posted_at < $3 and a.answered_at is null group by c.page_id`,
          [pages.map((p) => p.pageId), ctx.from, ctx.to],
        )
      : [];
    const idsOf = new Map(unanswered.map((r) => [r.page_id, r.ids]));
    return [...byOrg.entries()].map(([organizationId, list]) => ({
      organizationId,
      reason: list
        .map((p) =>
          p.comments >= PAGE_MIN_COMMENTS && (p.answeredShare ?? 1) < PAGE_ANSWERED_SHARE_MIN
            ? `на странице отвечено ${p.answered} из ${p.comments} комментариев (${percent(p.answeredShare ?? 0)})`
            : `страница без публикаций и ответов ${p.daysSinceLastActivity} дн.`,
        )
        .join('; '),
      evidence: {
        pages: list.map((p) => ({
          pageId: p.pageId,
          comments: p.comments,
          answered: p.answered,
          answeredShare: p.answeredShare == null ? null : round(p.answeredShare),
          posts: p.posts,
          daysSinceLastActivity: p.daysSinceLastActivity,
        })),
      },
      pageIds: list.map((p) => p.pageId),
      appealIds: list.flatMap((p) => idsOf.get(p.pageId) ?? []).slice(0, EXAMPLES),
    }));
  },
};

/** Late answers in both halves of the period while the workload grows: a staffing question, not a training one. */
const staffing: RecommendationRule = {
  code: 'STAFFING',
  action: 'Подготовить предложение о штатной численности: нагрузка растёт, а ответы хронически запаздывают',
  thresholds: () => ({ workloadGrowth: WORKLOAD_GROWTH, onTimeShareMin: ON_TIME_SHARE_MIN, workloadMinAppeals: WORKLOAD_MIN_APPEALS }),
  async find(ctx) {
    const mid = new Date((ctx.from.getTime() + ctx.to.getTime()) / 2);
    // Per body and half: sums the analytics rollup holds (workload-figures.ts), the rest from the rows.
    const figures = await loadWorkloadHalves({ em: ctx.em, app: ctx.app, user: ctx.user, now: ctx.now }, ctx.from, mid, ctx.to);
    const first = figures.filter((f) => f.half === 0);
    const later = new Map(figures.filter((f) => f.half === 1).map((f) => [f.organizationId, f]));
    const share = (f: { onTime: number; answered: number }) => (f.answered ? f.onTime / f.answered : null);
    const found = first.filter((a) => {
      const b = later.get(a.organizationId);
      if (!b || (ctx.organizationId && a.organizationId !== ctx.organizationId) || a.n < WORKLOAD_MIN_APPEALS) return false;
      const s1 = share(a);
      const s2 = share(b);
      return b.n >= a.n * WORKLOAD_GROWTH && s1 != null && s2 != null && s1 < ON_TIME_SHARE_MIN && s2 < ON_TIME_SHARE_MIN;
    });
    if (!found.length) return [];
    const late = await pgQuery<{ organization_id: string; ids: string[] }>(
      ctx.em,
      `
      select o.id as organization_id, array(select a.id from appeal a where a.organization_id = o.id and a.received_at >= $2 and a.received_at < $3
        and a.answered_at > a.due_at order by a.received_at desc limit ${EXAMPLES}) as ids
      from unnest($1::uuid[]) o(id)`,
      [found.map((f) => f.organizationId), ctx.from, ctx.to],
    );
    const idsOf = new Map(late.map((r) => [r.organization_id, r.ids]));
    return found.map((a) => {
      const b = later.get(a.organizationId)!;
      return {
        organizationId: a.organizationId,
        reason: `обращений во второй половине периода ${b.n} против ${a.n} (рост ${percent(b.n / a.n - 1)}), ответов в срок ${percent(share(a)!)} и ${percent(share(b)!)}`,
        evidence: {
          firstHalf: { appeals: a.n, answered: a.answered, onTime: a.onTime, onTimeShare: round(share(a)!) },
          secondHalf: { appeals: b.n, answered: b.answered, onTime: b.onTime, onTimeShare: round(share(b)!) },
          growth: round(b.n / a.n),
        },
        appealIds: idsOf.get(a.organizationId) ?? [],
      };
    });
  },
};

/** Every core rule, in the order recommendations are listed. */
export const RECOMMENDATION_RULES: readonly RecommendationRule[] = [answerQuality, regionalProblem, pageAdmin, staffing];
