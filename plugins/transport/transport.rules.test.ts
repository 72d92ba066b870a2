import { describe, expect, it } from 'vitest';
import type { AppealFacts } from '../../core/plugin-api/index.js';
import { transportCategories } from './transport.categories.js';
import { transportDetailsSchema } from './transport.details.js';
import { busRoutes, transportCarriers } from './transport.reference-data.js';
import { transportDeadlines, transportKpis, transportRouting } from './transport.rules.js';

const MUNICIPALITIES = new Set([
  'yoshkar-ola', 'volzhsk', 'kozmodemyansk', 'volzhsky', 'gornomariysky', 'zvenigovsky', 'kilemarsky',
  'kuzhenersky', 'mari-tureksky', 'medvedevsky', 'morkinsky', 'novotoryalsky', 'orshansky', 'paranginsky',
  'sernursky', 'sovetsky', 'yurinsky',
]);
const ORGANIZATIONS = new Set([
  'min-health', 'min-transport', 'gku-roads', 'min-social', 'tfoms', 'gbu-ambulance',
  'gbu-republican-hospital', 'gbu-kozmodemyansk-hospital', 'gbu-volzhsk-hospital', 'osfr',
]);

const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => ({
  channel: 'POS',
  text: '',
  sectorCode: 'transport',
  categoryCode: null,
  municipalityCode: null,
  address: null,
  receivedAt: new Date('2026-01-15T09:00:00Z'),
  details: null,
  complainedAboutOrganizationCodes: [],
  ...overrides,
});

const codes = transportCategories.map((c) => c.code);
const rule = (code: string) => {
  const found = transportDeadlines.find((r) => r.code === code);
  if (!found) throw new Error(`no deadline rule ${code}`);
  return found;
};

describe('transport categories', () => {
  it('has at least 10 categories with unique, prefixed codes', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^transport\.[a-z][a-z-]*$/);
  });

  it('gives 6-15 keywords per category and well-formed federal codes', () => {
    for (const category of transportCategories) {
      expect(category.keywords.length, category.code).toBeGreaterThanOrEqual(6);
      expect(category.keywords.length, category.code).toBeLessThanOrEqual(15);
      if (category.federalCode) expect(category.federalCode).toMatch(/^\d{4}(\.\d{4}){3,4}$/);
    }
  });
});

describe('transport rules', () => {
  it('names only its own categories, known municipalities and known bodies', () => {
    for (const r of [...transportRouting, ...transportDeadlines, ...transportKpis]) {
      for (const category of r.categories ?? []) expect(codes, r.code).toContain(category);
    }
    for (const r of transportRouting) {
      for (const m of r.municipalities ?? []) expect(MUNICIPALITIES.has(m), r.code).toBe(true);
      if ('organizationCode' in r.target) expect(ORGANIZATIONS.has(r.target.organizationCode), r.code).toBe(true);
    }
  });

  it('keeps rule codes unique and prefixed', () => {
    for (const list of [transportRouting, transportDeadlines, transportKpis]) {
      const ruleCodes = list.map((r) => r.code);
      expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
      for (const code of ruleCodes) expect(code.startsWith('transport.')).toBe(true);
    }
  });

  it('gives 3 days when a cancelled route leaves a village without transport', () => {
    const cutOff = rule('transport.village-cut-off');
    expect(cutOff.answerWithin).toEqual({ calendarDays: 3 });
    expect(cutOff.when?.(facts({ municipalityCode: 'kilemarsky', text: 'Автобус на Килемары отменили' }))).toBe(true);
    expect(cutOff.when?.(facts({ text: 'Сняли единственный рейс до нашей деревни' }))).toBe(true);
    expect(cutOff.when?.(facts({ municipalityCode: 'yoshkar-ola', text: 'Отменили маршрут 26 до Сомбатхея' }))).toBe(false);
  });

  it('sends suburban and intercity route numbers to the ministry', () => {
    const regional = transportRouting.find((r) => r.code === 'transport.regional-route');
    expect(regional?.when?.(facts({ details: { routeNumber: '104к' } }))).toBe(true);
    expect(regional?.when?.(facts({ details: { routeNumber: '26' } }))).toBe(false);
  });
});

describe('transport details', () => {
  it('accepts valid details and normalises the plate', () => {
    const parsed = transportDetailsSchema.safeParse({
      routeNumber: '104к',
      stopName: 'Автовокзал',
      vehicleNumber: 'а 123 вс 12',
      tripTime: '2026-03-14T08:30:00+03:00',
    });
    expect(parsed.success).toBe(true);
    expect(parsed.data?.vehicleNumber).toBe('А123ВС12');
    expect(transportDetailsSchema.safeParse({ vehicleNumber: 'АВ 123 12' }).success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = transportDetailsSchema.safeParse({ route: '12' });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue && 'keys' in issue ? issue.keys : []).toEqual(['route']);
    expect(issue?.message).toContain('route');
  });

  it('rejects a malformed plate and trip time with issues on those fields', () => {
    const plate = transportDetailsSchema.safeParse({ vehicleNumber: 'ABC-123' });
    expect(plate.success).toBe(false);
    expect(plate.error?.issues[0]?.path).toEqual(['vehicleNumber']);
    const time = transportDetailsSchema.safeParse({ tripTime: '14.03.2026 8:30' });
    expect(time.success).toBe(false);
    expect(time.error?.issues[0]?.path).toEqual(['tripTime']);
  });
});

describe('transport reference data', () => {
  it('holds 8+ carriers and 30+ routes with known carriers and municipalities', () => {
    expect(transportCarriers.length).toBeGreaterThanOrEqual(8);
    expect(busRoutes.length).toBeGreaterThanOrEqual(30);
    const carriers = new Set(transportCarriers.map((c) => c.code));
    expect(new Set(busRoutes.map((r) => r.code)).size).toBe(busRoutes.length);
    for (const r of busRoutes) {
      expect(carriers.has(r.carrierCode), r.code).toBe(true);
      expect(MUNICIPALITIES.has(r.municipalityCode), r.code).toBe(true);
      expect(transportDetailsSchema.safeParse({ routeNumber: r.number }).success, r.code).toBe(true);
    }
  });

  it('never gives a city route the number of a suburban or intercity one', () => {
    const regional = new Set(busRoutes.filter((r) => r.kind !== 'CITY').map((r) => r.number));
    for (const r of busRoutes.filter((r) => r.kind === 'CITY')) expect(regional.has(r.number), r.code).toBe(false);
  });
});
