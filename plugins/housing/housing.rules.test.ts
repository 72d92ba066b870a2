import { describe, expect, it } from 'vitest';
import { appealFacts, sectorContractProblems, ruleByCode, type AppealFacts, loadPluginRegionData } from '../../core/plugin-api/index.js';
import { housingCategories } from './housing.categories.js';
import { housingDetailsSchema } from './housing.details.js';
import { housingTables } from './housing.region-tables.js';
import { housingPlugin } from './index.js';
import { housingDeadlines, housingKpis, housingRouting } from './housing.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(housingPlugin);
const managementCompanies = housingTables.rows('management-companies');
const apartmentBuildings = housingTables.rows('apartment-buildings');

const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('housing', { municipalityCode: 'yoshkar-ola', ...overrides });

const deadline = (code: string) => ruleByCode(housingDeadlines, code);

describe('housing rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({ code: 'housing', categories: housingCategories, routing: housingRouting, deadlines: housingDeadlines, kpis: housingKpis }),
    ).toEqual([]);
  });

  it('applies the heating-season deadline in January and not in July', () => {
    const rule = deadline('housing.no-heating-in-season');
    expect(rule.answerWithin).toEqual({ hours: 24 });
    expect(rule.when!(facts({ categoryCode: 'housing.heating', receivedAt: new Date('2026-01-20T10:00:00Z') }))).toBe(true);
    expect(rule.when!(facts({ categoryCode: 'housing.heating', receivedAt: new Date('2026-07-20T10:00:00Z') }))).toBe(false);
  });

  it('counts the season bounds in Moscow time', () => {
    const rule = deadline('housing.no-heating-in-season');
    // 30 September 21:30 UTC is already 1 October in Moscow.
    expect(rule.when!(facts({ receivedAt: new Date('2026-09-30T21:30:00Z') }))).toBe(true);
    expect(rule.when!(facts({ receivedAt: new Date('2026-09-30T20:30:00Z') }))).toBe(false);
    // 15 May 20:00 UTC is 15 May 23:00 in Moscow; 15 May 21:30 UTC is 16 May.
    expect(rule.when!(facts({ receivedAt: new Date('2026-05-15T20:00:00Z') }))).toBe(true);
    expect(rule.when!(facts({ receivedAt: new Date('2026-05-15T21:30:00Z') }))).toBe(false);
  });

  it('recognizes no water and danger of collapse in the text', () => {
    expect(deadline('housing.no-water').when!(facts({ text: 'Вторую неделю нет горячей воды' }))).toBe(true);
    expect(deadline('housing.no-water').when!(facts({ text: 'Горячей воды нет с понедельника' }))).toBe(true);
    expect(deadline('housing.no-water').when!(facts({ text: 'Вода ржавая, пить невозможно' }))).toBe(false);
    expect(deadline('housing.dangerous-structure').when!(facts({ text: 'В подъезде обрушился потолок' }))).toBe(true);
    expect(
      deadline('housing.emergency-situation').when!(
        facts({
          categoryCode: 'housing.emergency-housing',
          text: 'Когда нас переселят из аварийного дома?',
        }),
      ),
    ).toBe(false);
  });

  it('sends a complaint about the inspection elsewhere than the inspection', () => {
    const sorted = [...housingRouting].sort((a, b) => a.priority - b.priority);
    const f = facts({ categoryCode: 'housing.management-company', complainedAboutOrganizationCodes: ['gzhi'] });
    const first = sorted.find((r) => (!r.categories?.length || r.categories.includes(f.categoryCode!)) && (!r.when || r.when(f)));
    expect(first?.target).toEqual({ role: 'ministry-of-housing' });
  });
});

describe('housing details', () => {
  it('accepts well-formed details', () => {
    const parsed = housingDetailsSchema.safeParse({
      buildingAddress: 'г. Йошкар-Ола, ул. Панфилова, д. 37',
      apartment: '12а',
      managementCompanyInn: '1215748528',
      accountNumber: '4001234567',
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = housingDetailsSchema.safeParse({ apartment: '5', flat: '5' });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue).toBeDefined();
    expect(issue!.code === 'unrecognized_keys' && issue!.keys).toEqual(['flat']);
    expect(issue!.message).toContain('flat');
  });

  it('rejects a malformed INN with an issue on that field', () => {
    const parsed = housingDetailsSchema.safeParse({ managementCompanyInn: '12157485' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['managementCompanyInn']);
    expect(parsed.error!.issues[0]!.message).toMatch(/ИНН/);
  });
});

describe('housing reference data', () => {
  it('links every building to a known management company', () => {
    const inns = new Set(managementCompanies.map((c) => c.inn));
    expect(managementCompanies.length).toBeGreaterThanOrEqual(8);
    expect(apartmentBuildings.length).toBeGreaterThanOrEqual(30);
    for (const building of apartmentBuildings) expect(inns).toContain(building.managementCompanyInn);
    for (const company of managementCompanies) expect(housingDetailsSchema.safeParse({ managementCompanyInn: company.inn }).success).toBe(true);
  });
});
