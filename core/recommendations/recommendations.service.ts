import type { EntityManager } from '@mikro-orm/postgresql';
import type { AnalyticsServices } from '../analytics/measures/analytics-context.js';
import type { AuthUser } from '../auth/auth-user.js';
import { Role } from '../entities/enums.js';
import { pgQuery } from '../db/pg-query.js';
import { badInput, forbidden } from '../errors/errors.js';
import { RECOMMENDATION_RULES, type Finding, type RuleContext } from './recommendation.rules.js';
import type { Recommendation } from './recommendation.types.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** An operator sees the recommendations to its own body only. */
export function organizationFor(user: AuthUser, organizationId: string | null | undefined): string | null {
  if (organizationId != null && !UUID.test(organizationId)) throw badInput('organizationId', 'Нет такой организации');
  if (user.role === Role.ORG_OPERATOR) {
    if (!user.organizationId) throw forbidden('Пользователь не привязан к органу');
    if (organizationId && organizationId !== user.organizationId) throw forbidden('Рекомендации доступны только своему органу');
    return user.organizationId;
  }
  return organizationId ?? null;
}

/**
 * Every rule (the core's, then each enabled plugin's) over the period, one
 * after another on the request's connection; then, in one statement, the
 * seminars of the matching topics the bodies' staff attended by the end of
 * the period.
 */
export async function computeRecommendations(
  app: AnalyticsServices,
  em: EntityManager,
  user: AuthUser,
  from: Date,
  to: Date,
  organizationId: string | null,
  now: Date,
): Promise<Recommendation[]> {
  if (!(from < to)) throw badInput('to', 'Конец периода должен быть позже начала');
  const ctx: RuleContext = { em, app, user, from, to, now, organizationId: organizationFor(user, organizationId) };
  const found: { finding: Finding; code: string; action: string; source: string; thresholds: Record<string, number> }[] = [];
  for (const rule of RECOMMENDATION_RULES) {
    for (const finding of await rule.find(ctx)) found.push({ finding, code: rule.code, action: rule.action, source: 'core', thresholds: rule.thresholds(app) });
  }
  for (const plugin of app.plugins) {
    for (const rule of plugin.recommendations ?? []) {
      const findings = await rule.find({ from, to, organizationId: ctx.organizationId, sql: (text, values) => pgQuery(em, text, values) });
      for (const finding of findings) {
        if (ctx.organizationId && finding.organizationId !== ctx.organizationId) continue;
        found.push({ finding, code: rule.code, action: rule.action, source: plugin.code, thresholds: {} });
      }
    }
  }
  if (!found.length) return [];
  const pairs = found.map((f) => `${f.finding.organizationId}|${f.code}`);
  const attended = await pgQuery<{ pair: string; seminar_id: string }>(
    em,
    `
    select distinct on (p.pair) p.pair, s.id as seminar_id
    from unnest($1::text[]) p(pair)
    join seminar s on s.topic = split_part(p.pair, '|', 2) and s.starts_at < $2
    join seminar_attendance sa on sa.seminar_id = s.id
    join app_user u on u.id = sa.user_id and u.organization_id::text = split_part(p.pair, '|', 1)
    order by p.pair, s.starts_at desc`,
    [pairs, to],
  );
  const seminarOf = new Map(attended.map((r) => [r.pair, r.seminar_id]));
  return found.map(({ finding, code, action, source, thresholds }, i) => ({
    organizationId: finding.organizationId,
    code,
    reason: finding.reason,
    action,
    evidence: { ...finding.evidence, thresholds },
    appealIds: finding.appealIds ?? [],
    appealCondition: finding.appealCondition ?? null,
    pageIds: finding.pageIds ?? [],
    seminarId: seminarOf.get(pairs[i]!) ?? null,
    seminarAttended: seminarOf.has(pairs[i]!),
    source,
  }));
}
