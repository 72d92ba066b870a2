import { describe, expect, it } from 'vitest';
import { appealFacts, loadPluginRegionData, regionReferenceCodes, ruleByCode, sectorContractProblems, type AppealFacts } from '../../core/plugin-api/index.js';
import { healthPlugin } from './index.js';
import { healthCategories } from './health.categories.js';
import { healthDetailsSchema } from './health.details.js';
import { healthTables } from './health.region-tables.js';
import { healthDeadlines, healthKpis, healthRouting } from './health.rules.js';

// The real reference data: the default region pack, loaded as the core loads it at start.
loadPluginRegionData(healthPlugin);
const { municipalities: MUNICIPALITIES, organizations: ORGANIZATIONS } = regionReferenceCodes();
const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('health', overrides);
const rule = (code: string) => ruleByCode(healthDeadlines, code);

describe('health categories and rules', () => {
  it("keep the sector contract: categories, keywords, rule codes, and only the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({ code: 'health', categories: healthCategories, routing: healthRouting, deadlines: healthDeadlines, kpis: healthKpis }),
    ).toEqual([]);
  });
});

describe('health rules', () => {
  it('gives 4 hours when the ambulance does not come', () => {
    const r = rule('health.ambulance-not-arriving');
    expect(r.answerWithin).toEqual({ hours: 4 });
    expect(r.when?.(facts({ text: 'Вызвали скорую к отцу, ждали полтора часа, так никто и не приехал' }))).toBe(true);
    expect(r.when?.(facts({ text: 'Фельдшер скорой был груб с моей мамой' }))).toBe(false);
  });

  it('never sends a complaint about the ambulance station to the station', () => {
    const station = ruleByCode(healthRouting, 'health.ambulance-station');
    expect(station?.when?.(facts())).toBe(true);
    expect(station?.when?.(facts({ complainedAboutOrganizationCodes: ['gbu-ambulance'] }))).toBe(false);
  });
});

describe('health details', () => {
  it('accepts valid details', () => {
    const parsed = healthDetailsSchema.safeParse({
      medicalOrganizationId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
      policyNumber: '1234567890123456',
      specialty: 'терапевт',
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = healthDetailsSchema.safeParse({ polisNumber: '1234567890123456' });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue && 'keys' in issue ? issue.keys : []).toEqual(['polisNumber']);
    expect(issue?.message).toContain('polisNumber');
  });

  it('rejects a malformed policy number with an issue on that field', () => {
    const parsed = healthDetailsSchema.safeParse({ policyNumber: '12345' });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['policyNumber']);
    expect(parsed.error?.issues[0]?.message).toMatch(/16 цифр/);
  });
});

describe('health reference data', () => {
  it('holds 20+ organizations with unique codes in known municipalities', () => {
    const medicalOrganizations = healthTables.rows('medical-organizations');
    expect(medicalOrganizations.length).toBeGreaterThanOrEqual(20);
    expect(new Set(medicalOrganizations.map((o) => o.code)).size).toBe(medicalOrganizations.length);
    for (const o of medicalOrganizations) {
      expect(MUNICIPALITIES.has(o.municipalityCode), o.code).toBe(true);
      if (o.organizationCode) expect(ORGANIZATIONS.has(o.organizationCode), o.code).toBe(true);
    }
  });
});
