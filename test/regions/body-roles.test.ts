/**
 * A plugin names no region: the bodies its rules route to beside its
 * responsible body are roles (`bodyRoles`, `target: { role }`) that each pack
 * binds to its own organizations, and territorial bodies (the hospital that
 * serves given municipalities) are rows of the plugin's region tables. The
 * same health and roads rules route Mari El appeals where they always went and
 * the second test pack's appeals to its own bodies; a pack leaving a required
 * role unbound is refused, an optional one just leaves its rule silent.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appealFacts, defineSectorPlugin, PLUGIN_API_VERSION, type AppealFacts, type SectorPlugin } from '../../core/plugin-api/index.js';
import { loadPackTables, loadRegionPack, type RegionPack } from '../../core/region/index.js';
import { directoryOf, refusal } from './pack-helpers.js';
import { ReferenceDirectory } from '../../core/reference/cache/reference-directory.js';
import { FALLBACK_RULE, routeAppeal } from '../../core/lifecycle/routing.service.js';
import { healthPlugin } from '../../plugins/health/index.js';
import { roadsPlugin } from '../../plugins/roads/index.js';
import { housingPlugin } from '../../plugins/housing/index.js';
import { energyPlugin } from '../../plugins/energy/index.js';
import { transportPlugin } from '../../plugins/transport/index.js';
import { educationPlugin } from '../../plugins/education/index.js';
import { wastePlugin } from '../../plugins/waste/index.js';
import { socialPlugin } from '../../plugins/social/index.js';

const ZARECHYE = 'test/fixtures/regions/zarechye';
const scratch = mkdtempSync(join(tmpdir(), 'cur-body-roles-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of a pack (same folder name) with one of its files changed. */
function packWith(source: string, file: string, change: (data: any) => any): string {
  const dir = join(scratch, Math.random().toString(36).slice(2), source.split('/').pop()!);
  cpSync(source, dir, { recursive: true });
  const path = join(dir, file);
  writeFileSync(path, JSON.stringify(change(JSON.parse(readFileSync(path, 'utf8'))), null, 2));
  return dir;
}

/** The pack loaded with the plugins' tables, and the directory routing reads (built from the pack's rows, ids = codes). */
function loaded(source: string, plugins: SectorPlugin[]): { pack: RegionPack; directory: ReferenceDirectory } {
  const pack = loadRegionPack(source);
  loadPackTables(pack, plugins);
  const directory = directoryOf(pack);
  return { pack, directory };
}

/**
 * Routes with the pack loaded before each test of the block: the plugins'
 * tables and roles are those of the pack loaded last, as in a server.
 */
function routing(
  source: string,
  plugins: SectorPlugin[] = [healthPlugin, roadsPlugin],
): (plugin: SectorPlugin) => (facts: Partial<AppealFacts>) => [string | undefined, string | undefined] {
  let directory: ReferenceDirectory;
  beforeAll(() => void ({ directory } = loaded(source, plugins)));
  return (plugin) => (facts) => {
    const decision = routeAppeal(plugin, appealFacts(plugin.code, facts), directory);
    return [decision?.organization.code, decision?.rule];
  };
}

describe('the second test pack binds the roles to its own bodies', () => {
  const route = routing(ZARECHYE);
  const health = route(healthPlugin);

  it('routes an ambulance appeal to its ambulance centre, an insurance one to its fund', () => {
    expect(health({ categoryCode: 'health.ambulance', municipalityCode: 'lugovoy' })).toEqual(['ssmp-zarechye', 'health.ambulance-station']);
    expect(health({ categoryCode: 'health.oms', municipalityCode: 'berezovsky' })).toEqual(['tfoms-zarechye', 'health.compulsory-insurance']);
  });

  it('never sends a complaint about its ambulance centre there: the ministry bound to the responsible role takes it', () => {
    expect(health({ categoryCode: 'health.ambulance', complainedAboutOrganizationCodes: ['ssmp-zarechye'] })).toEqual(['min-healthcare', FALLBACK_RULE]);
  });

  it('sends care in the municipalities its hospital-areas table lists to that hospital, elsewhere to the ministry', () => {
    expect(health({ categoryCode: 'health.dental', municipalityCode: 'tikhorechny' })).toEqual(['gbu-berezovsky-crh', 'health.territorial-hospital']);
    expect(health({ categoryCode: 'health.dental', municipalityCode: 'lugovoy' })).toEqual(['min-healthcare', FALLBACK_RULE]);
    expect(health({ categoryCode: 'health.dental', municipalityCode: 'berezovsky', complainedAboutOrganizationCodes: ['gbu-berezovsky-crh'] })).toEqual([
      'min-healthcare',
      FALLBACK_RULE,
    ]);
  });

  it('leaves the rules of an optional role it does not bind silent', () => {
    expect(health({ categoryCode: 'health.hospital-care', municipalityCode: 'lugovoy', text: 'В РКБ не принимают' })).toEqual(['min-healthcare', FALLBACK_RULE]);
    const roads = route(roadsPlugin);
    expect(roads({ categoryCode: 'roads.potholes', municipalityCode: 'berezovsky', text: 'Яма на трассе между сёлами' })).toEqual([
      'min-transport',
      FALLBACK_RULE,
    ]);
  });
});

describe('the Mari El pack keeps every appeal where it went', () => {
  const route = routing('regions/mari-el', [healthPlugin, roadsPlugin, housingPlugin, energyPlugin, transportPlugin, educationPlugin, wastePlugin, socialPlugin]);
  const health = route(healthPlugin);
  const roads = route(roadsPlugin);

  it('health: the ambulance station, the fund, the republican hospital, the hospitals of Volzhsk and Kozmodemyansk', () => {
    expect(health({ categoryCode: 'health.ambulance' })[0]).toBe('gbu-ambulance');
    expect(health({ categoryCode: 'health.paid-services' })[0]).toBe('tfoms');
    expect(health({ categoryCode: 'health.diagnostics', text: 'Очередь на МРТ в республиканской клинической больнице' })[0]).toBe('gbu-republican-hospital');
    for (const code of ['volzhsk', 'volzhsky']) expect(health({ categoryCode: 'health.children', municipalityCode: code })[0]).toBe('gbu-volzhsk-hospital');
    for (const code of ['kozmodemyansk', 'gornomariysky']) {
      expect(health({ categoryCode: 'health.vaccination', municipalityCode: code })[0]).toBe('gbu-kozmodemyansk-hospital');
    }
    expect(health({ categoryCode: 'health.drugs', municipalityCode: 'volzhsk' })[0]).toBe('min-health');
    expect(health({ categoryCode: 'health.dental', municipalityCode: 'volzhsk', complainedAboutOrganizationCodes: ['gbu-volzhsk-hospital'] })[0]).toBe(
      'min-health',
    );
  });

  it('roads: federal roads by the numbers and names of the FEDERAL segments to the ministry, regional roads to the road agency', () => {
    for (const text of ['Колея на трассе Р-176 у Медведево', 'яма на р176', 'На трассе «Вятка» нет разметки', 'А 295 в ямах']) {
      expect(roads({ categoryCode: 'roads.potholes', municipalityCode: 'medvedevsky', text }), text).toEqual(['min-transport', 'roads.federal-highway']);
    }
    expect(roads({ categoryCode: 'roads.potholes', municipalityCode: 'sernursky', text: 'Яма на дороге Йошкар-Ола — Сернур' })).toEqual([
      'gku-roads',
      'roads.regional-network',
    ]);
    expect(roads({ categoryCode: 'roads.potholes', municipalityCode: 'sernursky', text: 'Яма', complainedAboutOrganizationCodes: ['gku-roads'] })).toEqual([
      'min-transport',
      FALLBACK_RULE,
    ]);
  });

  it('housing, energy, transport: the capital repair fund, the housing inspection and the ministries, by their roles', () => {
    const housing = route(housingPlugin);
    expect(housing({ categoryCode: 'housing.capital-repair' })).toEqual(['fund-capital-repair', 'housing.capital-repair-to-fund']);
    expect(housing({ categoryCode: 'housing.roof-leak', text: 'Течёт крыша после капремонта' })[0]).toBe('fund-capital-repair');
    expect(housing({ categoryCode: 'housing.management-company' })).toEqual(['gzhi', 'housing.management-to-gzhi']);
    expect(housing({ categoryCode: 'housing.payment', complainedAboutOrganizationCodes: ['gzhi'] })).toEqual(['min-construction', 'housing.complaint-about-gzhi']);
    expect(housing({ categoryCode: 'housing.capital-repair', complainedAboutOrganizationCodes: ['fund-capital-repair'] })[0]).toBe('min-construction');
    expect(route(energyPlugin)({ categoryCode: 'energy.tariffs' })).toEqual(['min-energy', 'energy.programmes-to-ministry']);
    expect(route(transportPlugin)({ categoryCode: 'transport.taxi' })).toEqual(['min-transport', 'transport.republic-level']);
  });

  it('waste and social: the regional operator, the Social Fund and the ministries, by their roles', () => {
    const waste = route(wastePlugin);
    expect(waste({ categoryCode: 'waste.missed-pickup' })).toEqual(['regoperator-tko', 'waste.service-to-regoperator']);
    expect(waste({ categoryCode: 'waste.missed-pickup', complainedAboutOrganizationCodes: ['regoperator-tko'] })).toEqual([
      'min-natural-resources',
      'waste.complaint-about-regoperator',
    ]);
    const social = route(socialPlugin);
    expect(social({ categoryCode: 'social.pensions' })).toEqual(['osfr', 'social.social-fund']);
    expect(social({ categoryCode: 'social.pensions', complainedAboutOrganizationCodes: ['osfr'] })[0]).toBe('min-social');
    expect(route(educationPlugin)({ categoryCode: 'education.exams' })).toEqual(['min-education', 'education.regional-matters']);
  });

  it("education: a school the region founded, named as residents name it (the institutions table's regionalNames), to the ministry", () => {
    const education = route(educationPlugin);
    expect(education({ categoryCode: 'education.school-meals', municipalityCode: 'yoshkar-ola', text: 'Лицей Бауманский: холодные обеды' })).toEqual([
      'min-education',
      'education.regional-institutions',
    ]);
    expect(education({ categoryCode: 'education.school-meals', municipalityCode: 'yoshkar-ola', text: 'Школа № 5: холодные обеды' })[1]).not.toBe(
      'education.regional-institutions',
    );
  });
});

describe('a role the pack must bind', () => {
  it('refuses a pack that leaves a required body role unbound, naming the file, the field, the role and the plugin', () => {
    const dir = packWith(ZARECHYE, 'organizations.json', (rows) => rows.map((o: any) => ({ ...o, roles: (o.roles ?? []).filter((r: string) => r !== 'health.ambulance') })));
    const error = refusal(() => loadPackTables(loadRegionPack(dir), [healthPlugin]));
    expect([error.file.endsWith('zarechye/organizations.json'), error.row, error.field]).toEqual([true, undefined, 'roles']);
    expect(error.problem).toBe(
      'no organization takes the role "health.ambulance" (Станция (центр) скорой медицинской помощи региона) that the health plugin declares for a body its rules route to; add it to that body\'s roles',
    );
  });

  it('refuses a body role taken twice, naming the second row', () => {
    const dir = packWith(ZARECHYE, 'organizations.json', (rows) => rows.map((o: any) => (o.code === 'tfoms-zarechye' ? { ...o, roles: ['health.ambulance'] } : o)));
    const pack = loadRegionPack(dir);
    const error = refusal(() => loadPackTables(pack, [healthPlugin]));
    const second = pack.organizations.findIndex((o) => o.code === 'tfoms-zarechye') + 1;
    expect([error.row, error.field]).toEqual([second, 'roles']);
  });

  it('refuses a hospital-areas row naming a municipality the pack lacks, with its row and field', () => {
    const dir = packWith(ZARECHYE, 'sectors/health/hospital-areas.json', (rows) => [{ ...rows[0], municipalityCodes: ['berezovsky', 'atlantis'] }]);
    const error = refusal(() => loadPackTables(loadRegionPack(dir), [healthPlugin]));
    expect([error.file.endsWith('sectors/health/hospital-areas.json'), error.row, error.field]).toEqual([true, 1, 'municipalityCodes']);
  });

  it('refuses, when the plugin is declared, a rule targeting a role it does not declare, and a body role outside its code', () => {
    const base = { code: 'parks', name: { ru: 'Парки', en: 'Parks' }, apiVersion: PLUGIN_API_VERSION, categories: [] };
    const rule = { code: 'parks.x', description: 'x', priority: 1, target: { role: 'parks.keeper' } };
    expect(() => defineSectorPlugin({ ...base, routing: [rule] })).toThrow(/targets the role "parks.keeper", which the plugin does not declare/);
    expect(() => defineSectorPlugin({ ...base, bodyRoles: [{ role: 'parks.keeper', name: 'Смотритель' }], routing: [rule] })).not.toThrow();
    expect(() => defineSectorPlugin({ ...base, bodyRoles: [{ role: 'keeper', name: 'Смотритель' }] })).toThrow(/must be "parks." \+ lowercase latin/);
  });
});

describe('the demo announcements are data of the pack', () => {
  it('Mari El lists its own; the second pack none', () => {
    expect(loadRegionPack('regions/mari-el').demo.announcements.map((a) => [a.kind, a.municipalityCode])).toEqual([
      ['OUTAGE', 'kozmodemyansk'],
      ['WORKS', 'yoshkar-ola'],
    ]);
    expect(loadRegionPack(ZARECHYE).demo.announcements).toEqual([]);
  });

  it('refuses an announcement addressed to a municipality the pack lacks, or of an unknown kind, with its row and field', () => {
    const listed = JSON.parse(readFileSync('regions/mari-el/demo-announcements.json', 'utf8'));
    const unknownPlace = packWith('regions/mari-el', 'demo-announcements.json', () => [listed[0], { ...listed[1], municipalityCode: 'atlantis' }]);
    expect([refusal(() => loadRegionPack(unknownPlace)).row, refusal(() => loadRegionPack(unknownPlace)).field]).toEqual([2, 'municipalityCode']);
    const unknownKind = packWith('regions/mari-el', 'demo-announcements.json', () => [{ ...listed[0], kind: 'PARADE' }]);
    expect(refusal(() => loadRegionPack(unknownKind)).message).toBe(
      'regions/mari-el/demo-announcements.json: row 1, field kind: expected one of OUTAGE, WORKS, EMERGENCY, INFO'.replace('regions/mari-el', unknownKind),
    );
  });
});
