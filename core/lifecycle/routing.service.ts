import type { AppealFacts, RoutingTarget, SectorPlugin } from '../plugin-api/index.js';
import type { OrgRef, ReferenceDirectory } from './reference-directory.js';

export interface RoutingDecision {
  organization: OrgRef;
  rule: string;
  description: string;
}

/** The rule code of the core's fallback, for the audit trail. */
export const FALLBACK_RULE = 'core.sector-executive-body';

/**
 * Chooses the responsible body: the sector plugin's routing rules by
 * priority, the first that matches the category and municipality (and its
 * extra condition) and names an existing body wins (a role the pack binds, a
 * body the plugin's region table names, a fixed code, the administration); else the sector's
 * responsible body: the one the pack binds to the plugin's declared role
 * (`responsibleBody.role`), or, for a plugin that declares none, the
 * EXECUTIVE_BODY that lists the sector. A body the appeal complains about is never chosen
 * (59-ФЗ art. 8 part 6): its rule is skipped and the search goes on. Null
 * when nothing is left: the ЦУР assigns by hand.
 */
export function routeAppeal(plugin: SectorPlugin | undefined, facts: AppealFacts, directory: ReferenceDirectory): RoutingDecision | null {
  if (!plugin || !facts.sectorCode) return null;
  const complained = new Set(facts.complainedAboutOrganizationCodes);
  const municipalityId = facts.municipalityCode ? (directory.municipalityByCode.get(facts.municipalityCode)?.id ?? null) : null;
  const rules = [...(plugin.routing ?? [])].sort((a, b) => a.priority - b.priority);
  for (const rule of rules) {
    if (rule.categories?.length && !(facts.categoryCode && rule.categories.includes(facts.categoryCode))) continue;
    if (rule.municipalities && !(facts.municipalityCode && rule.municipalities.includes(facts.municipalityCode))) continue;
    if (rule.when && !rule.when(facts)) continue;
    const organization = targetBody(rule.target, facts, municipalityId, directory);
    if (!organization || complained.has(organization.code)) continue;
    return { organization, rule: rule.code, description: rule.description };
  }
  const role = plugin.responsibleBody?.role;
  const fallback = role ? directory.bodyWithRole(role) : directory.executiveBodyOf(facts.sectorCode);
  if (!fallback || complained.has(fallback.code)) return null;
  return { organization: fallback, rule: FALLBACK_RULE, description: 'Профильный орган исполнительной власти отраслевого блока (по умолчанию)' };
}

/** The body a rule's target names for these facts, null when the pack has none (the rule does not fire). */
function targetBody(target: RoutingTarget, facts: AppealFacts, municipalityId: string | null, directory: ReferenceDirectory): OrgRef | null {
  if ('role' in target) return directory.bodyWithRole(target.role);
  if ('organizationCode' in target) return directory.orgByCode.get(target.organizationCode) ?? null;
  if ('organizationOf' in target) {
    const code = target.organizationOf(facts);
    return code === null ? null : (directory.orgByCode.get(code) ?? null);
  }
  return directory.administrationOf(municipalityId);
}
