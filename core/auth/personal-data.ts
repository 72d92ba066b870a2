import type { GraphQLResolveInfo } from 'graphql';
import { Role } from '../entities/enums.js';
import type { Appeal } from '../entities/appeal.entity.js';
import type { RequestContext } from './request-context.js';
import { selectedFieldNames } from '../graphql/selection.js';
import { insertInto, query, sql } from '../db/sql.js';
import type { AuthUser } from './auth-user.js';
import { maskPersonalText } from './personal-data-text.js';

export { maskPersonalText, PERSONAL_TEXT_PATTERNS, personalTextKinds } from './personal-data-text.js';

/**
 * Roles that work with the author of an appeal and so see the author's
 * personal data (152-ФЗ art. 5 part 5: no more data than the purpose needs).
 * Analysts, ministry observers and integrations see it masked.
 */
export const PII_ROLES: ReadonlySet<Role> = new Set([
  Role.CURATOR,
  Role.CENTER_HEAD,
  Role.CENTER_SPECIALIST,
  Role.SECTOR_LEAD,
  Role.SECTOR_SPECIALIST,
  Role.ORG_OPERATOR,
  Role.ADMIN,
]);

export const canSeePersonalData = (user: AuthUser | null): boolean => Boolean(user && PII_ROLES.has(user.role));

/**
 * Free text (an appeal's text, an address, a free answer) as the caller may
 * see it: as written for roles with access, with phones, e-mails, СНИЛС,
 * passports and flat numbers masked for the others (personal-data-text.ts).
 */
export function personalTextFor(user: AuthUser | null, text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return canSeePersonalData(user) ? text : maskPersonalText(text);
}

/** «Иванов Иван Иванович» → «И*** И. И.»; a masked value never reveals more than initials. */
export function maskName(name: string | null | undefined): string | null {
  if (!name) return null;
  const [first, ...rest] = name.trim().split(/\s+/);
  return [first ? `${first[0]}***` : '', ...rest.map((part) => `${part[0]}.`)].join(' ').trim();
}

/** The author's fields that are personal data, as the Citizen type names them. */
export const PERSONAL_FIELDS = ['name', 'email', 'phone', 'address'] as const;
export type PersonalField = (typeof PERSONAL_FIELDS)[number];

export interface Author {
  name: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  masked: boolean;
}

/**
 * The author of an appeal as the caller may see it. When a role with access
 * actually receives personal data, the read is recorded in pii_access_log
 * (who, when, which appeal, which fields) before the data leaves: if the
 * record cannot be written, the data is not returned.
 */
export async function authorFor(appeal: Appeal, ctx: RequestContext, info: GraphQLResolveInfo): Promise<Author | null> {
  if (!appeal.authorName && !appeal.authorEmail && !appeal.authorPhone && !appeal.authorAddress) return null;
  if (!canSeePersonalData(ctx.user)) {
    return { name: maskName(appeal.authorName), email: null, phone: null, address: null, masked: true };
  }
  const author: Author = {
    name: appeal.authorName ?? null,
    email: appeal.authorEmail ?? null,
    phone: appeal.authorPhone ?? null,
    address: appeal.authorAddress ?? null,
    masked: false,
  };
  const selected = selectedFieldNames(info);
  const received = PERSONAL_FIELDS.filter((field) => selected.has(field) && author[field] !== null);
  if (received.length) await recordPersonalDataAccess(ctx, appeal.id, received);
  return author;
}

/**
 * Records that the caller received these personal fields of an appeal.
 * Reads in one request are batched (a DataLoader): one INSERT for a page of
 * appeals, not one per appeal. Other readers of personal data (exports,
 * Open311) call this too.
 */
export function recordPersonalDataAccess(ctx: RequestContext, appealId: string, fields: readonly PersonalField[]): Promise<unknown> {
  const user = ctx.user;
  if (!user) return Promise.resolve();
  const loader = ctx.loaders.named<string, true>('personalDataAccess', async (keys, em) => {
    const at = ctx.clock.now();
    const rows = keys.map((key) => {
      const [id, list] = key.split('|');
      return { id: sql`gen_random_uuid()`, user_id: user.id, appeal_id: id, at, fields: list.split(','), request_id: ctx.requestId };
    });
    await query(em, insertInto('pii_access_log', rows));
    return keys.map(() => true as const);
  });
  const key = `${appealId}|${[...fields].sort().join(',')}`;
  // Batched, but not cached: a subscription's context lives for many events, and each delivery is a read.
  return loader.load(key).finally(() => loader.clear(key));
}
