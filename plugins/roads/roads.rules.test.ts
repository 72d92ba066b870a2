import { describe, expect, it } from 'vitest';
import { appealFacts, regionReferenceCodes, sectorContractProblems, ruleByCode, type AppealFacts, loadPluginRegionData } from '../../core/plugin-api/index.js';
import { roadsCategories } from './roads.categories.js';
import { roadsDetailsSchema } from './roads.details.js';
import { roadsTables } from './roads.region-tables.js';
import { roadsPlugin } from './index.js';
import { roadsDeadlines, roadsKpis, roadsRouting } from './roads.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(roadsPlugin);
const roadSegments = roadsTables.rows('road-segments');

/** The default region pack's municipalities: the reference data must cover them. */
const MUNICIPALITIES = regionReferenceCodes().municipalities;
const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('roads', overrides);

const rule = (code: string) => ruleByCode(roadsDeadlines, code);

describe('roads rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(sectorContractProblems({ code: 'roads', categories: roadsCategories, routing: roadsRouting, deadlines: roadsDeadlines, kpis: roadsKpis })).toEqual(
      [],
    );
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

  it("sends a city district's streets to its administration by the pack's municipality kinds, in any region", () => {
    const cityStreets = ruleByCode(roadsRouting, 'roads.city-streets');
    expect([cityStreets.when?.(facts({ municipalityCode: 'volzhsk' })), cityStreets.when?.(facts({ municipalityCode: 'volzhsky' }))]).toEqual([true, false]);
    try {
      loadPluginRegionData(roadsPlugin, 'test/fixtures/regions/zarechye');
      expect(['lugovoy', 'berezovsky', 'volzhsk'].map((code) => cityStreets.when?.(facts({ municipalityCode: code })))).toEqual([true, false, false]);
    } finally {
      loadPluginRegionData(roadsPlugin);
    }
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
