import type { SectorPlugin } from '../plugin-api/index.js';
import { badInput } from '../errors/errors.js';
import type { CategoryRef, NamedRef, OrgRef, ReferenceDirectory } from './reference-directory.js';
import type { ValidIntake } from './validate-intake.js';

/** The rows of the reference data an intake names. */
export interface ResolvedReferences {
  category: CategoryRef | undefined;
  /** The sector the channel named (checked against the category). */
  sector: string | null;
  municipality: NamedRef | undefined;
  /** The responsible body, when the channel named it. */
  organization: OrgRef | undefined;
  complaintAgainst: OrgRef | undefined;
}

/** The enabled sector plugin of a code (a disabled sector's codes are unknown to the intake). */
export type EnabledSector = (code: string) => SectorPlugin | undefined;

/**
 * Step 2 of the write path: every id and code the intake gives must name a
 * row of the reference data (of an enabled sector), a category must belong
 * to the sector given with it, and a complaint is never sent to the body it
 * is about (59-ФЗ art. 8 part 6). BAD_USER_INPUT naming the field; the
 * fields are those of REFERENCE_FIELDS (a miss is looked up again on a fresh
 * copy of the directory by the caller).
 */
export function resolveReferences(v: ValidIntake, directory: ReferenceDirectory, enabled: EnabledSector): ResolvedReferences {
  const category = v.category ? directory.categoryByCode.get(v.category) : undefined;
  if (v.category && (!category || !enabled(category.sectorCode))) throw badInput('category', `Неизвестная рубрика «${v.category}»`);
  if (v.sector && (!directory.sectorByCode.has(v.sector) || !enabled(v.sector))) throw badInput('sector', `Неизвестный отраслевой блок «${v.sector}»`);
  if (category && v.sector && category.sectorCode !== v.sector) {
    throw badInput('category', `Рубрика «${category.code}» не относится к блоку «${v.sector}»`);
  }
  const municipality = v.municipalityId ? directory.municipalityById.get(v.municipalityId) : undefined;
  if (v.municipalityId && !municipality) throw badInput('municipalityId', `Неизвестный муниципалитет ${v.municipalityId}`);
  const organization = v.organizationId ? directory.orgById.get(v.organizationId) : undefined;
  if (v.organizationId && !organization) throw badInput('organizationId', `Неизвестная организация ${v.organizationId}`);
  const complaintAgainst = v.complaintAgainstOrganizationId ? directory.orgById.get(v.complaintAgainstOrganizationId) : undefined;
  if (v.complaintAgainstOrganizationId && !complaintAgainst) {
    throw badInput('complaintAgainstOrganizationId', `Неизвестная организация ${v.complaintAgainstOrganizationId}`);
  }
  if (organization && complaintAgainst && organization.id === complaintAgainst.id) {
    throw badInput('organizationId', 'Жалобу нельзя направлять в орган, действия которого обжалуются (ч. 6 ст. 8 59-ФЗ)');
  }
  return { category, sector: v.sector ?? null, municipality, organization, complaintAgainst };
}
