import { describe, expect, it } from 'vitest';
import { appealFacts, regionReferenceCodes, sectorContractProblems, ruleByCode, type AppealFacts, loadPluginRegionData } from '../../core/plugin-api/index.js';
import { transportCategories } from './transport.categories.js';
import { transportDetailsSchema } from './transport.details.js';
import { transportTables } from './transport.region-tables.js';
import { transportPlugin } from './index.js';
import { transportDeadlines, transportKpis, transportRouting } from './transport.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(transportPlugin);
const transportCarriers = transportTables.rows('carriers');
const busRoutes = transportTables.rows('bus-routes');

/** The default region pack's municipalities: the reference data must cover them. */
const MUNICIPALITIES = regionReferenceCodes().municipalities;
const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('transport', overrides);

const rule = (code: string) => ruleByCode(transportDeadlines, code);

describe('transport rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({
        code: 'transport',
        categories: transportCategories,
        routing: transportRouting,
        deadlines: transportDeadlines,
        kpis: transportKpis,
      }),
    ).toEqual([]);
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
