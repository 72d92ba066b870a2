/**
 * The waste sector's own fields on an appeal. All optional; unknown keys are
 * rejected, so that a typo in a field name is reported rather than dropped.
 */
import { ref } from '@mikro-orm/core';
import { z } from 'zod';
import { Appeal, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { WasteDetails } from './waste.entities.js';

export const wasteDetailsSchema = z.strictObject(
  {
    /** A container site from the sector's reference data, when the author picked one on the map. */
    containerSiteId: z
      .uuid({ error: 'Идентификатор контейнерной площадки должен быть UUID' })
      .optional()
      .describe('Контейнерная площадка: идентификатор из справочника'),
    containerSiteAddress: z
      .string({ error: 'Адрес контейнерной площадки должен быть строкой' })
      .trim()
      .min(5, { error: 'Адрес контейнерной площадки слишком короткий' })
      .max(300, { error: 'Адрес контейнерной площадки длиннее 300 символов' })
      .optional()
      .describe('Адрес контейнерной площадки'),
    /** The day the pickup was due and did not happen. */
    pickupDate: z.iso
      .date({ error: 'Дата вывоза — в формате ГГГГ-ММ-ДД' })
      .optional()
      .describe('Дата, на которую был назначен несостоявшийся вывоз (ГГГГ-ММ-ДД)'),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `Неизвестные поля сведений о ТКО: ${issue.keys.join(', ')}`
        : issue.code === 'invalid_type'
          ? 'Сведения о ТКО должны быть объектом'
          : undefined,
  },
);

export type WasteDetailsInput = z.infer<typeof wasteDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the waste sector. */
export const wasteDetails: DetailsDefinition<WasteDetailsInput> = {
  schema: wasteDetailsSchema,
  entity: WasteDetails,
  toEntity: (appealId, input) => Object.assign(new WasteDetails(), { appeal: ref(Appeal, appealId), ...input }),
};
