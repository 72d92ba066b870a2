import { Role } from '../entities/enums.js';
import { and, join, query, raw, sql, type Sql } from '../db/sql.js';
import { appealScopeSql } from './measures/appeal-conditions.js';
import { badInput } from '../errors/errors.js';
import { ANSWERED_SQL, OPEN_SQL, RESPONSE_HOURS_SQL, overdueSql } from './measures/metrics.js';
import { runAnalyticsQuery, type AnalyticsContext } from './measures/analytics-context.js';
import { WorkloadKind, type WorkloadRow } from './workload.types.js';
import { countRu, roundHoursOrNull, SPECIALISTS } from '../text/plural.js';

const DAY = 86_400_000;

/**
 * What the statement reads of each appeal. The appeals it counts are two disjoint halves: the open ones,
 * an index-only scan of appeal_open_workload_idx (they are spread over every year: a bitmap scan of the
 * table read ~160,000 pages at the largest region's density), and the others answered in the period, by
 * answer date (recent, so close together).
 */
const COLUMNS = raw('a.assignee_id, a.sector_id, a.status, a.answered_at, a.due_at, a.paused_at, a.received_at, a.paused_ms');

/**
 * The ЦУР's specialists, whom the workload counts (decree clause 9): the
 * centre's and the sector blocks' specialists. Operators of bodies, heads,
 * leads and readers are not the ЦУР's processing staff.
 */
export const WORKLOAD_ROLES: readonly Role[] = [Role.CENTER_SPECIALIST, Role.SECTOR_SPECIALIST];

/** "5 специалистов" with the right Russian plural (Intl.PluralRules, core/analytics/plural.ts). */
export const specialists = (n: number) => countRu(n, SPECIALISTS);

/**
 * Per specialist and per sector block: open, in work, overdue, answered in
 * the period and the mean handling time, in one statement (GROUPING SETS);
 * per block also the staffing proposal: specialists needed at the norm
 * (WORKLOAD_NORM_OPEN_PER_SPECIALIST open appeals each) against those there —
 * the block's specialists (active SECTOR_SPECIALIST users of the sector) and
 * the centre's specialists who hold its appeals. Only WORKLOAD_ROLES count:
 * a body's operator holding an appeal is not the ЦУР's staff, so neither a
 * person row nor a "present" specialist.
 */
export async function computeWorkload(
  ctx: AnalyticsContext,
  sector: string | null,
  from?: Date | null,
  to?: Date | null,
  /** Only the rows of this kind (the monthly report shows the blocks): the statement groups only by what they need. */
  kind?: WorkloadKind,
): Promise<WorkloadRow[]> {
  const periodTo = to ?? ctx.now;
  const periodFrom = from ?? new Date(periodTo.getTime() - 30 * DAY);
  if (periodFrom >= periodTo) throw badInput('to', 'Конец периода должен быть позже начала');
  const norm = ctx.app.config.WORKLOAD_NORM_OPEN_PER_SPECIALIST;
  const answeredInPeriod = sql`a.answered_at >= ${periodFrom} and a.answered_at < ${periodTo}`;
  // The metrics' expressions are constants of metrics.ts (the moment inlined is ours).
  const [open, overdue, answered, hours] = [OPEN_SQL, overdueSql(ctx.now), ANSWERED_SQL, RESPONSE_HOURS_SQL].map(raw);
  const where: Sql[] = [];
  if (sector) where.push(sql`a.sector_id in (select id from sector where code = ${sector})`);
  where.push(...appealScopeSql(ctx.user));
  const [bySpecialist, bySector] = [kind !== WorkloadKind.SECTOR, kind !== WorkloadKind.SPECIALIST];
  const sets = [bySpecialist ? sql`(a.assignee_id)` : null, bySector ? sql`(a.sector_id)` : null].filter((set): set is Sql => set != null);
  // grouping() names only columns grouped by: with one set, every row is of that set.
  const keys =
    bySpecialist && bySector
      ? sql`grouping(a.assignee_id) = 0 as by_specialist, a.assignee_id, a.sector_id`
      : bySpecialist
        ? sql`true as by_specialist, a.assignee_id, null::uuid as sector_id`
        : sql`false as by_specialist, null::uuid as assignee_id, a.sector_id`;
  const rows: Record<string, any>[] = await runAnalyticsQuery(
    ctx,
    sql`select ${keys},
        count(*) filter (where ${open})::int as open,
        count(*) filter (where a.status = 'IN_PROGRESS')::int as in_work,
        count(*) filter (where ${overdue})::int as overdue,
        count(*) filter (where ${answered} and ${answeredInPeriod})::int as answered,
        avg(case when ${answeredInPeriod} then ${hours} end)::float8 as avg_hours,
        count(*) filter (where ${open} and a.assignee_id is null)::int as unassigned,
        count(distinct a.assignee_id) filter (where a.assignee_id in (select u.id from app_user u where u.role = 'CENTER_SPECIALIST' and u.active))::int as assignees
      from (
        select ${COLUMNS} from appeal as a where ${and([open, ...where])}
        union all
        select ${COLUMNS} from appeal as a where ${and([sql`not (${open})`, answeredInPeriod, ...where])}
      ) as a group by grouping sets (${join(sets)})`,
  );

  const sectorRows = rows.filter((r) => !r.by_specialist && r.sector_id);
  const assigneeRows = rows.filter((r) => r.by_specialist && r.assignee_id);
  const [users, sectors] = await Promise.all([
    assigneeRows.length
      ? query<{ id: string; full_name: string; role: Role }>(
          ctx.em,
          sql`select id, full_name, role from app_user where id = any(${assigneeRows.map((r) => r.assignee_id)}::uuid[])`,
        )
      : [],
    query<{ id: string; code: string; name: string }>(ctx.em, sql`select id, code, name from sector`),
  ]);
  const userName = new Map<string, string>(users.map((u) => [u.id, u.full_name]));
  const isSpecialist = new Set<string>(users.filter((u) => WORKLOAD_ROLES.includes(u.role)).map((u) => u.id));
  const specialistRows = assigneeRows.filter((r) => isSpecialist.has(r.assignee_id));
  const sectorOf = new Map<string, { code: string; name: string }>(sectors.map((s) => [s.id, s]));
  const staff = await query<{ code: string; n: number }>(
    ctx.em,
    sql`select s.code, count(*)::int as n from app_user u cross join unnest(u.sectors) as s(code)
      where u.active and u.role = ${Role.SECTOR_SPECIALIST} group by s.code`,
  );
  const staffOf = new Map(staff.map((s) => [s.code, Number(s.n)]));

  const common = (r: Record<string, any>) => ({
    open: r.open,
    inWork: r.in_work,
    overdue: r.overdue,
    answered: r.answered,
    avgHandlingHours: roundHoursOrNull(r.avg_hours == null ? null : Number(r.avg_hours)),
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
      openPerSpecialist: present ? Math.round((r.open / present) * 10) / 10 : null,
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
  return [...(bySector ? out : []), ...(bySpecialist ? people : [])];
}

/** Short enough for a table cell; the norm is stated beside the table. */
export function staffingProposal(needed: number, present: number): string {
  if (needed > present) return `Добавить ${specialists(needed - present)} (нужно ${needed}, работает ${present})`;
  return `Штата достаточно (нужно ${needed}, работает ${present})`;
}
