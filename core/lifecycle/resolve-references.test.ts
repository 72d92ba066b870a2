import { describe, expect, it } from 'vitest';
import { resolveReferences } from './resolve-references.js';
import { directory, enabled, NOW } from './intake-test-helpers.js';
import { validateIntake } from './validate-intake.js';
import type { AppealIntake } from './intake-types.js';

const resolve = (extra: Partial<AppealIntake>) =>
  resolveReferences(validateIntake({ channel: 'POS', text: 'Текст', receivedAt: NOW, ...extra }, NOW), directory, enabled);

function refusedField(extra: Partial<AppealIntake>): unknown {
  try {
    resolve(extra);
  } catch (error) {
    return (error as { extensions: { code: string; field: unknown } }).extensions.field;
  }
  throw new Error('not refused');
}

describe('resolveReferences (step 2: every id and code names a row)', () => {
  it('finds the rows the intake names', () => {
    const refs = resolve({
      category: 'water.leak',
      sector: 'water',
      municipalityId: 'm-town',
      organizationId: 'o-water',
      complaintAgainstOrganizationId: 'o-adm',
    });
    expect(refs.category?.id).toBe('c-leak');
    expect(refs.sector).toBe('water');
    expect(refs.municipality?.code).toBe('town');
    expect(refs.organization?.code).toBe('min-water');
    expect(refs.complaintAgainst?.code).toBe('adm-town');
  });

  it('leaves what the intake does not name empty', () => {
    expect(resolve({})).toEqual({ category: undefined, sector: null, municipality: undefined, organization: undefined, complaintAgainst: undefined });
  });

  it('refuses unknown ids and codes, and those of a sector that is not enabled, naming the field', () => {
    expect(refusedField({ category: 'water.nope' })).toBe('category');
    expect(refusedField({ category: 'off.thing' })).toBe('category');
    expect(refusedField({ sector: 'off' })).toBe('sector');
    expect(refusedField({ sector: 'space' })).toBe('sector');
    expect(refusedField({ municipalityId: 'm-nowhere' })).toBe('municipalityId');
    expect(refusedField({ organizationId: 'o-nobody' })).toBe('organizationId');
    expect(refusedField({ complaintAgainstOrganizationId: 'o-nobody' })).toBe('complaintAgainstOrganizationId');
  });

  it('refuses a category of another sector than the one given', () => {
    expect(refusedField({ sector: 'paths', category: 'water.leak' })).toBe('category');
  });

  it('never sends a complaint to the body it is about (59-ФЗ art. 8 part 6)', () => {
    expect(refusedField({ organizationId: 'o-adm', complaintAgainstOrganizationId: 'o-adm' })).toBe('organizationId');
  });
});
