import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { Role } from '../entities/enums.js';
import { systemClock, type Clock } from '../clock/clock.js';
import type { AuthUser } from './auth-user.js';
import { query, queryOne, sql } from '../db/sql.js';

/** `cur_<12 hex: lookup prefix>_<43 base64url: 256 random bits>`. */
const KEY_PATTERN = /^cur_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

/** Last use is recorded at most once a minute per key, so busy channels do not write on every request. */
const LAST_USED_RESOLUTION_MS = 60_000;

export interface NewApiKey {
  /** The whole key: shown to the administrator once, never stored. */
  key: string;
  prefix: string;
  secretHash: string;
}

/**
 * SHA-256 is enough here (unlike for passwords): the key carries 256 random
 * bits, so there is nothing to guess from its hash.
 */
export const hashApiKey = (key: string): string => createHash('sha256').update(key, 'utf8').digest('hex');

export function generateApiKey(): NewApiKey {
  const prefix = randomBytes(6).toString('hex');
  const key = `cur_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { key, prefix, secretHash: hashApiKey(key) };
}

interface KeyRow {
  key_id: string;
  secret_hash: string;
  revoked_at: Date | null;
  last_used_at: Date | null;
  key_organization_id: string | null;
  key_channel: string | null;
  user_id: string;
  user_organization_id: string | null;
  active: boolean;
}

/**
 * The service account behind a channel's API key, as role INTEGRATION; null
 * for an unknown, malformed or revoked key (or a deactivated account).
 * Records the key's last use. Open311 and channel webhooks authenticate
 * with this too.
 */
export async function authenticateApiKey(em: EntityManager, key: string, clock: Clock = systemClock): Promise<AuthUser | null> {
  const match = KEY_PATTERN.exec(key.trim());
  if (!match) return null;
  const row = await queryOne<KeyRow>(
    em,
    sql`select k.id as key_id, k.secret_hash, k.revoked_at, k.last_used_at, k.organization_id as key_organization_id,
        k.channel as key_channel, u.id as user_id, u.organization_id as user_organization_id, u.active
      from api_key as k join app_user as u on u.id = k.user_id where k.prefix = ${match[1]}`,
    { prepared: true },
  );
  if (!row || row.revoked_at || !row.active) return null;
  const expected = Buffer.from(row.secret_hash, 'hex');
  const actual = Buffer.from(hashApiKey(key.trim()), 'hex');
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return null;

  const now = clock.now();
  if (!row.last_used_at || now.getTime() - new Date(row.last_used_at).getTime() >= LAST_USED_RESOLUTION_MS) {
    await query(em, sql`update api_key set last_used_at = ${now} where id = ${row.key_id}`, { prepared: true });
  }
  return {
    id: row.user_id,
    role: Role.INTEGRATION,
    organizationId: row.key_organization_id ?? row.user_organization_id,
    sectors: [],
    apiKeyId: row.key_id,
    apiKeyChannel: row.key_channel,
  };
}
