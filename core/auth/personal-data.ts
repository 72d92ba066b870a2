import { Role } from '../entities/enums.js';
import type { AuthUser } from './auth-user.js';

/**
 * Roles that work with the author of an appeal and so see the author's
 * personal data (152-ФЗ: access only where the work needs it). Analysts,
 * observers and integrations see it masked.
 */
const PII_ROLES: ReadonlySet<Role> = new Set([
  Role.CURATOR,
  Role.CENTER_HEAD,
  Role.CENTER_SPECIALIST,
  Role.SECTOR_LEAD,
  Role.SECTOR_SPECIALIST,
  Role.ORG_OPERATOR,
  Role.ADMIN,
]);

export const canSeePersonalData = (user: AuthUser | null): boolean => Boolean(user && PII_ROLES.has(user.role));

/** «Иванов Иван Иванович» → «Иванов И. И.»; a masked value never reveals more than an initial. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first ? `${first[0]}***` : '', ...rest.map((part) => `${part[0]}.`)].join(' ').trim();
}
