import type { AppealFacts, CategoryDefinition, DeadlineRule, KpiDefinition, RoutingRule } from './plugin-types.js';
import { bodyOfRole, DEFAULT_REGION_PACK, loadPackTables, loadRegionPack, type RegionPack } from '../region/index.js';
import type { SectorPlugin } from './plugin-types.js';

/*
 * What every sector plugin's rules test checks the same way, drawn from the
 * real reference data (the region pack) rather than from a copied list of
 * codes: a plugin's test calls these and keeps only its own cases.
 */

/** The facts of an appeal of the sector as routing and deadline rules see them; a test overrides what it is about. */
export function appealFacts(sectorCode: string, overrides: Partial<AppealFacts> = {}): AppealFacts {
  return {
    channel: 'POS',
    text: '',
    sectorCode,
    categoryCode: null,
    municipalityCode: null,
    address: null,
    receivedAt: new Date('2026-01-15T09:00:00Z'),
    details: null,
    complainedAboutOrganizationCodes: [],
    ...overrides,
  };
}

/**
 * Loads a region pack (the default one unless named) and the plugins' tables
 * from it, as the core does at start: a plugin's tests then read the real
 * reference data through `tables.rows(...)`, as its rules do in the server.
 */
export function loadPluginRegionData(plugins: SectorPlugin | readonly SectorPlugin[], pack: string = DEFAULT_REGION_PACK): RegionPack {
  const loaded = loadRegionPack(pack);
  loadPackTables(loaded, Array.isArray(plugins) ? plugins : [plugins as SectorPlugin]);
  return loaded;
}

/** The municipality and body codes of a region pack (the default one unless named): what rules may name. */
export function regionReferenceCodes(pack: string = DEFAULT_REGION_PACK): { municipalities: ReadonlySet<string>; organizations: ReadonlySet<string> } {
  const loaded = loadRegionPack(pack);
  return { municipalities: new Set(loaded.municipalities.map((m) => m.code)), organizations: new Set(loaded.organizations.map((o) => o.code)) };
}

/** The rule or KPI with this code; throws (a test's failure) when there is none. */
export function ruleByCode<T extends { code: string }>(rules: readonly T[], code: string): T {
  const found = rules.find((rule) => rule.code === code);
  if (!found) throw new Error(`no rule ${code}`);
  return found;
}

/**
 * The routing rule that takes the facts first (by priority), as the core's
 * router would among the sector's rules: a rule whose role the loaded pack
 * leaves unbound, or whose region table names no body, does not fire.
 */
export function firstRoutingRule(rules: readonly RoutingRule[], facts: AppealFacts): RoutingRule | undefined {
  return [...rules]
    .sort((a, b) => a.priority - b.priority)
    .find(
      (r) =>
        (!r.categories?.length || r.categories.includes(facts.categoryCode!)) &&
        (!r.municipalities || r.municipalities.includes(facts.municipalityCode!)) &&
        (!r.when || r.when(facts)) &&
        !('role' in r.target && bodyOfRole(r.target.role) === null) &&
        !('organizationOf' in r.target && r.target.organizationOf(facts) === null),
    );
}

export interface SectorUnderTest {
  code: string;
  categories: readonly CategoryDefinition[];
  routing?: readonly RoutingRule[];
  deadlines?: readonly DeadlineRule[];
  kpis?: readonly KpiDefinition[];
}

/**
 * Everything wrong with a sector's categories and rules against the contract:
 * at least 10 categories; codes unique and prefixed `<sector>.`; 6-15
 * keywords each; well-formed federal codes; rule and KPI codes unique and
 * prefixed; rules naming only the sector's categories and the region's
 * municipalities and bodies. Empty when all is well.
 */
export function sectorContractProblems(sector: SectorUnderTest, reference = regionReferenceCodes()): string[] {
  const problems: string[] = [];
  const prefix = `${sector.code}.`;
  const codes = sector.categories.map((c) => c.code);
  if (codes.length < 10) problems.push(`${codes.length} categories, expected at least 10`);
  if (new Set(codes).size !== codes.length) problems.push('category codes repeat');
  for (const category of sector.categories) {
    if (!new RegExp(`^${sector.code}\\.[a-z][a-z-]*$`).test(category.code)) problems.push(`${category.code}: not a code of the form ${prefix}name`);
    if (category.keywords.length < 6 || category.keywords.length > 15) problems.push(`${category.code}: ${category.keywords.length} keywords, expected 6-15`);
    if (category.federalCode && !/^\d{4}(\.\d{4}){3,4}$/.test(category.federalCode))
      problems.push(`${category.code}: malformed federal code ${category.federalCode}`);
  }
  const rules = [...(sector.routing ?? []), ...(sector.deadlines ?? []), ...(sector.kpis ?? [])];
  if (new Set(rules.map((r) => r.code)).size !== rules.length) problems.push('rule codes repeat');
  for (const rule of rules) {
    if (!rule.code.startsWith(prefix)) problems.push(`${rule.code}: a rule code not prefixed ${prefix}`);
    for (const category of rule.categories ?? []) if (!codes.includes(category)) problems.push(`${rule.code}: unknown category ${category}`);
  }
  for (const rule of sector.routing ?? []) {
    for (const m of rule.municipalities ?? []) if (!reference.municipalities.has(m)) problems.push(`${rule.code}: unknown municipality ${m}`);
    if ('organizationCode' in rule.target && !reference.organizations.has(rule.target.organizationCode)) {
      problems.push(`${rule.code}: unknown body ${rule.target.organizationCode}`);
    }
  }
  return problems;
}
