import type { Role } from '../entities/enums.js';

/** The caller, with what access decisions need (read from the database on every request). */
export interface AuthUser {
  id: string;
  role: Role;
  organizationId: string | null;
  sectors: string[];
  /** Set when the caller is a channel's service account that authenticated with an API key. */
  apiKeyId?: string | null;
  /** The channel of that API key (feeds of a channel answer only its keys). */
  apiKeyChannel?: string | null;
}
