import { describe, expect, it } from 'vitest';
import { allPlugins } from '../plugins/index.js';
import { loadRegionPack } from '../core/region/index.js';

const { municipalities: mariElMunicipalities, organizations: mariElOrganizations } = loadRegionPack('regions/mari-el');

describe('plugins against the region reference', () => {
  const organizations = new Set(mariElOrganizations.map((o) => o.code));
  const municipalities = new Set(mariElMunicipalities.map((m) => m.code));

  it('route only to organizations that exist', () => {
    for (const plugin of allPlugins) {
      for (const rule of plugin.routing ?? []) {
        if ('organizationCode' in rule.target) expect(organizations, `${rule.code}`).toContain(rule.target.organizationCode);
        for (const code of rule.municipalities ?? []) expect(municipalities, `${rule.code}`).toContain(code);
      }
    }
  });

  it('every sector has one executive body to fall back to', () => {
    for (const plugin of allPlugins) {
      const bodies = mariElOrganizations.filter((o) => o.kind === 'EXECUTIVE_BODY' && o.sectors.includes(plugin.code));
      expect(
        bodies.map((b) => b.code),
        plugin.code,
      ).toHaveLength(1);
    }
  });

  it('category codes are unique across plugins', () => {
    const codes = allPlugins.flatMap((p) => p.categories.map((c) => c.code));
    expect(new Set(codes).size).toBe(codes.length);
  });
});
