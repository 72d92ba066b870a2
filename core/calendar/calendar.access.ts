import { Role } from '../entities/enums.js';
import type { Access } from '../auth/access-matrix.js';

/** The production calendar (rows of the one access matrix, core/auth/access-matrix.ts). */
export const calendarAccess: Readonly<Record<string, Access>> = {
  'Mutation.loadProductionCalendar': [Role.ADMIN],
};
