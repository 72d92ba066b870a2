import { describe, expect, it } from 'vitest';
import { appealFacts, sectorContractProblems, ruleByCode, type AppealFacts, loadPluginRegionData } from '../../core/plugin-api/index.js';
import { energyCategories } from './energy.categories.js';
import { energyDetailsSchema } from './energy.details.js';
import { energyTables } from './energy.region-tables.js';
import { energyPlugin } from './index.js';
import { energyDeadlines, energyKpis, energyRouting } from './energy.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(energyPlugin);
const energyCompanies = energyTables.rows('companies');

const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('energy', { municipalityCode: 'sernursky', ...overrides });

const deadline = (code: string) => ruleByCode(energyDeadlines, code);

describe('energy rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({ code: 'energy', categories: energyCategories, routing: energyRouting, deadlines: energyDeadlines, kpis: energyKpis }),
    ).toEqual([]);
  });

  it('gives a power outage 12 hours and a smell of gas 1 hour', () => {
    expect(deadline('energy.power-outage-12h').answerWithin).toEqual({ hours: 12 });
    const gas = deadline('energy.gas-smell');
    expect(gas.answerWithin).toEqual({ hours: 1 });
    expect(gas.when!(facts({ categoryCode: 'energy.gas-supply', text: 'В подъезде сильно пахнет газом' }))).toBe(true);
    expect(gas.when!(facts({ categoryCode: 'energy.gas-supply', text: 'Газом воняет у колонки' }))).toBe(true);
    expect(gas.when!(facts({ categoryCode: 'energy.gas-leak', text: 'Срочно!' }))).toBe(true);
    expect(gas.when!(facts({ categoryCode: 'energy.gasification', text: 'Когда подведут газ к дому?' }))).toBe(false);
  });

  it('applies the no-gas rule in the heating season only', () => {
    const rule = deadline('energy.no-gas-in-heating-season');
    const text = 'Третий день нет газа, котел не работает';
    expect(rule.when!(facts({ text, receivedAt: new Date('2026-01-15T09:00:00Z') }))).toBe(true);
    expect(rule.when!(facts({ text, receivedAt: new Date('2026-07-15T09:00:00Z') }))).toBe(false);
  });
});

describe('energy details', () => {
  it('accepts well-formed details', () => {
    expect(energyDetailsSchema.safeParse({ meterNumber: '011552148', accountNumber: '120045781', supplierInn: '1215696975' }).success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = energyDetailsSchema.safeParse({ meterNo: '011552148' });
    expect(parsed.success).toBe(false);
    const issue = parsed.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue!.code === 'unrecognized_keys' && issue!.keys).toEqual(['meterNo']);
    expect(issue!.message).toContain('meterNo');
  });

  it('rejects a malformed INN with an issue on that field', () => {
    const parsed = energyDetailsSchema.safeParse({ supplierInn: '12-15-696975' });
    expect(parsed.success).toBe(false);
    expect(parsed.error!.issues[0]!.path).toEqual(['supplierInn']);
    expect(parsed.error!.issues[0]!.message).toMatch(/ИНН/);
  });
});

describe('energy reference data', () => {
  it('names grid, electricity and gas companies', () => {
    const kinds = new Set(energyCompanies.map((c) => c.kind));
    for (const kind of ['GRID', 'ELECTRICITY_SUPPLIER', 'GAS_DISTRIBUTION', 'GAS_SUPPLIER'] as const) expect(kinds).toContain(kind);
    for (const company of energyCompanies) {
      if (company.inn) expect(energyDetailsSchema.safeParse({ supplierInn: company.inn }).success).toBe(true);
    }
  });
});
