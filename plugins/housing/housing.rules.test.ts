import { describe, expect, it } from 'vitest';
import type { AppealFacts } from '../../core/plugin-api/index.js';
import { housingCategories } from './housing.categories.js';
import { housingDetailsSchema } from './housing.details.js';
import { apartmentBuildings, managementCompanies } from './housing.reference-data.js';
import { housingDeadlines, housingKpis, housingRouting } from './housing.rules.js';

function facts(overrides: Partial<AppealFacts>): AppealFacts {
  return {
    channel: 'POS',
    text: '',
    sectorCode: 'housing',
    categoryCode: null,
    municipalityCode: 'yoshkar-ola',
    address: null,
    receivedAt: new Date('2026-01-15T09:00:00Z'),
    details: null,
    complainedAboutOrganizationCodes: [],
    ...overrides,
  };
}

const deadline = (code: string) => {
  const rule = housingDeadlines.find((r) => r.code === code);
  if (!rule) throw new Error(`no deadline rule ${code}`);
  return rule;
};

describe('housing rules', () => {
  const codes = housingCategories.map((c) => c.code);

  it('has unique, prefixed category codes with 6-15 keywords each', () => {
    expect(housingCategories.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of housingCategories) {
      expect(category.code).toMatch(/^housing\.[a-z][a-z-]*$/);
      expect(category.keywords.length).toBeGreaterThanOrEqual(6);
      expect(category.keywords.length).toBeLessThanOrEqual(15);
      if (category.federalCode) expect(category.federalCode).toMatch(/^\d{4}(\.\d{4}){3,4}$/);
    }
  });

  it('refers only to its own categories and uses unique, prefixed rule codes', () => {
    const ruleCodes = [...housingRouting, ...housingDeadlines, ...housingKpis].map((r) => r.code);
    expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
    for (const rule of [...housingRouting, ...housingDeadlines, ...housingKpis]) {
      expect(rule.code.startsWith('housing.')).toBe(true);
      for (const category of rule.categories ?? []) expect(codes).toContain(category);
    }
  });

  it('targets only the organizations the core seeds', () => {
    for (const rule of housingRouting) {
      if ('organizationCode' in rule.target) {
        expect(['gzhi', 'min-construction', 'fund-capital-repair']).toContain(rule.target.organizationCode);
      }
    }
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
    expect(deadline('housing.emergency-situation').when!(facts({
      categoryCode: 'housing.emergency-housing', text: 'Когда нас переселят из аварийного дома?',
    }))).toBe(false);
  });

  it('sends a complaint about the inspection elsewhere than the inspection', () => {
    const sorted = [...housingRouting].sort((a, b) => a.priority - b.priority);
    const f = facts({ categoryCode: 'housing.management-company', complainedAboutOrganizationCodes: ['gzhi'] });
    const first = sorted.find((r) =>
      (!r.categories?.length || r.categories.includes(f.categoryCode!)) && (!r.when || r.when(f)));
    expect(first?.target).toEqual({ organizationCode: 'min-construction' });
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
