import { OrganizationKind } from '../entities/reference-types.js';
import type { RegionPack } from './region-pack.loader.js';
import { RegionPackError } from './region-pack-error.js';
import { checkDemoIntegrity } from './region-demo.js';

/** Rows keyed by code; a code seen twice is refused with both rows. */
function byCode<T extends { code: string }>(rows: readonly T[], file: string): Map<string, number> {
  const rowOf = new Map<string, number>();
  rows.forEach((row, index) => {
    const first = rowOf.get(row.code);
    if (first !== undefined) throw new RegionPackError(file, `code "${row.code}" is already used by row ${first + 1}`, index + 1, 'code');
    rowOf.set(row.code, index);
  });
  return rowOf;
}

/**
 * The rules that tie the files together, each one something the core relies on:
 * - the folder name is the region's code;
 * - every parentCode and municipalityCode names a row, and parents form no loop;
 * - one CENTER, coded `cur` (sign-in of the ЦУР's own staff, the demo);
 * - one MUNICIPAL_ADMINISTRATION per municipality, coded `adm-<municipality>`
 *   (routing to «the administration of the appeal's municipality», and the
 *   plugin API's complainsAboutOwnAdministration, 59-ФЗ art. 8 part 6);
 * - at most one EXECUTIVE_BODY per sector code: the sector's responsible body,
 *   to which routing falls back;
 * - the demo rows name bodies and municipalities of the pack (region-demo.ts).
 */
export function checkPackIntegrity(pack: RegionPack, fileName: (name: string) => string): void {
  const regionFile = fileName('region.json');
  const folder = pack.dir.split(/[\\/]/).filter(Boolean).pop();
  if (folder !== pack.region.code) throw new RegionPackError(regionFile, `the code is "${pack.region.code}" but the folder is "${folder}"`, undefined, 'code');

  const municipalitiesFile = fileName('municipalities.json');
  const organizationsFile = fileName('organizations.json');
  const municipalityRow = byCode(pack.municipalities, municipalitiesFile);
  const organizationRow = byCode(pack.organizations, organizationsFile);

  const responsible = new Map<string, number>();
  pack.organizations.forEach((org, index) => {
    const fail = (field: string, problem: string) => new RegionPackError(organizationsFile, problem, index + 1, field);
    if (org.parentCode !== undefined && !organizationRow.has(org.parentCode)) throw fail('parentCode', `no organization has the code "${org.parentCode}"`);
    if (org.municipalityCode !== undefined && !municipalityRow.has(org.municipalityCode)) {
      throw fail('municipalityCode', `no municipality has the code "${org.municipalityCode}" (municipalities.json)`);
    }
    if (org.kind === OrganizationKind.MUNICIPAL_ADMINISTRATION && org.code !== `adm-${org.municipalityCode}`) {
      throw fail('code', `a municipal administration is coded "adm-" + its municipalityCode ("adm-${org.municipalityCode ?? '?'}")`);
    }
    if (org.kind === OrganizationKind.CENTER && org.code !== 'cur') throw fail('code', 'the CENTER (the ЦУР itself) is coded "cur"');
    if (org.kind === OrganizationKind.EXECUTIVE_BODY) {
      for (const sector of org.sectors) {
        const other = responsible.get(sector);
        if (other !== undefined) throw fail('sectors', `sector "${sector}" already has its executive body in row ${other + 1}; list it on one only`);
        responsible.set(sector, index);
      }
    }
    // Follow the parents up: a loop would make «within this body» endless.
    const seen = new Set<string>([org.code]);
    for (let parent = org.parentCode; parent !== undefined; parent = pack.organizations[organizationRow.get(parent)!]!.parentCode) {
      if (seen.has(parent)) throw fail('parentCode', `parents form a loop through "${parent}"`);
      seen.add(parent);
    }
  });

  if (!organizationRow.has('cur')) throw new RegionPackError(organizationsFile, 'no CENTER organization coded "cur" (the ЦУР itself)');
  checkDemoIntegrity(pack.demo, { municipalities: municipalityRow, organizations: organizationRow }, fileName);
  pack.municipalities.forEach((municipality, index) => {
    const admin = organizationRow.get(`adm-${municipality.code}`);
    if (admin === undefined || pack.organizations[admin]!.kind !== OrganizationKind.MUNICIPAL_ADMINISTRATION) {
      throw new RegionPackError(municipalitiesFile, `no MUNICIPAL_ADMINISTRATION "adm-${municipality.code}" in organizations.json`, index + 1, 'code');
    }
  });
}
