import { describe, expect, it } from 'vitest';
import {
  appealFacts,
  regionReferenceCodes,
  sectorContractProblems,
  firstRoutingRule,
  type AppealFacts,
  type RoutingRule,
  loadPluginRegionData,
} from '../../core/plugin-api/index.js';
import { educationCategories } from './education.categories.js';
import { educationDetailsSchema } from './education.details.js';
import { educationTables } from './education.region-tables.js';
import { educationPlugin } from './index.js';
import { educationDeadlines, educationKpis, educationRouting } from './education.rules.js';

// The real reference data: the default region pack's tables, loaded as the core loads them at start.
loadPluginRegionData(educationPlugin);
const educationInstitutions = educationTables.rows('institutions');

/** The default region pack's municipalities: the reference data must cover them. */
const MUNICIPALITIES = regionReferenceCodes().municipalities;
const facts = (overrides: Partial<AppealFacts> = {}): AppealFacts => appealFacts('education', { municipalityCode: 'morkinsky', ...overrides });

const route = (f: AppealFacts): RoutingRule | undefined => firstRoutingRule(educationRouting, f);

describe('education rules', () => {
  it("keeps the sector contract: 10+ categories of 6-15 keywords, unique prefixed codes, rules naming only its categories and the region pack's municipalities and bodies", () => {
    expect(
      sectorContractProblems({
        code: 'education',
        categories: educationCategories,
        routing: educationRouting,
        deadlines: educationDeadlines,
        kpis: educationKpis,
      }),
    ).toEqual([]);
  });

  it('routes the kindergarten queue to the municipality, and a complaint about it to the ministry', () => {
    expect(route(facts({ categoryCode: 'education.kindergarten-queue' }))?.target).toEqual({ municipalAdministration: true });
    expect(route(facts({ categoryCode: 'education.kindergarten-queue', complainedAboutOrganizationCodes: ['adm-morkinsky'] }))?.target).toEqual({
      role: 'ministry-of-education',
    });
    expect(route(facts({ categoryCode: 'education.school-meals', text: 'В столовой ГБОУ «Лицей Бауманский» холодные обеды' }))?.target).toEqual({
      role: 'ministry-of-education',
    });
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
    expect(educationDetailsSchema.safeParse({ institutionId: educationInstitutions[0]!.id, childAge: 7, grade: 1 }).success).toBe(true);
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
