import { describe, expect, it } from 'vitest';
import type { AppealFacts, RoutingRule } from '../../core/plugin-api/index.js';
import { educationCategories } from './education.categories.js';
import { educationDetailsSchema } from './education.details.js';
import { educationInstitutions } from './education.reference-data.js';
import { educationDeadlines, educationKpis, educationRouting } from './education.rules.js';

const MUNICIPALITIES = [
  'yoshkar-ola', 'volzhsk', 'kozmodemyansk', 'volzhsky', 'gornomariysky', 'zvenigovsky', 'kilemarsky',
  'kuzhenersky', 'mari-tureksky', 'medvedevsky', 'morkinsky', 'novotoryalsky', 'orshansky', 'paranginsky',
  'sernursky', 'sovetsky', 'yurinsky',
];

function facts(overrides: Partial<AppealFacts>): AppealFacts {
  return {
    channel: 'POS',
    text: '',
    sectorCode: 'education',
    categoryCode: null,
    municipalityCode: 'morkinsky',
    address: null,
    receivedAt: new Date('2026-01-15T09:00:00Z'),
    details: null,
    complainedAboutOrganizationCodes: [],
    ...overrides,
  };
}

function route(f: AppealFacts): RoutingRule | undefined {
  return [...educationRouting]
    .sort((a, b) => a.priority - b.priority)
    .find((r) => (!r.categories?.length || r.categories.includes(f.categoryCode!)) && (!r.when || r.when(f)));
}

describe('education rules', () => {
  const codes = educationCategories.map((c) => c.code);

  it('has unique, prefixed category codes with 6-15 keywords each', () => {
    expect(educationCategories.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const category of educationCategories) {
      expect(category.code).toMatch(/^education\.[a-z][a-z-]*$/);
      expect(category.keywords.length).toBeGreaterThanOrEqual(6);
      expect(category.keywords.length).toBeLessThanOrEqual(15);
    }
  });

  it('refers only to its own categories and uses unique, prefixed rule codes', () => {
    const rules = [...educationRouting, ...educationDeadlines, ...educationKpis];
    expect(new Set(rules.map((r) => r.code)).size).toBe(rules.length);
    for (const rule of rules) {
      expect(rule.code.startsWith('education.')).toBe(true);
      for (const category of rule.categories ?? []) expect(codes).toContain(category);
    }
  });

  it('routes the kindergarten queue to the municipality, and a complaint about it to the ministry', () => {
    expect(route(facts({ categoryCode: 'education.kindergarten-queue' }))?.target).toEqual({ municipalAdministration: true });
    expect(route(facts({ categoryCode: 'education.kindergarten-queue', complainedAboutOrganizationCodes: ['adm-morkinsky'] }))?.target)
      .toEqual({ organizationCode: 'min-education' });
    expect(route(facts({ categoryCode: 'education.school-meals', text: 'В столовой ГБОУ «Лицей Бауманский» холодные обеды' }))?.target)
      .toEqual({ organizationCode: 'min-education' });
  });

  it('treats cold classrooms as urgent in winter only', () => {
    const rule = educationDeadlines.find((r) => r.code === 'education.cold-classrooms')!;
    const text = 'Дети сидят на уроках в куртках, в классах +14';
    expect(rule.when!(facts({ text, receivedAt: new Date('2026-01-20T06:00:00Z') }))).toBe(true);
    expect(rule.when!(facts({ text, receivedAt: new Date('2026-07-20T06:00:00Z') }))).toBe(false);
  });
});

describe('education details', () => {
  it('accepts well-formed details', () => {
    expect(educationDetailsSchema.safeParse({ institutionId: educationInstitutions[0]!.id, childAge: 7, grade: 1 }).success)
      .toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = educationDetailsSchema.safeParse({ grade: 5, schoolNumber: 7 });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue!.code === 'unrecognized_keys' && issue!.keys).toEqual(['schoolNumber']);
    expect(issue!.message).toContain('schoolNumber');
  });

  it('rejects out-of-range age and grade with issues on those fields', () => {
    const parsed = educationDetailsSchema.safeParse({ childAge: 19, grade: 12, institutionId: 'школа 7' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues.map((i) => i.path[0]).sort()).toEqual(['childAge', 'grade', 'institutionId']);
  });
});

describe('education reference data', () => {
  it('has 25+ schools and kindergartens covering all municipalities', () => {
    expect(educationInstitutions.length).toBeGreaterThanOrEqual(25);
    expect(new Set(educationInstitutions.map((i) => i.id)).size).toBe(educationInstitutions.length);
    expect(new Set(educationInstitutions.map((i) => i.municipalityCode))).toEqual(new Set(MUNICIPALITIES));
    expect(educationInstitutions.some((i) => i.kind === 'KINDERGARTEN')).toBe(true);
    for (const i of educationInstitutions) expect(educationDetailsSchema.safeParse({ institutionId: i.id }).success).toBe(true);
  });
});
