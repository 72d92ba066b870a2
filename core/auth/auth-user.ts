import type { Role } from '../entities/enums.js';

/** The caller as the token names it, with what access decisions need. */
export interface AuthUser {
  id: string;
  role: Role;
  organizationId: string | null;
  sectors: string[];
}
