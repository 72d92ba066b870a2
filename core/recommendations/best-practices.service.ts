import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsServices } from '../analytics/measures/analytics-context.js';
import { pgQuery } from '../db/pg-query.js';
import { analyticsSql } from '../official-pages/analytics-sql.js';
import { badInput } from '../errors/errors.js';
import { practiceFigures } from './practice-rollup.js';
import { withoutPersonalData } from './answer-text.js';
import type { BestPractice } from './recommendation.types.js';

/**
 * Best practices (the decree, clause 8: "выявление и анализ лучших практик"):
 * bodies and municipalities whose results in a category stand out against
 * the category as a whole (and, over all categories, against the region),
 * among those with at least BEST_PRACTICE_MIN_APPEALS appeals in the period.
 * A subject that alone answers a category is not compared with itself.
 * Measures and thresholds:
 */
/** [param] SPEED: the mean answer time at most this share of the category's. */
export const SPEED_RATIO_MAX = 0.5;
/** [param] ON_TIME: the on-time share at least the category's plus this, and at least ON_TIME_SHARE_MIN. */
export const ON_TIME_MARGIN = 0.1;
export const ON_TIME_SHARE_MIN = 0.9;
/** [param] SATISFACTION: the mean score at least the category's plus this, over at least SATISFACTION_MIN_RATED ratings. */
export const SATISFACTION_MARGIN = 0.5;
export const SATISFACTION_MIN_RATED = 10;
/** The best few per category and measure, and answers shown per practice. */
const PER_CATEGORY = 3;
/** The list shows the strongest this many (a seminar's material, not a census). */
const MAX_PRACTICES = 30;
const EXAMPLES = 3;

const round = (x: number | null, digits = 2) => (x == null ? null : Math.round(x * 10 ** digits) / 10 ** digits);
const pct = (x: number) => `${Math.round(x * 100)}%`;

export async function findBestPractices(
  app: AnalyticsServices,
  em: EntityManager,
  from: Date,
  to: Date,
  sector: string | null,
  /** `rollup: false` reads every figure from the appeals (the exactness tests compare both). */
  options: { rollup?: boolean } = {},
): Promise<BestPractice[]> {
  if (!(from < to)) throw badInput('to', 'Конец периода должен быть позже начала');
  let sectorId: string | null = null;
  if (sector) {
    const [row] = await pgQuery<{ id: string }>(em, 'select id from sector where code = $1', [sector]);
    if (!row) throw badInput('sector', `Неизвестный отраслевой блок: ${sector}`);
    sectorId = row.id;
  }
  const min = app.config.BEST_PRACTICE_MIN_APPEALS;
  // Per body and per municipality, within each category and overall, with the category's (or
  // everyone's) figures to compare with: monthly rollup rows and the appeals they do not cover.
  const rows = await practiceFigures(em, app.config.TIME_ZONE, from, to, sectorId, min, options.rollup ?? true);
  const wholeKey = (categoryId: string | null) => categoryId ?? '*';
  const whole = new Map(rows.filter((r) => r.subject === 'all').map((r) => [wholeKey(r.category_id), r]));
  const found: Omit<BestPractice, 'exampleAnswers'>[] = [];
  for (const r of rows) {
    if (r.subject === 'all') continue;
    const c = whole.get(wholeKey(r.category_id))!;
    // The only one answering a category is the category: nothing to stand out against.
    if (r.n === c.n) continue;
    const subject = r.subject === 'organization' ? 'Орган' : 'Муниципалитет';
    const where = r.category ? `по рубрике «${r.category}»` : 'по всем рубрикам';
    const against = r.category ? 'по рубрике' : 'в целом по региону';
    const base = { organizationId: r.organization_id, municipalityId: r.municipality_id, categoryId: r.category_id };
    const share = r.answered ? r.on_time / r.answered : null;
    const cShare = c.answered ? c.on_time / c.answered : null;
    const figures = {
      appeals: r.n,
      answered: r.answered,
      onTime: r.on_time,
      onTimeShare: round(share, 3),
      avgAnswerHours: round(r.avg_hours),
      rated: r.rated,
      avgScore: round(r.avg_score),
      compared: { appeals: c.n, answered: c.answered, onTimeShare: round(cShare, 3), avgAnswerHours: round(c.avg_hours), avgScore: round(c.avg_score) },
      minAppeals: min,
    };
    if (r.answered * 2 >= min && r.avg_hours != null && c.avg_hours && r.avg_hours <= c.avg_hours * SPEED_RATIO_MAX) {
      found.push({
        ...base,
        measure: 'SPEED',
        advantage: c.avg_hours / Math.max(r.avg_hours, 0.01),
        figures: { ...figures, threshold: SPEED_RATIO_MAX },
        reason: `${subject} отвечает ${where} в среднем за ${round(r.avg_hours, 1)} ч против ${round(c.avg_hours, 1)} ч ${against} (${r.answered} ответов)`,
      });
    }
    if (share != null && cShare != null && share >= ON_TIME_SHARE_MIN && share >= cShare + ON_TIME_MARGIN) {
      found.push({
        ...base,
        measure: 'ON_TIME',
        advantage: share / Math.max(cShare, 0.01),
        figures: { ...figures, threshold: { margin: ON_TIME_MARGIN, min: ON_TIME_SHARE_MIN } },
        reason: `${subject} отвечает в срок ${where} в ${pct(share)} случаев против ${pct(cShare)} ${against} (${r.answered} ответов)`,
      });
    }
    if (r.rated >= SATISFACTION_MIN_RATED && r.avg_score != null && c.avg_score != null && r.avg_score >= c.avg_score + SATISFACTION_MARGIN) {
      found.push({
        ...base,
        measure: 'SATISFACTION',
        advantage: r.avg_score / c.avg_score,
        figures: { ...figures, threshold: { margin: SATISFACTION_MARGIN, minRated: SATISFACTION_MIN_RATED } },
        reason: `Средняя оценка ответов (${subject === 'Орган' ? 'орган' : 'муниципалитет'}) ${where} — ${round(r.avg_score, 2)} против ${round(c.avg_score, 2)} ${against} (${r.rated} оценок)`,
      });
    }
  }
  // The best few per category and measure.
  const groups = new Map<string, typeof found>();
  for (const f of found) groups.set(`${f.categoryId}|${f.measure}`, [...(groups.get(`${f.categoryId}|${f.measure}`) ?? []), f]);
  const chosen = [...groups.values()].flatMap((list) => list.sort((a, b) => b.advantage - a.advantage).slice(0, PER_CATEGORY));
  chosen.sort((a, b) => b.advantage - a.advantage || (a.categoryId ?? '').localeCompare(b.categoryId ?? ''));
  chosen.splice(MAX_PRACTICES);
  if (!chosen.length) return [];
  // The examples per practice: its best three appeals of the period rated 4–5, each practice by the index of
  // its narrowest key (category, else body, else municipality) rather than one pass over every rated appeal
  // of the period; then the answer text of those only. (coalesce: not the partial index of rated appeals, which
  // would walk every rated appeal of the region.)
  const rated = (key: string) => `select a.id, a.author_name, a.satisfaction_score, a.answered_at from appeal a
        where ${key} and a.received_at >= $4 and a.received_at < $5 and coalesce(a.satisfaction_score, 0) >= 4 and a.answered_at is not null
          and (k.category is null or a.category_id = k.category) and (k.org is null or a.organization_id = k.org)
          and (k.mun is null or a.municipality_id = k.mun)`;
  const examples = await analyticsSql<{ i: string; texts: { text: string; author: string | null }[] | null }>(
    em,
    `
    with k as (select * from unnest($1::uuid[], $2::uuid[], $3::uuid[]) with ordinality k(category, org, mun, i)),
    c as (
      select k.i, b.id, b.author_name, row_number() over (partition by k.i order by b.satisfaction_score desc, b.answered_at desc, b.id) as rn
      from k cross join lateral (
        ${rated('k.category is not null and a.category_id = k.category')}
        union all
        ${rated('k.category is null and k.org is not null and a.organization_id = k.org')}
        union all
        ${rated('k.category is null and k.org is null and a.municipality_id = k.mun')}
        order by 3 desc, 4 desc, 1 limit ${EXAMPLES}) b
    )
    select c.i, json_agg(json_build_object('text', t.text, 'author', c.author_name) order by c.rn) as texts
    from c cross join lateral (
      (select r.text from appeal_response r where r.appeal_id = c.id and r.review_decision = 'ACCEPT' order by r.created_at desc limit 1)
      union all
      (select e.data->>'text' from appeal_event e where e.appeal_id = c.id and e.type = 'ANSWERED' and e.data->>'text' is not null order by e.at desc limit 1)
      limit 1) t(text)
    group by c.i`,
    [chosen.map((c) => c.categoryId), chosen.map((c) => c.organizationId), chosen.map((c) => c.municipalityId), from, to],
  );
  const textsOf = new Map(examples.map((e) => [Number(e.i), e.texts ?? []]));
  return chosen.map((c, index) => ({
    ...c,
    exampleAnswers: (textsOf.get(index + 1) ?? []).map((t) => withoutPersonalData(t.text, t.author)),
  }));
}
