/**
 * A sector plugin declares the role of its responsible body; each region pack
 * binds the role to one of its organizations. The ninth sector
 * (test/fixtures/plugins/culture) routes to its own ministry through that role
 * in the Mari El pack (a copy that adds the body taking it) and in the second
 * test pack; a pack that leaves the role unbound is refused on load, naming
 * the file, the field, the role and the plugin.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { appealFacts, type SectorPlugin } from '../../core/plugin-api/index.js';
import { loadPackTables, loadRegionPack, type RegionPack } from '../../core/region/index.js';
import { directoryOf, refusal } from './pack-helpers.js';
import { FALLBACK_RULE, routeAppeal } from '../../core/lifecycle/routing.service.js';
import { allPlugins } from '../../plugins/index.js';
import { culturePlugin } from '../fixtures/plugins/culture/index.js';

const scratch = mkdtempSync(join(tmpdir(), 'cur-role-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** A copy of the default pack (its folder named mari-el) whose organizations.json is changed. */
function mariElWith(change: (rows: any[]) => any[]): string {
  const dir = join(scratch, `${Math.random().toString(36).slice(2)}`, 'mari-el');
  cpSync('regions/mari-el', dir, { recursive: true });
  const file = join(dir, 'organizations.json');
  writeFileSync(file, JSON.stringify(change(JSON.parse(readFileSync(file, 'utf8'))), null, 2));
  return dir;
}

/** Where an appeal of the sector goes when no routing rule of the plugin places it. */
function fallbackOf(plugin: SectorPlugin, pack: RegionPack, municipalityCode: string) {
  const decision = routeAppeal(plugin, appealFacts(plugin.code, { municipalityCode, categoryCode: `${plugin.code}.unmatched` }), directoryOf(pack));
  return decision && { organization: decision.organization.code, rule: decision.rule };
}

const MINISTRY = {
  code: 'min-culture', name: 'Министерство культуры, печати и по делам национальностей Республики Марий Эл', shortName: 'Минкультуры Марий Эл',
  kind: 'EXECUTIVE_BODY', roles: ['ministry-of-culture'],
};

describe("the ninth sector's responsible body, by the role it declares", () => {
  it('routes to the ministry the second pack binds to the role (which lists no sector)', () => {
    const pack = loadRegionPack('test/fixtures/regions/zarechye');
    expect(() => loadPackTables(pack, [culturePlugin])).not.toThrow();
    expect(pack.organizations.find((o) => o.code === 'min-culture')?.sectors).toEqual([]);
    expect(fallbackOf(culturePlugin, pack, 'lugovoy')).toEqual({ organization: 'min-culture', rule: FALLBACK_RULE });
  });

  it('routes to the ministry the Mari El pack binds to the role, beside the eight sectors', () => {
    const pack = loadRegionPack(mariElWith((rows) => [...rows, MINISTRY]));
    expect(() => loadPackTables(pack, [...allPlugins, culturePlugin])).not.toThrow();
    expect(fallbackOf(culturePlugin, pack, 'yoshkar-ola')).toEqual({ organization: 'min-culture', rule: FALLBACK_RULE });
  });

  it('refuses a pack that leaves the declared role unbound: the default Mari El pack has no culture ministry', () => {
    const pack = loadRegionPack('regions/mari-el');
    expect(() => loadPackTables(pack, allPlugins)).not.toThrow();
    const error = refusal(() => loadPackTables(pack, [...allPlugins, culturePlugin]));
    expect(error.message).toBe(
      'regions/mari-el/organizations.json: field roles: no organization takes the role "ministry-of-culture" (Министерство культуры) ' +
        "that the culture plugin declares for its responsible body; add it to that body's roles",
    );
  });

  it('refuses a role taken by two organizations, naming the second row', () => {
    const dir = mariElWith((rows) => [...rows, MINISTRY, { ...MINISTRY, code: 'min-culture-2' }]);
    const pack = loadRegionPack(dir);
    const error = refusal(() => loadPackTables(pack, [culturePlugin]));
    expect([error.row, error.field]).toEqual([pack.organizations.length, 'roles']);
    expect(error.problem).toBe(`role "ministry-of-culture" is already taken by row ${pack.organizations.length - 1}; one organization takes a role`);
  });
});

describe('the Mari El sectors keep their responsible bodies', () => {
  const pack = loadRegionPack('regions/mari-el');
  const TODAY: Record<string, string> = {
    housing: 'min-construction', waste: 'min-natural-resources', energy: 'min-energy', education: 'min-education',
    health: 'min-health', roads: 'min-transport', transport: 'min-transport', social: 'min-social',
  };
  it.each(allPlugins.map((plugin) => [plugin.code, plugin] as const))('%s falls back to the same body as before', (code, plugin) => {
    // Without its rules, so that every appeal of the sector takes the fallback.
    expect(fallbackOf({ ...plugin, routing: [] }, pack, 'yoshkar-ola')).toEqual({ organization: TODAY[code], rule: FALLBACK_RULE });
  });
});
