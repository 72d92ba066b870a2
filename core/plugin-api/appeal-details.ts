import { ref, type EntityClass } from '@mikro-orm/core';
import { z, type ZodType } from 'zod';
import { Appeal } from '../entities/index.js';
import type { PluginContext } from './plugin-context.js';
import { badInput } from '../errors/errors.js';
import type { DetailsDefinition } from './plugin-types.js';

/** A plugin's details row: a 1:1 table whose primary key is the appeal (`appeal_id`). */
export interface AppealDetailsRow {
  appeal: { id: string };
}

/**
 * The details row of an appeal, through a per-request DataLoader: a page of
 * appeals asking for `housing { ... }` costs one query, not one per appeal.
 */
export function loadAppealDetails<T extends AppealDetailsRow>(ctx: PluginContext, entity: EntityClass<T>, appealId: string): Promise<T | null> {
  return ctx.loaders
    .named<string, T>(`details:${entity.name}`, async (ids, em) => {
      const rows = (await em.find(entity, { appeal: { $in: [...ids] } } as never)) as T[];
      const byAppeal = new Map(rows.map((row) => [row.appeal.id, row]));
      return ids.map((id) => byAppeal.get(id) ?? null);
    })
    .load(appealId);
}

/**
 * Validates `registerAppeal(details)` with the owning plugin's schema. Bad
 * input is BAD_USER_INPUT with `extensions.field` naming the field at fault
 * (`details.managementCompanyInn`), and nothing is written.
 */
export function parseSectorDetails<T>(definition: DetailsDefinition<T>, input: unknown, field = 'details'): T {
  const parsed = definition.schema.safeParse(input ?? {});
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
  const at = [field, ...path.map(String)].join('.');
  throw badInput(at, issue.message, { issues: parsed.error.issues.map((i) => ({ path: [field, ...i.path.map(String)].join('.'), message: i.message })) });
}

/**
 * A sector's details schema: only the listed fields (each with its own
 * Russian messages); an unknown field is named — «Неизвестные поля сведений
 * о ЖКХ: flat» — so that a misspelt field is reported, not lost, and details
 * that are not an object are refused as such. `about`: «о ЖКХ», «об образовании».
 */
export function sectorDetailsSchema<S extends z.core.$ZodLooseShape>(about: string, fields: S) {
  return z.strictObject(fields, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Неизвестные поля сведений ${about}: ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type'
          ? `Сведения ${about} должны быть объектом`
          : undefined,
  });
}

/**
 * Details kept as validated: the plugin's 1:1 row for the appeal with the
 * input's fields (`convert` adjusts those stored in another form, e.g. a
 * date-time string as a Date).
 */
export function storedDetails<T extends object>(
  schema: ZodType<T>,
  entity: new () => object,
  convert: (input: T) => object = (input) => input,
): DetailsDefinition<T> {
  return { schema, entity, toEntity: (appealId, input) => Object.assign(new entity(), { appeal: ref(Appeal, appealId), ...convert(input) }) };
}

/**
 * A resident's personal account number with a supplier or a management
 * company (optional; 4–30 digits, letters or dashes). Personal data: resolve
 * it through the plugin API's `personalData`.
 */
export const accountNumberField = () =>
  z
    .string({ error: 'Номер лицевого счёта должен быть строкой' })
    .trim()
    .regex(/^[0-9A-Za-zА-Яа-я-]{4,30}$/, { error: 'Номер лицевого счёта: от 4 до 30 цифр, букв или дефисов' })
    .optional()
    .describe('Номер лицевого счёта');
