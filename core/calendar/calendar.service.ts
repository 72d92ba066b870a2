import type { EntityManager } from '@mikro-orm/postgresql';
import { ProductionCalendarYear } from '../entities/production-calendar-year.entity.js';
import { parseProductionYear, ProductionYearInvalidError, WorkingCalendar, type ProductionYear } from '../deadlines/index.js';
import type { CoreServices } from '../config/core-services.js';
import { badInput } from '../errors/errors.js';
import { query, sql } from '../db/sql.js';

/** Builds the working-day calendar from the years stored in the database. */
export async function loadWorkingCalendar(em: EntityManager, timeZone: string): Promise<WorkingCalendar> {
  const rows = await em.find(ProductionCalendarYear, {}, { orderBy: { year: 'asc' } });
  return new WorkingCalendar(
    rows.map((row) => parseProductionYear(row.data, `production_calendar_year ${row.year}`)),
    { timeZone },
  );
}

/**
 * Stores one year of the calendar (validated: weekday kinds, the year's own
 * statistics) and swaps the process's working calendar, so deadlines use it
 * at once. A new year is data, not a release (DOMAIN.md "Deadlines").
 * Other processes pick the year up at their next start.
 */
/** What loading a year of the production calendar uses: it replaces the app's working calendar. */
export interface CalendarServices extends CoreServices {
  calendar: WorkingCalendar;
}

export async function loadProductionCalendar(app: CalendarServices, em: EntityManager, year: number, data: unknown) {
  let parsed: ProductionYear;
  try {
    parsed = parseProductionYear(data, `year ${year}`);
  } catch (error) {
    if (error instanceof ProductionYearInvalidError) {
      const path = error.issues[0]?.split(':')[0] ?? '(root)';
      throw badInput(path === '(root)' ? 'data' : `data.${path}`, error.message, { issues: error.issues });
    }
    throw error;
  }
  if (parsed.year !== year) throw badInput('data.year', `Данные относятся к ${parsed.year} году, а не к ${year}`);
  const now = app.clock.now();
  await query(
    em,
    sql`insert into production_calendar_year (year, data, loaded_at) values (${year}, ${JSON.stringify(parsed)}, ${now})
      on conflict (year) do update set data = excluded.data, loaded_at = excluded.loaded_at`,
  );
  app.calendar = await loadWorkingCalendar(em, app.config.TIME_ZONE);
  app.logger.info({ year }, 'production calendar loaded');
  return { year, workingDays: parsed.stats.workdays5, loadedYears: app.calendar.years(), loadedAt: now };
}
