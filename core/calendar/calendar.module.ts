import type { FeatureModule } from '../auth/feature-module.js';
import { ProductionCalendarYear } from '../entities/production-calendar-year.entity.js';
import { CalendarResolver } from './calendar.resolver.js';
import { calendarAccess } from './calendar.access.js';

/** The production calendar stored in the database (the deadline engine reads it through app.calendar). */
export const calendarModule: FeatureModule = {
  name: 'calendar',
  entities: [ProductionCalendarYear],
  resolvers: [CalendarResolver],
  access: calendarAccess,
};
