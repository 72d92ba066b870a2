import { describe, expect, it } from 'vitest';
import { MunicipalityKind, OrganizationKind } from '../../core/reference/index.js';
import { loadRegionPack } from '../../core/region/index.js';
import { allPlugins } from '../../plugins/index.js';

/** The default pack, regions/mari-el: the data that was TypeScript in core/reference before, checked as then. */
const pack = loadRegionPack('regions/mari-el');
const mariElMunicipalities = pack.municipalities;
const mariElOrganizations = pack.organizations;
const SECTOR_CODES = allPlugins.map((plugin) => plugin.code);

const normalise = (name: string): string => name.toLowerCase().replace(/ё/g, 'е').replace(/ъ/g, 'ь');

describe('Mari El municipalities', () => {
  it('has the 17 municipalities: 3 city districts and 14 districts', () => {
    expect(mariElMunicipalities).toHaveLength(17);
    expect(mariElMunicipalities.filter((m) => m.kind === MunicipalityKind.CITY_DISTRICT)).toHaveLength(3);
    expect(mariElMunicipalities.filter((m) => m.kind === MunicipalityKind.MUNICIPAL_DISTRICT)).toHaveLength(14);
  });

  it('has unique codes', () => {
    const codes = mariElMunicipalities.map((m) => m.code);
    expect(new Set(codes).size).toBe(codes.length);
  });

  it('totals about 670,000 residents', () => {
    const total = mariElMunicipalities.reduce((sum, m) => sum + m.population, 0);
    expect(total).toBeGreaterThan(600_000);
    expect(total).toBeLessThan(720_000);
  });

  it('names every municipality in several forms and lists its settlements', () => {
    for (const municipality of mariElMunicipalities) {
      expect(municipality.nameForms.length, municipality.code).toBeGreaterThanOrEqual(4);
      expect(municipality.settlements.length, municipality.code).toBeGreaterThanOrEqual(1);
    }
  });

  it('lists each settlement name under one municipality only', () => {
    const owners = new Map<string, string>();
    for (const municipality of mariElMunicipalities) {
      for (const settlement of municipality.settlements) {
        const key = normalise(settlement);
        expect(owners.get(key) ?? municipality.code, `${settlement}`).toBe(municipality.code);
        owners.set(key, municipality.code);
      }
    }
  });
});

describe('Mari El organizations', () => {
  const byCode = new Map(mariElOrganizations.map((o) => [o.code, o]));
  const municipalityCodes = new Set(mariElMunicipalities.map((m) => m.code));

  it('has unique codes and the ЦУР itself', () => {
    expect(byCode.size).toBe(mariElOrganizations.length);
    expect(byCode.get('cur')?.kind).toBe(OrganizationKind.CENTER);
  });

  it.each(SECTOR_CODES)('has exactly one executive body for sector %s', (sector) => {
    const bodies = mariElOrganizations.filter(
      (o) => o.kind === OrganizationKind.EXECUTIVE_BODY && o.sectors.includes(sector),
    );
    expect(bodies.map((o) => o.code)).toHaveLength(1);
  });

  it('uses only known sector codes', () => {
    const known = new Set<string>(SECTOR_CODES);
    for (const organization of mariElOrganizations) {
      for (const sector of organization.sectors) expect(known.has(sector), `${organization.code}: ${sector}`).toBe(true);
    }
  });

  it('resolves every parentCode and municipalityCode', () => {
    for (const organization of mariElOrganizations) {
      if (organization.parentCode !== undefined) {
        expect(byCode.has(organization.parentCode), organization.code).toBe(true);
      }
      if (organization.municipalityCode !== undefined) {
        expect(municipalityCodes.has(organization.municipalityCode), organization.code).toBe(true);
      }
    }
  });

  it('has an administration for every municipality', () => {
    for (const municipality of mariElMunicipalities) {
      const administrations = mariElOrganizations.filter(
        (o) => o.kind === OrganizationKind.MUNICIPAL_ADMINISTRATION && o.municipalityCode === municipality.code,
      );
      expect(administrations.map((o) => o.code)).toEqual([`adm-${municipality.code}`]);
    }
  });

  it('declines administration names', () => {
    expect(byCode.get('adm-medvedevsky')?.name).toBe('Администрация Медведевского муниципального района');
    expect(byCode.get('adm-mari-tureksky')?.shortName).toBe('Администрация Мари-Турекского района');
    expect(byCode.get('adm-yoshkar-ola')?.name).toBe('Администрация городского округа «Город Йошкар-Ола»');
  });
});
