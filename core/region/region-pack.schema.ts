import { z } from 'zod';
import { MunicipalityKind, OrganizationKind } from '../entities/reference-types.js';

/*
 * The files of a region pack (docs/regions.md), one schema per file. Every
 * string a person reads is Russian; codes are stable latin identifiers that
 * clients and stored rows refer to, so a pack may add rows but must keep codes.
 */

export const code = z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'expected a lowercase latin code (a-z, 0-9, "-", ".")');
export const text = z
  .string()
  .trim()
  .min(1, 'expected a non-empty string')
  .max(1000)
  .refine((value) => !value.includes('\u0000'), 'contains a NUL byte');
/** Sources and reasons, for the people who keep the pack; the core does not read it. */
export const note = z.string().max(5000).optional();

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** region.json: who the region is and its defaults. */
export const regionFileSchema = z.strictObject({
  /** The pack's code, equal to its folder name: `zarechye` for regions/zarechye. */
  code,
  name: text,
  nameEn: text,
  /** The name in the genitive, after «ЦУР», «Правительство»: «Заречной области». */
  nameGenitive: text,
  /** Whom the monthly report is addressed to, in the dative: «Губернатору Заречной области» (the decree, cl. 9). */
  headDative: text,
  /**
   * Words of the region's own name that addresses carry («Заречная область, г. …»)
   * and that name no place inside it: dropped when addresses are compared for repeats.
   */
  addressWords: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(/^[а-яёa-z-]+$/, 'expected one lowercase word'),
    )
    .default([]),
  /** The two digits that start every registration number (`12-2026-0000001`): the region's code in the federal list. */
  registrationCode: z.string().regex(/^\d{2}$/, 'expected two digits, e.g. "12"'),
  /** IANA zone whose local days count for deadlines and reports; TIME_ZONE overrides it. */
  timeZone: z.string().refine(isTimeZone, 'expected an IANA time zone, e.g. "Europe/Moscow"'),
  note,
});

/** municipalities.json: one row per municipality. */
export const municipalityRowSchema = z.strictObject({
  code,
  name: text,
  shortName: text,
  nameEn: text,
  kind: z.enum(MunicipalityKind),
  population: z.number().int().nonnegative(),
  center: text,
  /** Towns and villages in the nominative, for recognition in free text. */
  settlements: z.array(text).min(1, 'expected at least one settlement (the centre)'),
  /** Every form by which residents name it (cases, with and without «г.», «район»). */
  nameForms: z.array(text).min(1, 'expected at least one name form'),
  note,
});

/** organizations.json: one row per body that answers appeals. */
export const organizationRowSchema = z.strictObject({
  code,
  name: text,
  shortName: text,
  kind: z.enum(OrganizationKind),
  parentCode: code.optional(),
  municipalityCode: code.optional(),
  /** Sector codes (plugin codes) the body answers for; an EXECUTIVE_BODY listing a sector is that sector's responsible body. */
  sectors: z.array(code).default([]),
  /** Roles the body takes: a plugin's declared `responsibleBody.role` (`ministry-of-culture`) makes it that sector's responsible body. */
  roles: z.array(code).default([]),
  /** True where the name is invented for demo purposes. */
  demo: z.boolean().optional(),
  note,
});

export const municipalitiesFileSchema = z.array(municipalityRowSchema);
export const organizationsFileSchema = z.array(organizationRowSchema);

export type RegionInfo = z.infer<typeof regionFileSchema>;
