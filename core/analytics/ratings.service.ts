import { Role } from '../entities/enums.js';
import { subordinateOrganizations } from '../auth/appeal-scope.js';
import { badInput, forbidden } from '../errors/errors.js';
import { query, queryOne, raw, sql } from '../db/sql.js';
import type { AnalyticsContext } from './measures/analytics-context.js';
import { loadRatingFigures } from './ratings.figures.js';
import { scoreSubject, type QuantityRange } from './ratings.score.js';
import { RatingSubject, type RatingRow } from './ratings.types.js';

const SECTOR_ROLES = new Set([Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST, Role.MINISTRY_OBSERVER]);

/**
 * The rating of bodies or municipalities by quantity, quality, speed and
 * completeness of response (the decree, clause 9; DOMAIN.md "Ratings and
 * KPIs"). The list is computed over everyone rated; an operator gets the rows
 * of its own body (with their true place) so that it can check its score.
 */
export async function computeRatings(ctx: AnalyticsContext, subject: RatingSubject, from: Date, to: Date, sector: string | null): Promise<RatingRow[]> {
  if (from >= to) throw badInput('to', 'Конец периода должен быть позже начала');
  const { user } = ctx;
  if (SECTOR_ROLES.has(user.role)) {
    if (!sector) sector = user.sectors[0] ?? null;
    if (!sector || !user.sectors.includes(sector)) throw forbidden('Рейтинг доступен только по своему отраслевому блоку');
  }
  let sectorId: string | null = null;
  if (sector) {
    const row = await queryOne<{ id: string }>(ctx.em, sql`select id from sector where code = ${sector}`);
    if (!row) throw badInput('sector', `Неизвестный отраслевой блок: ${sector}`);
    sectorId = row.id;
  }
  const all = await loadRatingFigures(ctx, subject, from, to, sectorId);
  const pooled = all.find((f) => f.id === null);
  const subjects = all.filter((f) => f.id !== null);
  if (!pooled || !subjects.length) return [];

  const isMunicipality = subject === RatingSubject.MUNICIPALITY;
  const table = isMunicipality ? 'municipality' : 'organization';
  // The table and its columns: one of two constants.
  const refs = await query<{ id: string; short_name: string; population?: number }>(
    ctx.em,
    sql`select ${raw(isMunicipality ? 'id, short_name, population' : 'id, short_name')} from ${raw(table)} where id = any(${subjects.map((s) => s.id!)}::uuid[])`,
  );
  const refOf = new Map(refs.map((r) => [r.id, r]));
  const perTenThousand = (id: string, n: number) => {
    const population = Number(refOf.get(id)?.population ?? 0);
    return isMunicipality && population > 0 ? (n / population) * 10_000 : null;
  };
  const rates = subjects.map((s) => perTenThousand(s.id!, s.n)).filter((v): v is number => v != null);
  const range: QuantityRange | null = rates.length ? { min: Math.min(...rates), max: Math.max(...rates) } : null;
  const settings = { weights: ctx.app.config.ratingWeights, priorWeight: ctx.app.config.RATING_PRIOR_WEIGHT };
  const minAppeals = ctx.app.config.RATING_MIN_APPEALS;

  const rows: RatingRow[] = subjects.map((figures) => {
    const per = perTenThousand(figures.id!, figures.n);
    const { parts, score } = scoreSubject({ figures, perTenThousand: per }, pooled, isMunicipality ? range : null, settings);
    return {
      rank: null,
      ranked: figures.n >= minAppeals,
      organizationId: isMunicipality ? null : figures.id,
      municipalityId: isMunicipality ? figures.id : null,
      name: refOf.get(figures.id!)?.short_name ?? figures.id!,
      score,
      appeals: figures.n,
      perTenThousand: per,
      ...parts,
    };
  });
  const collator = new Intl.Collator('ru');
  rows.sort((a, b) => Number(b.ranked) - Number(a.ranked) || b.score - a.score || b.appeals - a.appeals || collator.compare(a.name, b.name));
  rows.forEach((row, i) => (row.rank = row.ranked ? i + 1 : null));
  return visibleRows(ctx, rows, isMunicipality);
}

/** An operator sees its own body (and those below it), or its own municipality. */
async function visibleRows(ctx: AnalyticsContext, rows: RatingRow[], isMunicipality: boolean): Promise<RatingRow[]> {
  const { user } = ctx;
  if (user.role !== Role.ORG_OPERATOR) return rows;
  if (!user.organizationId) return [];
  const own = await query<{ id: string; municipality_id: string | null }>(
    ctx.em,
    sql`select id, municipality_id from organization where id in (${subordinateOrganizations(user.organizationId)})`,
  );
  const ids = new Set(own.map((o) => (isMunicipality ? o.municipality_id : o.id)).filter(Boolean));
  return rows.filter((row) => ids.has(isMunicipality ? row.municipalityId : row.organizationId));
}
