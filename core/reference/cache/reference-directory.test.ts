import { describe, expect, it } from 'vitest';
import { OrganizationKind } from '../../entities/enums.js';
import { ReferenceDirectory, type OrgRef } from './reference-directory.js';

const org = (id: string, kind: OrganizationKind, extra: Partial<OrgRef> = {}): OrgRef => ({
  id,
  code: `code-${id}`,
  name: id,
  kind,
  parentId: null,
  municipalityId: null,
  sectors: [],
  ...extra,
});

const directory = new ReferenceDirectory({
  orgs: [
    org('gov', OrganizationKind.EXECUTIVE_BODY, { sectors: ['water', 'heat'] }),
    org('dept', OrganizationKind.EXECUTIVE_BODY, { parentId: 'gov' }),
    org('unit', OrganizationKind.EXECUTIVE_BODY, { parentId: 'dept' }),
    org('adm', OrganizationKind.MUNICIPAL_ADMINISTRATION, { municipalityId: 'm1' }),
  ],
  sectors: [{ id: 's1', code: 'water' }],
  categories: [{ id: 'c1', code: 'water.leak', sectorId: 's1', sectorCode: 'water' }],
  municipalities: [{ id: 'm1', code: 'town' }],
});

describe('the reference directory', () => {
  it('finds rows by id and by code', () => {
    expect(directory.orgByCode.get('code-adm')?.id).toBe('adm');
    expect(directory.sectorById.get('s1')?.code).toBe('water');
    expect(directory.categoryByCode.get('water.leak')?.sectorCode).toBe('water');
    expect(directory.municipalityByCode.get('town')?.id).toBe('m1');
  });

  it('knows the administration of a municipality and the executive body of a sector', () => {
    expect(directory.administrationOf('m1')?.id).toBe('adm');
    expect(directory.administrationOf('m2')).toBeNull();
    expect(directory.administrationOf(null)).toBeNull();
    expect(directory.executiveBodyOf('heat')?.id).toBe('gov');
    expect(directory.executiveBodyOf('roads')).toBeNull();
  });

  it('tells whether a body lies within another', () => {
    expect(directory.isWithin('unit', 'gov')).toBe(true);
    expect(directory.isWithin('gov', 'gov')).toBe(true);
    expect(directory.isWithin('gov', 'unit')).toBe(false);
    expect(directory.isWithin('adm', 'gov')).toBe(false);
  });
});
