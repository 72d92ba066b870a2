import { and, identifier, join, query, raw, sql, type Sql } from '../db/sql.js';
import { appealScopeSql } from './measures/appeal-conditions.js';
import { badInput } from '../errors/errors.js';
import { ANSWER_TEXTS_SQL, RETURN_EVENTS_SQL } from './measures/appeal-signals.sql.js';
import type { AnalyticsContext } from './measures/analytics-context.js';
import { dayLabel } from './labels.js';
import { CONFLICT_KIND_LABELS, ConflictKind, type Conflict, type ConflictCount } from './conflicts.types.js';

const HOUR = 3_600_000;

interface Period {
  from: Date;
  to: Date;
}

type Row = Record<string, any>;
const moscowDay = (ctx: AnalyticsContext, at: Date) => dayLabel(new Intl.DateTimeFormat('en-CA', { timeZone: ctx.app.config.TIME_ZONE }).format(at));
const quote = (text: string, max = 80) => `«${text.length > max ? `${text.slice(0, max - 1)}…` : text}»`;
const conflict = (kind: ConflictKind, at: Date, reason: string, organizationId: string | null, appealIds: string[]): Conflict => ({
  kind,
  kindLabel: CONFLICT_KIND_LABELS[kind],
  at: new Date(at),
  reason,
  organizationId,
  appealIds,
  count: appealIds.length,
});

/** The conditions, after the caller's scope over `appeal as a`. */
const scoped = (ctx: AnalyticsContext, conditions: Sql[]) => and([...appealScopeSql(ctx.user), ...conditions]);

const run = (ctx: AnalyticsContext, statement: Sql): Promise<Row[]> => query<Row>(ctx.em, statement);

/**
 * The rows behind each kind but the boilerplate (`from … where …`, under the caller's scope): one
 * definition for the list (findConflicts) and the count (countConflicts), so that both say the same.
 */
const sources: Record<Exclude<ConflictKind, ConflictKind.BOILERPLATE_ANSWER>, (ctx: AnalyticsContext, p: Period) => Sql> = {
  [ConflictKind.REPEATED_AFTER_ANSWER]: (ctx, p) =>
    sql`from appeal as a join appeal as o on o.id = a.repeat_of_id where ${scoped(ctx, [
      sql`a.is_repeat = ${true}`,
      sql`o.answered_at is not null`,
      sql`a.received_at > o.answered_at`,
      sql`a.received_at >= ${p.from}`,
      sql`a.received_at < ${p.to}`,
    ])}`,
  [ConflictKind.NEGATIVE_RATING]: (ctx, p) =>
    sql`from appeal as a where ${scoped(ctx, [
      sql`a.satisfaction_score <= ${Number(ctx.app.config.SATISFACTION_NEGATIVE_MAX)}`,
      sql`a.rated_at >= ${p.from}`,
      sql`a.rated_at < ${p.to}`,
    ])}`,
  [ConflictKind.RETURNED_FOR_REWORK]: (ctx, p) =>
    sql`from appeal as a join (${raw(RETURN_EVENTS_SQL)}) as r on r.appeal_id = a.id where ${scoped(ctx, [sql`r.at >= ${p.from}`, sql`r.at < ${p.to}`])}`,
  [ConflictKind.ANSWERED_LATE]: (ctx, p) =>
    sql`from appeal as a where ${scoped(ctx, [sql`a.answered_at > a.due_at`, sql`a.answered_at >= ${p.from}`, sql`a.answered_at < ${p.to}`])}`,
};

const finders: Record<ConflictKind, (ctx: AnalyticsContext, p: Period) => Promise<Conflict[]>> = {
  /** A repeated appeal received after the answer to the earlier one: the answer did not settle the question. */
  async [ConflictKind.REPEATED_AFTER_ANSWER](ctx, p) {
    // The earlier appeal may be another body's: its number and id are named only to a caller who may see it.
    const original = sql`select 1 from appeal as v where ${and([sql`v.id = o.id`, ...appealScopeSql(ctx.user, 'v')])}`;
    const rows = await run(
      ctx,
      sql`select o.id as original_id, o.number, o.answered_at, o.organization_id,
        array_agg(a.id order by a.received_at) as ids, max(a.received_at) as at, exists (${original}) as original_visible
      ${sources[ConflictKind.REPEATED_AFTER_ANSWER](ctx, p)}
      group by o.id, o.number, o.answered_at, o.organization_id`,
    );
    return rows.map((r) =>
      conflict(
        ConflictKind.REPEATED_AFTER_ANSWER,
        r.at,
        `Повторное обращение (${r.ids.length}) после ответа на ${r.original_visible ? `№ ${r.number}` : 'обращение другого органа'} от ${moscowDay(ctx, new Date(r.answered_at))}`,
        r.organization_id,
        r.original_visible ? [r.original_id, ...r.ids] : r.ids,
      ),
    );
  },
  async [ConflictKind.NEGATIVE_RATING](ctx, p) {
    const rows = await run(
      ctx,
      sql`select a.id, a.number, a.organization_id, a.satisfaction_score, a.satisfaction_comment, a.rated_at as at ${sources[ConflictKind.NEGATIVE_RATING](ctx, p)}`,
    );
    return rows.map((r) =>
      conflict(
        ConflictKind.NEGATIVE_RATING,
        r.at,
        `Оценка ответа ${r.satisfaction_score} из 5 (№ ${r.number})${r.satisfaction_comment ? `: ${quote(r.satisfaction_comment)}` : ''}`,
        r.organization_id,
        [r.id],
      ),
    );
  },
  async [ConflictKind.RETURNED_FOR_REWORK](ctx, p) {
    const rows = await run(ctx, sql`select a.id, a.number, a.organization_id, r.at, r.comment ${sources[ConflictKind.RETURNED_FOR_REWORK](ctx, p)}`);
    return rows.map((r) =>
      conflict(
        ConflictKind.RETURNED_FOR_REWORK,
        r.at,
        `Ответ на № ${r.number} возвращён ЦУР на доработку${r.comment ? `: ${quote(r.comment)}` : ''}`,
        r.organization_id,
        [r.id],
      ),
    );
  },
  async [ConflictKind.ANSWERED_LATE](ctx, p) {
    const rows = await run(ctx, sql`select a.id, a.number, a.organization_id, a.answered_at, a.due_at ${sources[ConflictKind.ANSWERED_LATE](ctx, p)}`);
    return rows.map((r) => {
      const hours = (new Date(r.answered_at).getTime() - new Date(r.due_at).getTime()) / HOUR;
      const late = hours >= 48 ? `${Math.floor(hours / 24)} сут.` : `${Math.ceil(hours)} ч`;
      return conflict(ConflictKind.ANSWERED_LATE, r.answered_at, `Ответ на № ${r.number} дан на ${late} позже срока`, r.organization_id, [r.id]);
    });
  },
  /** One text sent as the answer to many appeals on different questions: a formal reply, not an answer. */
  async [ConflictKind.BOILERPLATE_ANSWER](ctx, p) {
    const min = ctx.app.config.BOILERPLATE_MIN_APPEALS;
    const texts = raw(ANSWER_TEXTS_SQL);
    // The period's answers read once; only texts sent often enough at all go on (a necessary condition, found
    // without appeal: count(*) bounds count(distinct appeal_id)), and only their appeals are looked up by id,
    // one by one: a plain join made the planner hash all of appeal (2.4 s of the monthly report at 5 M appeals).
    const rows = await run(
      ctx,
      sql`with p as materialized (select t.appeal_id, t.at, t.text, lower(trim(t.text)) as k from (${texts}) as t where t.at >= ${p.from} and t.at < ${p.to}),
        t as (select p.* from p where p.k in (select p.k from p group by 1 having count(*) >= ${min}))
      select min(t.text) as text, array_agg(distinct a.id) as ids, count(distinct a.category_id)::int as questions,
        max(t.at) as at, mode() within group (order by a.organization_id) as organization_id
      from t cross join lateral (select a.id, a.category_id, a.organization_id from appeal as a where a.id = t.appeal_id and ${scoped(ctx, [])} limit 1) as a
      group by md5(t.k)
      having count(distinct a.id) >= ${min} and count(distinct a.category_id) >= 2`,
    );
    return rows.map((r) =>
      conflict(
        ConflictKind.BOILERPLATE_ANSWER,
        r.at,
        `Один и тот же ответ на ${r.ids.length} обращений по ${r.questions} разным вопросам: ${quote(r.text)}`,
        r.organization_id,
        [...r.ids].sort(),
      ),
    );
  },
};

export const CONFLICT_KINDS = Object.values(ConflictKind);

/** Conflict situations of the period (decree clause 8), each with its reason and appeals; newest first within a kind. */
export async function findConflicts(
  ctx: AnalyticsContext,
  from: Date,
  to: Date,
  kinds?: ConflictKind[] | null,
): Promise<{ items: Conflict[]; counts: ConflictCount[] }> {
  if (from >= to) throw badInput('to', 'Конец периода должен быть позже начала');
  const wanted = kinds?.length ? CONFLICT_KINDS.filter((k) => kinds.includes(k)) : CONFLICT_KINDS;
  const found: Conflict[][] = [];
  // One after another: the request's EntityManager has one connection at a time.
  for (const kind of wanted) found.push(await finders[kind](ctx, { from, to }));
  const counts = wanted.map((kind, i) => ({ kind, label: CONFLICT_KIND_LABELS[kind], count: found[i].length }));
  const items = found.flatMap((list) => list.sort((a, b) => b.at.getTime() - a.at.getTime()));
  return { items, counts };
}

/**
 * How many conflicts of each kind findConflicts would list (the monthly report shows only the counts):
 * the same rows counted in the database instead of read out (a month at the largest region's density
 * has tens of thousands of late answers and negative ratings); a repeat conflict is one per original
 * appeal, as in the list. The boilerplate finder's few groups are listed and counted.
 */
export async function countConflicts(ctx: AnalyticsContext, from: Date, to: Date): Promise<ConflictCount[]> {
  if (from >= to) throw badInput('to', 'Конец периода должен быть позже начала');
  const p = { from, to };
  const counted = Object.keys(sources) as (keyof typeof sources)[];
  // One statement, a scalar subquery per kind; a repeat conflict is one per original appeal.
  const counts = counted.map((kind) => {
    const n = kind === ConflictKind.REPEATED_AFTER_ANSWER ? raw('count(distinct o.id)') : raw('count(*)');
    return sql`(select ${n} ${sources[kind](ctx, p)})::int as ${identifier(kind)}`;
  });
  const [row] = await run(ctx, sql`select ${join(counts)}`);
  const boilerplate = (await finders[ConflictKind.BOILERPLATE_ANSWER](ctx, p)).length;
  return CONFLICT_KINDS.map((kind) => ({
    kind,
    label: CONFLICT_KIND_LABELS[kind],
    count: kind === ConflictKind.BOILERPLATE_ANSWER ? boilerplate : Number(row[kind]),
  }));
}
