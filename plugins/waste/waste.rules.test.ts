import { describe, expect, it } from 'vitest';
import {
  appealFacts,
  sectorContractProblems,
  firstRoutingRule,
  type AppealFacts,
  type RoutingRule,
  loadPluginRegionData,
} from '../../core/plugin-api/index.js';
import { wasteCategories } from './waste.categories.js';
import { wasteDetailsSchema } from './waste.details.js';
import { wasteTables } from './waste.region-tables.js';
import { wastePlugin } from './index.js';
import { wasteDeadlines, wasteKpis, wasteRouting } from './waste.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(wastePlugin);
const containerSites = wasteTables.rows('container-sites');

const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('waste', { municipalityCode: 'medvedevsky', ...overrides });

const route = (f: AppealFacts): RoutingRule | undefined => firstRoutingRule(wasteRouting, f);

describe('waste rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(sectorContractProblems({ code: 'waste', categories: wasteCategories, routing: wasteRouting, deadlines: wasteDeadlines, kpis: wasteKpis })).toEqual(
      [],
    );
  });

  it('gives a missed pickup three calendar days', () => {
    const rule = wasteDeadlines.find((r) => r.code === 'waste.missed-pickup-3-days');
    expect(rule?.categories).toEqual(['waste.missed-pickup']);
    expect(rule?.answerWithin).toEqual({ calendarDays: 3 });
  });

  it('routes the service to the regional operator, dumps and new sites to the municipality', () => {
    expect(route(facts({ categoryCode: 'waste.missed-pickup' }))?.target).toEqual({ role: 'waste.regional-operator' });
    expect(route(facts({ categoryCode: 'waste.illegal-dump' }))?.target).toEqual({ municipalAdministration: true });
    expect(route(facts({ categoryCode: 'waste.container-site', text: 'Просим обустроить новую площадку у дома 5' }))?.target).toEqual({
      municipalAdministration: true,
    });
    expect(route(facts({ categoryCode: 'waste.missed-pickup', complainedAboutOrganizationCodes: ['regoperator-tko'] }))?.target).toEqual({
      role: 'ministry-of-waste-management',
    });
  });
});

describe('waste details', () => {
  it('accepts well-formed details', () => {
    expect(
      wasteDetailsSchema.safeParse({
        containerSiteId: containerSites[0]!.id,
        containerSiteAddress: containerSites[0]!.address,
        pickupDate: '2026-03-01',
      }).success,
    ).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = wasteDetailsSchema.safeParse({ pickupDate: '2026-03-01', siteId: 'x' });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue!.code === 'unrecognized_keys' && issue!.keys).toEqual(['siteId']);
    expect(issue!.message).toContain('siteId');
  });

  it('rejects a malformed site id and date with issues on those fields', () => {
    const parsed = wasteDetailsSchema.safeParse({ containerSiteId: '12345', pickupDate: '01.03.2026' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path)).toEqual([['containerSiteId'], ['pickupDate']]);
  });
});

describe('waste reference data', () => {
  it('has 30+ container sites with unique valid ids near Mari El', () => {
    expect(containerSites.length).toBeGreaterThanOrEqual(30);
    expect(new Set(containerSites.map((s) => s.id)).size).toBe(containerSites.length);
    for (const site of containerSites) {
      expect(wasteDetailsSchema.safeParse({ containerSiteId: site.id }).success).toBe(true);
      expect(site.lat).toBeGreaterThan(55.7);
      expect(site.lat).toBeLessThan(57.4);
      expect(site.lon).toBeGreaterThan(45.6);
      expect(site.lon).toBeLessThan(50.2);
    }
  });
});
