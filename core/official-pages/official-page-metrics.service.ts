import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsServices } from '../analytics/measures/analytics-context.js';
import { analyticsSql } from './analytics-sql.js';
import { badInput } from '../errors/errors.js';
import type { RatingPart } from '../config/analytics.settings.js';
import type { RatingFigures } from '../analytics/ratings.figures.js';
import { scoreSubject, type ScoreSettings } from '../analytics/ratings.score.js';
import type { RatingPartValue } from '../analytics/ratings.types.js';
import { PAGE_FIGURES_SQL, RATING_FIGURES_SQL } from './official-page-metrics.sql.js';
import type { OfficialPageMetrics } from './official-page.types.js';

const DAY = 86_400_000;
/** pg hands timestamps to pgQuery as text (the ORM's type parsers). */
export const asDate = (value: Date | string | null | undefined): Date | null => (value == null ? null : new Date(value));

interface FigureRow {
  page_id: string | null;
  organization_id: string | null;
  comments: number;
  answered: number;
  answered_on_time: number;
  due: number;
  due_answered: number;
  median_hours: number | null;
}

export interface PageMetricsRow extends OfficialPageMetrics {
  pageId: string;
  organizationId: string;
}

export function checkPeriod(from: Date, to: Date): void {
  if (!(from < to)) throw badInput('to', 'Конец периода должен быть позже начала');
}

/** Days without activity as of `at`: since the last activity, or since the page was registered. */
const silentDays = (at: Date, last: Date | null, createdAt: Date) => Math.max(0, Math.floor((at.getTime() - (last ?? createdAt).getTime()) / DAY));

/** The metrics of the given pages (null: every page) for one period, in one statement. */
export async function loadPageMetrics(em: EntityManager, pageIds: readonly string[] | null, from: Date, to: Date, now: Date): Promise<PageMetricsRow[]> {
  const dueBy = new Date(Math.min(to.getTime(), now.getTime()));
  const rows = await analyticsSql<FigureRow & { verified: boolean; created_at: Date | string; posts: number; last_activity_at: Date | string | null }>(
    em,
    PAGE_FIGURES_SQL,
    [pageIds ? [...pageIds] : null, from, to, dueBy],
  );
  return rows.map((r) => {
    const lastActivityAt = asDate(r.last_activity_at);
    return {
      pageId: r.page_id!,
      organizationId: r.organization_id!,
      comments: r.comments,
      answered: r.answered,
      answeredShare: r.comments ? r.answered / r.comments : null,
      answeredOnTime: r.answered_on_time,
      medianAnswerHours: r.median_hours == null ? null : Number(r.median_hours),
      posts: r.posts,
      lastActivityAt,
      daysSinceLastActivity: silentDays(dueBy, lastActivityAt, asDate(r.created_at)!),
      verified: r.verified,
    };
  });
}

/**
 * Page figures in the shape of the appeals' rating (ratings.figures.ts), so
 * that pages are scored by the same function: comments are the appeals;
 * there are no returns, ratings or repeats of comments to judge.
 */
function asRatingFigures(r: FigureRow, id: string | null): RatingFigures {
  return {
    id,
    n: r.comments,
    answered: r.answered,
    onTime: r.answered_on_time,
    returned: 0,
    rated: 0,
    negative: 0,
    repeats: 0,
    due: r.due,
    dueAnswered: r.due_answered,
    medianHours: r.median_hours == null ? null : Number(r.median_hours),
  };
}

/**
 * [param] The parts a page is judged by: answers at all (quantity: answered /
 * comments), on time, speed and completeness (answers to the comments whose
 * term has come). Quality, satisfaction and repeats have no figures for
 * comments and weigh nothing.
 */
export const PAGE_RATING_WEIGHTS: Record<RatingPart, number> = {
  quantity: 0.3,
  timeliness: 0.3,
  speed: 0.2,
  completeness: 0.2,
  quality: 0,
  satisfaction: 0,
  repeats: 0,
};
const PAGE_PARTS: RatingPart[] = ['quantity', 'timeliness', 'speed', 'completeness'];

export interface PageRating {
  pageId: string;
  organizationId: string;
  rank: number | null;
  score: number | null;
  parts: RatingPartValue[];
  organizationRank: number | null;
  organizationScore: number | null;
  metrics: PageMetricsRow;
}

/**
 * Ranks pages, and bodies by all their pages, with the ratings' explainable
 * method (core/analytics/ratings.score.ts: each part's value shrunk towards
 * the pooled share of all pages, with its figures): a page with two comments
 * answered in a minute stays near the mean. Pages and bodies with fewer than
 * RATING_MIN_APPEALS comments get no place. Pages without comments are
 * listed last, with their posts and activity.
 */
export async function rankOfficialPages(app: AnalyticsServices, em: EntityManager, from: Date, to: Date, now: Date): Promise<PageRating[]> {
  checkPeriod(from, to);
  const dueBy = new Date(Math.min(to.getTime(), now.getTime()));
  const figures = await analyticsSql<FigureRow & { level: string }>(em, RATING_FIGURES_SQL, [null, from, to, dueBy]);
  const metrics = await loadPageMetrics(em, null, from, to, now);
  const pooledRow = figures.find((f) => f.level === 'all');
  const settings: ScoreSettings = { weights: PAGE_RATING_WEIGHTS, priorWeight: app.config.RATING_PRIOR_WEIGHT };
  const min = app.config.RATING_MIN_APPEALS;
  const score = (row: FigureRow | undefined, id: string) => {
    if (!row || !pooledRow) return null;
    const scored = scoreSubject({ figures: asRatingFigures(row, id), perTenThousand: null }, asRatingFigures(pooledRow, null), null, settings);
    return { score: scored.score, parts: PAGE_PARTS.map((part) => scored.parts[part]), ranked: row.comments >= min };
  };
  const places = <T extends { score: number | null; ranked: boolean; id: string }>(list: T[]) => {
    const sorted = list.filter((x) => x.ranked).sort((a, b) => b.score! - a.score! || a.id.localeCompare(b.id));
    return new Map(sorted.map((x, i) => [x.id, i + 1]));
  };
  const byPage = new Map(figures.filter((f) => f.level === 'page').map((f) => [f.page_id!, f]));
  const byOrg = new Map(figures.filter((f) => f.level === 'organization').map((f) => [f.organization_id!, f]));
  const orgScores = [...byOrg.entries()].map(([id, row]) => ({ id, ...score(row, id)! }));
  const orgPlace = places(orgScores);
  const orgScoreOf = new Map(orgScores.map((o) => [o.id, o.score]));
  const pageScores = metrics.map((m) => ({ id: m.pageId, m, ...(score(byPage.get(m.pageId), m.pageId) ?? { score: null, parts: [], ranked: false }) }));
  const pagePlace = places(pageScores);
  const rows: PageRating[] = pageScores.map((p) => ({
    pageId: p.id,
    organizationId: p.m.organizationId,
    rank: pagePlace.get(p.id) ?? null,
    score: p.score,
    parts: p.parts,
    organizationRank: orgPlace.get(p.m.organizationId) ?? null,
    organizationScore: orgScoreOf.get(p.m.organizationId) ?? null,
    metrics: p.m,
  }));
  rows.sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      (b.score ?? -1) - (a.score ?? -1) ||
      b.metrics.comments - a.metrics.comments ||
      a.pageId.localeCompare(b.pageId),
  );
  return rows;
}

/**
 * Pages whose body has neither posted nor answered for OFFICIAL_PAGE_SILENT_DAYS
 * (a page never active counts from its registration): a coordination task
 * of the ЦУР (the decree, clause 8).
 */
export async function findSilentPages(app: AnalyticsServices, em: EntityManager, now: Date): Promise<(PageMetricsRow & { silentDays: number })[]> {
  const days = app.config.OFFICIAL_PAGE_SILENT_DAYS;
  const metrics = await loadPageMetrics(em, null, new Date(now.getTime() - DAY), new Date(now.getTime() + 1), now);
  return metrics
    .filter((m) => m.daysSinceLastActivity >= days)
    .map((m) => ({ ...m, silentDays: m.daysSinceLastActivity }))
    .sort((a, b) => b.silentDays - a.silentDays || a.pageId.localeCompare(b.pageId));
}
