import type { EntityManager } from '@mikro-orm/postgresql';
import { ProductionCalendarYear } from '../entities/production-calendar-year.entity.js';
import { loadBundledYears, parseProductionYear, WorkingCalendar } from '../deadlines/index.js';

/** Inserts the bundled production-calendar years that the database lacks. */
export async function seedBundledCalendar(em: EntityManager): Promise<void> {
  const knex = em.getKnex();
  const rows = loadBundledYears().map((year) => ({ year: year.year, data: JSON.stringify(year) }));
  if (rows.length) await em.getConnection().execute(knex('production_calendar_year').insert(rows).onConflict('year').ignore());
}

/** Builds the working-day calendar from the years stored in the database. */
export async function loadWorkingCalendar(em: EntityManager, timeZone: string): Promise<WorkingCalendar> {
  const rows = await em.find(ProductionCalendarYear, {}, { orderBy: { year: 'asc' } });
  return new WorkingCalendar(
    rows.map((row) => parseProductionYear(row.data, `production_calendar_year ${row.year}`)),
    { timeZone },
  );
}
