import { describe, expect, it } from 'vitest';
import { appealFacts, regionReferenceCodes, sectorContractProblems, type AppealFacts, loadPluginRegionData } from '../../core/plugin-api/index.js';
import { socialCategories } from './social.categories.js';
import { socialDetailsSchema } from './social.details.js';
import { socialTables } from './social.region-tables.js';
import { socialPlugin } from './index.js';
import { socialDeadlines, socialKpis, socialRouting } from './social.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(socialPlugin);
const socialMeasures = socialTables.rows('measures');
const socialServiceCentres = socialTables.rows('service-centres');

/** The default region pack's municipalities: the reference data must cover them. */
const MUNICIPALITIES = regionReferenceCodes().municipalities;
const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('social', overrides);

describe('social rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({ code: 'social', categories: socialCategories, routing: socialRouting, deadlines: socialDeadlines, kpis: socialKpis }),
    ).toEqual([]);
  });

  it('sends pensions to the Social Fund unless the complaint is about the Fund', () => {
    const fund = socialRouting.find((r) => r.code === 'social.social-fund');
    expect(fund?.target).toEqual({ role: 'social.social-fund' });
    expect(fund?.when?.(facts())).toBe(true);
    expect(fund?.when?.(facts({ complainedAboutOrganizationCodes: ['osfr'] }))).toBe(false);
  });

  it('routes by the measure code given in the details', () => {
    const byFund = socialRouting.find((r) => r.code === 'social.measure-by-social-fund');
    expect(byFund?.when?.(facts({ details: { measureCode: 'maternity-capital' } }))).toBe(true);
    expect(byFund?.when?.(facts({ details: { measureCode: 'social-contract' } }))).toBe(false);
  });

  it('gives 24 hours to a bedridden person left without care', () => {
    const care = socialDeadlines.find((r) => r.code === 'social.left-without-care');
    expect(care?.answerWithin).toEqual({ hours: 24 });
    expect(care?.when?.(facts({ text: 'Бабушка лежачая, соцработник не приходит вторую неделю' }))).toBe(true);
  });
});

describe('social details', () => {
  it('accepts valid details', () => {
    const parsed = socialDetailsSchema.safeParse({ measureCode: 'social-contract', snils: '123-456-789 01', childrenCount: 3 });
    expect(parsed.success).toBe(true);
  });

  it('rejects an unknown key, naming it', () => {
    const parsed = socialDetailsSchema.safeParse({ children: 3 });
    expect(parsed.success).toBe(false);
    const issue = parsed.error?.issues[0];
    expect(issue?.code).toBe('unrecognized_keys');
    expect(issue && 'keys' in issue ? issue.keys : []).toEqual(['children']);
    expect(issue?.message).toContain('children');
  });

  it('rejects a malformed SNILS and children count with issues on those fields', () => {
    const snils = socialDetailsSchema.safeParse({ snils: '12345678901' });
    expect(snils.success).toBe(false);
    expect(snils.error?.issues[0]?.path).toEqual(['snils']);
    const children = socialDetailsSchema.safeParse({ childrenCount: 21 });
    expect(children.success).toBe(false);
    expect(children.error?.issues[0]?.path).toEqual(['childrenCount']);
    const measure = socialDetailsSchema.safeParse({ measureCode: 'no-such-measure' });
    expect(measure.error?.issues[0]?.path).toEqual(['measureCode']);
  });
});

describe('social reference data', () => {
  it('holds 15+ measures and 12+ centres with unique codes', () => {
    expect(socialMeasures.length).toBeGreaterThanOrEqual(15);
    expect(socialServiceCentres.length).toBeGreaterThanOrEqual(12);
    expect(new Set(socialMeasures.map((m) => m.code)).size).toBe(socialMeasures.length);
    expect(new Set(socialServiceCentres.map((c) => c.code)).size).toBe(socialServiceCentres.length);
    const served = new Set<string>();
    for (const c of socialServiceCentres) {
      expect(MUNICIPALITIES.has(c.municipalityCode), c.code).toBe(true);
      served.add(c.municipalityCode);
      for (const m of c.alsoServes ?? []) served.add(m);
    }
    expect(served).toEqual(MUNICIPALITIES);
  });
});
