import type { EntityManager } from '@mikro-orm/postgresql';
import type { CoreServices } from '../config/core-services.js';
import type { AuthUser } from '../auth/auth-user.js';
import { isAppealVisible } from '../auth/appeal-visibility.js';
import { query, queryOne, sql } from '../db/sql.js';
import { Role } from '../entities/enums.js';
import { badInput, notFound } from '../errors/errors.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AppealContacts {
  id: string;
  sector_code: string | null;
  organization_id: string | null;
  keys: string[];
}

/**
 * Records whether the author of an appeal agreed to be asked in surveys, for
 * each contact the appeal has (its e-mail, its phone): the resident said so
 * on the form or on the phone, and staff with access to the appeal, or the
 * integration that registered it, record it. The contact itself is not
 * returned (personal data stays with the appeal). An appeal out of the
 * caller's scope is NOT_FOUND; one without a contact BAD_USER_INPUT.
 */
export async function setSurveyConsent(app: CoreServices, em: EntityManager, user: AuthUser, appealId: string, consent: boolean): Promise<number> {
  if (!UUID.test(appealId)) throw notFound('Обращение', appealId);
  const appeal = await queryOne<AppealContacts>(
    em,
    sql`select a.id, s.code as sector_code, a.organization_id::text as organization_id,
        array_remove(array['email:' || a.author_email_key, 'phone:' || a.author_phone_key], null) as keys
      from appeal a left join sector s on s.id = a.sector_id where a.id = ${appealId}::uuid`,
  );
  // The integration registers appeals of every sector; staff see theirs (organizations' operators have no part in polls).
  const visible =
    appeal && (user.role === Role.INTEGRATION || isAppealVisible(user, { sectorCode: appeal.sector_code, organizationId: appeal.organization_id }, new Set()));
  if (!appeal || !visible) throw notFound('Обращение', appealId);
  if (!appeal.keys.length) throw badInput('appealId', 'У автора обращения нет ни e-mail, ни телефона: согласие не к чему отнести');
  await query(
    em,
    sql`insert into survey_consent (contact_key, consent, appeal_id, recorded_at, recorded_by_id)
      select k, ${consent}, ${appeal.id}::uuid, ${app.clock.now()}::timestamptz, ${user.id}::uuid from unnest(${appeal.keys}::text[]) as k
      on conflict (contact_key) do update set consent = excluded.consent, appeal_id = excluded.appeal_id,
        recorded_at = excluded.recorded_at, recorded_by_id = excluded.recorded_by_id`,
  );
  return appeal.keys.length;
}
