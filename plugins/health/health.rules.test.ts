import { describe, expect, it } from 'vitest';
import type { AppealFacts } from '../../core/plugin-api/index.js';
import { healthCategories } from './health.categories.js';
import { healthDetailsSchema } from './health.details.js';
import { medicalOrganizations } from './health.reference-data.js';
import { healthDeadlines, healthKpis, healthRouting } from './health.rules.js';

const MUNICIPALITIES = new Set([
  'yoshkar-ola',
  'volzhsk',
  'kozmodemyansk',
  'volzhsky',
  'gornomariysky',
  'zvenigovsky',
  'kilemarsky',
  'kuzhenersky',
  'mari-tureksky',
  'medvedevsky',
  'morkinsky',
  'novotoryalsky',
  'orshansky',
  'paranginsky',
  'sernursky',
  'sovetsky',
  'yurinsky',
]);
const ORGANIZATIONS = new Set([
  'min-health',
  'min-transport',
  'gku-roads',
  'min-social',
  'tfoms',
  'gbu-ambulance',
  'gbu-republican-hospital',
  'gbu-kozmodemyansk-hospital',
  'gbu-volzhsk-hospital',
  'osfr',
]);

const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => ({
  channel: 'POS',
  text: '',
  sectorCode: 'health',
  categoryCode: null,
  municipalityCode: null,
  address: null,
  receivedAt: new Date('2026-01-15T09:00:00Z'),
  details: null,
  complainedAboutOrganizationCodes: [],
  ...overrides,
});

const codes = healthCategories.map((c) => c.code);
const rule = (code: string) => {
  const found = healthDeadlines.find((r) => r.code === code);
  if (!found) throw new Error(`no deadline rule ${code}`);
  return found;
};

describe('health categories', () => {
  it('has at least 10 categories with unique, prefixed codes', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^health\.[a-z][a-z-]*$/);
  });

  it('gives 6-15 keywords per category and well-formed federal codes', () => {
    for (const category of healthCategories) {
      expect(category.keywords.length, category.code).toBeGreaterThanOrEqual(6);
      expect(category.keywords.length, category.code).toBeLessThanOrEqual(15);
      if (category.federalCode) expect(category.federalCode).toMatch(/^\d{4}(\.\d{4}){3,4}$/);
    }
  });
});

describe('health rules', () => {
  it('names only its own categories, known municipalities and known bodies', () => {
    for (const r of [...healthRouting, ...healthDeadlines, ...healthKpis]) {
      for (const category of r.categories ?? []) expect(codes, r.code).toContain(category);
    }
    for (const r of healthRouting) {
      for (const m of r.municipalities ?? []) expect(MUNICIPALITIES.has(m), r.code).toBe(true);
      if ('organizationCode' in r.target) expect(ORGANIZATIONS.has(r.target.organizationCode), r.code).toBe(true);
    }
  });

  it('keeps rule codes unique and prefixed', () => {
    for (const list of [healthRouting, healthDeadlines, healthKpis]) {
      const ruleCodes = list.map((r) => r.code);
      expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
      for (const code of ruleCodes) expect(code.startsWith('health.')).toBe(true);
    }
  });

  it('gives 4 hours when the ambulance does not come', () => {
    const r = rule('health.ambulance-not-arriving');
    expect(r.answerWithin).toEqual({ hours: 4 });
    expect(r.when?.(facts({ text: 'Вызвали скорую к отцу, ждали полтора часа, так никто и не приехал' }))).toBe(true);
    expect(r.when?.(facts({ text: 'Фельдшер скорой был груб с моей мамой' }))).toBe(false);
  });

  it('never sends a complaint about the ambulance station to the station', () => {
    const station = healthRouting.find((r) => r.code === 'health.ambulance-station');
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
    expect(medicalOrganizations.length).toBeGreaterThanOrEqual(20);
    expect(new Set(medicalOrganizations.map((o) => o.code)).size).toBe(medicalOrganizations.length);
    for (const o of medicalOrganizations) {
      expect(MUNICIPALITIES.has(o.municipalityCode), o.code).toBe(true);
      if (o.organizationCode) expect(ORGANIZATIONS.has(o.organizationCode), o.code).toBe(true);
    }
  });
});
