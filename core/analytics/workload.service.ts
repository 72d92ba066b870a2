import { Role } from '../entities/enums.js';
import { applyAppealScope } from '../auth/appeal-scope.js';
import { badInput } from '../errors/errors.js';
import { ANSWERED_SQL, OPEN_SQL, RESPONSE_HOURS_SQL, overdueSql } from './metrics.js';
import { runAnalyticsQuery, type AnalyticsContext } from './analytics-context.js';
import { WorkloadKind, type WorkloadRow } from './workload.types.js';

const DAY = 86_400_000;

/** "5 специалистов" with the right Russian plural. */
export function specialists(n: number): string {
  const mod10 = n % 10;
  const mod100 = n % 100;
  const word = mod10 === 1 && mod100 !== 11 ? 'специалист' : mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14) ? 'специалиста' : 'специалистов';
  return `${n} ${word}`;
}

/**
 * Per specialist and per sector block: open, in work, overdue, answered in
 * the period and the mean handling time, in one statement (GROUPING SETS);
 * per block also the staffing proposal: specialists needed at the norm
 * (WORKLOAD_NORM_OPEN_PER_SPECIALIST open appeals each) against those there —
 * the assignees who hold open appeals or answered in the period, and the
 * block's own specialists (SECTOR_SPECIALIST users).
 */
export async function computeWorkload(ctx: AnalyticsContext, sector: string | null, from?: Date | null, to?: Date | null): Promise<WorkloadRow[]> {
  const periodTo = to ?? ctx.now;
  const periodFrom = from ?? new Date(periodTo.getTime() - 30 * DAY);
  if (periodFrom >= periodTo) throw badInput('to', 'Конец периода должен быть позже начала');
  const knex = ctx.em.getKnex();
  const conn = ctx.em.getConnection();
  const norm = ctx.app.config.WORKLOAD_NORM_OPEN_PER_SPECIALIST;
  const answeredInPeriod = `a.answered_at >= ? and a.answered_at < ?`;
  const query = knex('appeal as a')
    .select(
      knex.raw(
        `grouping(a.assignee_id) = 0 as by_specialist, a.assignee_id, a.sector_id,
        count(*) filter (where ${OPEN_SQL})::int as open,
        count(*) filter (where a.status = 'IN_PROGRESS')::int as in_work,
        count(*) filter (where ${overdueSql(ctx.now)})::int as overdue,
        count(*) filter (where ${ANSWERED_SQL} and ${answeredInPeriod})::int as answered,
        avg(case when ${answeredInPeriod} then ${RESPONSE_HOURS_SQL} end)::float8 as avg_hours,
        count(*) filter (where ${OPEN_SQL} and a.assignee_id is null)::int as unassigned,
        count(distinct a.assignee_id)::int as assignees`,
        [periodFrom, periodTo, periodFrom, periodTo],
      ),
    )
    .whereRaw(`(${OPEN_SQL} or (${answeredInPeriod}))`, [periodFrom, periodTo])
    .groupByRaw('grouping sets ((a.assignee_id), (a.sector_id))');
  if (sector) query.whereRaw('a.sector_id in (select id from sector where code = ?)', [sector]);
  applyAppealScope(query, ctx.user);
  const rows: Record<string, any>[] = await runAnalyticsQuery(ctx, query);

  const sectorRows = rows.filter((r) => !r.by_specialist && r.sector_id);
  const specialistRows = rows.filter((r) => r.by_specialist && r.assignee_id);
  const [users, sectors] = await Promise.all([
    specialistRows.length
      ? conn.execute(knex('app_user').select('id', 'full_name').whereIn('id', specialistRows.map((r) => r.assignee_id)))
      : [],
    conn.execute(knex('sector').select('id', 'code', 'name')),
  ]);
  const userName = new Map<string, string>(users.map((u: any) => [u.id, u.full_name]));
  const sectorOf = new Map<string, { code: string; name: string }>(sectors.map((s: any) => [s.id, s]));
  const staff: { code: string; n: number }[] = await conn.execute(
    knex.raw(`select s.code, count(*)::int as n from app_user u cross join unnest(u.sectors) as s(code)
      where u.active and u.role = ? group by s.code`, [Role.SECTOR_SPECIALIST]),
  ).then((r: any) => (Array.isArray(r) ? r : r.rows));
  const staffOf = new Map(staff.map((s) => [s.code, Number(s.n)]));

  const common = (r: Record<string, any>) => ({
    open: r.open,
    inWork: r.in_work,
    overdue: r.overdue,
    answered: r.answered,
    avgHandlingHours: r.avg_hours == null ? null : Number(r.avg_hours),
    norm,
  });
  const out: WorkloadRow[] = sectorRows.map((r) => {
    const info = sectorOf.get(r.sector_id);
    const present = Number(r.assignees) + (staffOf.get(info?.code ?? '') ?? 0);
    const needed = Math.ceil(r.open / norm);
    return {
      kind: WorkloadKind.SECTOR,
      specialistId: null,
      sectorId: r.sector_id,
      name: info?.name ?? r.sector_id,
      ...common(r),
      unassigned: r.unassigned,
      specialistsPresent: present,
      specialistsNeeded: needed,
      openPerSpecialist: present ? r.open / present : null,
      proposal: staffingProposal(needed, present),
    };
  });
  const collator = new Intl.Collator('ru');
  out.sort((a, b) => collator.compare(a.name, b.name));
  const people: WorkloadRow[] = specialistRows.map((r) => ({
    kind: WorkloadKind.SPECIALIST,
    specialistId: r.assignee_id,
    sectorId: null,
    name: userName.get(r.assignee_id) ?? r.assignee_id,
    ...common(r),
    unassigned: null,
    specialistsPresent: null,
    specialistsNeeded: null,
    openPerSpecialist: r.open,
    proposal: r.open > norm ? `Нагрузка выше нормы (${r.open} при норме ${norm}): перераспределить ${r.open - Math.floor(norm)} обращений` : null,
  }));
  people.sort((a, b) => b.open - a.open || collator.compare(a.name, b.name));
  return [...out, ...people];
}

/** Short enough for a table cell; the norm is stated beside the table. */
export function staffingProposal(needed: number, present: number): string {
  if (needed > present) return `Добавить ${specialists(needed - present)} (нужно ${needed}, работает ${present})`;
  return `Штата достаточно (нужно ${needed}, работает ${present})`;
}
