import { describe, expect, it } from 'vitest';
import type { AppealFacts } from '../../core/plugin-api/index.js';
import { roadsCategories } from './roads.categories.js';
import { roadsDetailsSchema } from './roads.details.js';
import { roadSegments } from './roads.reference-data.js';
import { roadsDeadlines, roadsKpis, roadsRouting } from './roads.rules.js';

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
  sectorCode: 'roads',
  categoryCode: null,
  municipalityCode: null,
  address: null,
  receivedAt: new Date('2026-01-15T09:00:00Z'),
  details: null,
  complainedAboutOrganizationCodes: [],
  ...overrides,
});

const codes = roadsCategories.map((c) => c.code);
const rule = (code: string) => {
  const found = roadsDeadlines.find((r) => r.code === code);
  if (!found) throw new Error(`no deadline rule ${code}`);
  return found;
};

describe('roads categories', () => {
  it('has at least 10 categories with unique, prefixed codes', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(new Set(codes).size).toBe(codes.length);
    for (const code of codes) expect(code).toMatch(/^roads\.[a-z][a-z-]*$/);
  });

  it('gives 6-15 keywords per category and well-formed federal codes', () => {
    for (const category of roadsCategories) {
      expect(category.keywords.length, category.code).toBeGreaterThanOrEqual(6);
      expect(category.keywords.length, category.code).toBeLessThanOrEqual(15);
      if (category.federalCode) expect(category.federalCode).toMatch(/^\d{4}(\.\d{4}){3,4}$/);
    }
  });
});

describe('roads rules', () => {
  it('names only its own categories, known municipalities and known bodies', () => {
    for (const r of [...roadsRouting, ...roadsDeadlines, ...roadsKpis]) {
      for (const category of r.categories ?? []) expect(codes, r.code).toContain(category);
    }
    for (const r of roadsRouting) {
      for (const m of r.municipalities ?? []) expect(MUNICIPALITIES.has(m), r.code).toBe(true);
      if ('organizationCode' in r.target) expect(ORGANIZATIONS.has(r.target.organizationCode), r.code).toBe(true);
    }
  });

  it('keeps rule codes unique and prefixed', () => {
    for (const list of [roadsRouting, roadsDeadlines, roadsKpis]) {
      const ruleCodes = list.map((r) => r.code);
      expect(new Set(ruleCodes).size).toBe(ruleCodes.length);
      for (const code of ruleCodes) expect(code.startsWith('roads.')).toBe(true);
    }
  });

  it('applies the winter snow rule in January and not in July', () => {
    const snow = rule('roads.winter-snow-clearing');
    expect(snow.answerWithin).toEqual({ hours: 24 });
    expect(snow.categories).toEqual(['roads.snow-clearing']);
    expect(snow.when?.(facts({ receivedAt: new Date('2026-01-20T06:00:00Z') }))).toBe(true);
    expect(snow.when?.(facts({ receivedAt: new Date('2026-07-20T06:00:00Z') }))).toBe(false);
  });

  it('counts the season in Moscow time: 31 October 22:00 UTC is already November', () => {
    const snow = rule('roads.winter-snow-clearing');
    expect(snow.when?.(facts({ receivedAt: new Date('2026-10-31T22:00:00Z') }))).toBe(true);
    expect(snow.when?.(facts({ receivedAt: new Date('2026-03-31T22:00:00Z') }))).toBe(false);
  });

  it('gives 4 hours to an open manhole or a collapsed bridge', () => {
    const hazard = rule('roads.hazard');
    expect(hazard.answerWithin).toEqual({ hours: 4 });
    expect(hazard.when?.(facts({ text: 'На трассе у Кокшайска открытый люк прямо на полосе' }))).toBe(true);
    expect(hazard.when?.(facts({ text: 'Мост через речку в деревне обрушился, машины ездят в объезд' }))).toBe(true);
    expect(hazard.when?.(facts({ text: 'Просим отремонтировать тротуар на улице Ленина' }))).toBe(false);
  });

  it('routes city streets to the city and federal highways to the ministry', () => {
    const sorted = [...roadsRouting].sort((a, b) => a.priority - b.priority);
    const first = (f: AppealFacts, category: string) =>
      sorted.find(
        (r) =>
          (!r.categories?.length || r.categories.includes(category)) &&
          (!r.municipalities || (f.municipalityCode !== null && r.municipalities.includes(f.municipalityCode))) &&
          (!r.when || r.when(f)),
      )?.code;
    expect(first(facts({ municipalityCode: 'yoshkar-ola', text: 'Яма на Ленинском проспекте' }), 'roads.potholes')).toBe('roads.city-streets');
    expect(first(facts({ municipalityCode: 'medvedevsky', text: 'Колея на трассе Р-176 у Медведево' }), 'roads.potholes')).toBe('roads.federal-highway');
    expect(first(facts({ municipalityCode: 'sernursky', text: 'Яма на дороге Йошкар-Ола — Сернур' }), 'roads.potholes')).toBe('roads.regional-network');
  });
});

describe('roads details', () => {
  it('accepts valid details', () => {
    const parsed = roadsDetailsSchema.safeParse({
      roadSegmentId: '3f2b9c1e-8a4d-4c6b-9e2f-1a2b3c4d5e6f',
      kilometer: 12.5,
      roadName: 'Йошкар-Ола — Козьмодемьянск',
    });
    expect(parsed.success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = roadsDetailsSchema.safeParse({ km: 3 });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue && 'keys' in issue ? issue.keys : []).toEqual(['km']);
    expect(issue?.message).toContain('km');
  });

  it('rejects a negative kilometre with an issue on that field', () => {
    const parsed = roadsDetailsSchema.safeParse({ kilometer: -1 });
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues[0]?.path).toEqual(['kilometer']);
  });
});

describe('roads reference data', () => {
  it('holds 25+ segments with unique codes, sane kilometres and both federal roads', () => {
    expect(roadSegments.length).toBeGreaterThanOrEqual(25);
    expect(new Set(roadSegments.map((s) => s.code)).size).toBe(roadSegments.length);
    for (const s of roadSegments) {
      expect(MUNICIPALITIES.has(s.municipalityCode), s.code).toBe(true);
      expect(s.kmTo, s.code).toBeGreaterThan(s.kmFrom);
    }
    const federal = new Set(roadSegments.filter((s) => s.owner === 'FEDERAL').map((s) => s.roadNumber));
    expect(federal).toEqual(new Set(['Р-176', 'А-295']));
  });
});
