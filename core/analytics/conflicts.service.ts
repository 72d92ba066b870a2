import type { Knex } from '@mikro-orm/postgresql';
import { applyAppealScope } from '../auth/appeal-scope.js';
import { badInput } from '../errors/errors.js';
import { ANSWER_TEXTS_SQL, RETURN_EVENTS_SQL } from './appeal-signals.sql.js';
import type { AnalyticsContext } from './analytics-context.js';
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

/** The appeals the caller may see, as `appeal as a`. */
function scoped(ctx: AnalyticsContext): Knex.QueryBuilder {
  return applyAppealScope(ctx.em.getKnex()('appeal as a'), ctx.user);
}

async function run(ctx: AnalyticsContext, query: Knex.QueryBuilder): Promise<Row[]> {
  return ctx.em.getConnection().execute(query);
}

const finders: Record<ConflictKind, (ctx: AnalyticsContext, p: Period) => Promise<Conflict[]>> = {
  /** A repeated appeal received after the answer to the earlier one: the answer did not settle the question. */
  async [ConflictKind.REPEATED_AFTER_ANSWER](ctx, p) {
    const knex = ctx.em.getKnex();
    // The earlier appeal may be another body's: its number and id are named only to a caller who may see it.
    const original = applyAppealScope(knex('appeal as v').select(knex.raw('1')).whereRaw('v.id = o.id'), ctx.user, 'v');
    const rows = await run(
      ctx,
      scoped(ctx)
        .join('appeal as o', 'o.id', 'a.repeat_of_id')
        .select(
          knex.raw(`o.id as original_id, o.number, o.answered_at, o.organization_id,
        array_agg(a.id order by a.received_at) as ids, max(a.received_at) as at`),
        )
        .select(knex.raw('exists (?) as original_visible', [original]))
        .where('a.is_repeat', true)
        .whereNotNull('o.answered_at')
        .whereRaw('a.received_at > o.answered_at')
        .where('a.received_at', '>=', p.from)
        .where('a.received_at', '<', p.to)
        .groupBy('o.id', 'o.number', 'o.answered_at', 'o.organization_id'),
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
    const neg = Number(ctx.app.config.SATISFACTION_NEGATIVE_MAX);
    const rows = await run(
      ctx,
      scoped(ctx)
        .select('a.id', 'a.number', 'a.organization_id', 'a.satisfaction_score', 'a.satisfaction_comment', 'a.rated_at as at')
        .where('a.satisfaction_score', '<=', neg)
        .where('a.rated_at', '>=', p.from)
        .where('a.rated_at', '<', p.to),
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
    const knex = ctx.em.getKnex();
    const rows = await run(
      ctx,
      scoped(ctx)
        .join(knex.raw(`(${RETURN_EVENTS_SQL}) as r`), 'r.appeal_id', 'a.id')
        .select('a.id', 'a.number', 'a.organization_id', 'r.at', 'r.comment')
        .where('r.at', '>=', p.from)
        .where('r.at', '<', p.to),
    );
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
    const rows = await run(
      ctx,
      scoped(ctx)
        .select('a.id', 'a.number', 'a.organization_id', 'a.answered_at', 'a.due_at')
        .whereRaw('a.answered_at > a.due_at')
        .where('a.answered_at', '>=', p.from)
        .where('a.answered_at', '<', p.to),
    );
    return rows.map((r) => {
      const hours = (new Date(r.answered_at).getTime() - new Date(r.due_at).getTime()) / HOUR;
      const late = hours >= 48 ? `${Math.floor(hours / 24)} сут.` : `${Math.ceil(hours)} ч`;
      return conflict(ConflictKind.ANSWERED_LATE, r.answered_at, `Ответ на № ${r.number} дан на ${late} позже срока`, r.organization_id, [r.id]);
    });
  },
  /** One text sent as the answer to many appeals on different questions: a formal reply, not an answer. */
  async [ConflictKind.BOILERPLATE_ANSWER](ctx, p) {
    const knex = ctx.em.getKnex();
    const min = ctx.app.config.BOILERPLATE_MIN_APPEALS;
    const rows = await run(
      ctx,
      scoped(ctx)
        .join(knex.raw(`(${ANSWER_TEXTS_SQL}) as t`), 't.appeal_id', 'a.id')
        .select(
          knex.raw(`min(t.text) as text, array_agg(distinct a.id) as ids, count(distinct a.category_id)::int as questions,
        max(t.at) as at, mode() within group (order by a.organization_id) as organization_id`),
        )
        .where('t.at', '>=', p.from)
        .where('t.at', '<', p.to)
        // Only texts sent to enough appeals at all (a necessary condition, found without the join to appeal).
        // (count(*) bounds count(distinct appeal_id), and a hash of the texts is cheaper than md5 and a sort of each).
        .whereRaw(
          `lower(trim(t.text)) in (select lower(trim(y.text)) from (${ANSWER_TEXTS_SQL}) as y
        where y.at >= ? and y.at < ? group by 1 having count(*) >= ?)`,
          [p.from, p.to, min],
        )
        .groupByRaw('md5(lower(trim(t.text)))')
        .havingRaw('count(distinct a.id) >= ? and count(distinct a.category_id) >= 2', [min]),
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
