import { Role } from '../entities/enums.js';

/**
 * Who may call which operation: one table, read by the access guard for every
 * root field of Query, Mutation and Subscription. An operation without a row
 * is refused (fail closed); `test/access-matrix.test.ts` walks this table
 * against the running schema, and `npm run access:print` writes it into the
 * page docs/access.md. What a role then sees inside an operation is narrowed by
 * `applyAppealScope` (appeals) and `personal-data.ts` (authors).
 */
export type Access = 'PUBLIC' | readonly Role[];

export const ALL_ROLES: readonly Role[] = Object.values(Role);
/** Everyone who works with appeals (all but integrations). */
export const READERS: readonly Role[] = ALL_ROLES.filter((role) => role !== Role.INTEGRATION);
export const CENTER: readonly Role[] = [Role.CURATOR, Role.CENTER_HEAD, Role.CENTER_SPECIALIST, Role.ADMIN];
/** The ЦУР's staff who process appeals (the sector blocks' staff within their sectors). */
export const PROCESSORS: readonly Role[] = [Role.CENTER_SPECIALIST, Role.CENTER_HEAD, Role.SECTOR_LEAD, Role.SECTOR_SPECIALIST];
/** Account administration. */
export const ADMINS: readonly Role[] = [Role.ADMIN];
/** Oversight of accounts and of access to personal data: the administrator and the head of the ЦУР. */
export const OVERSIGHT: readonly Role[] = [Role.ADMIN, Role.CENTER_HEAD];
