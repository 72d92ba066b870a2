/**
 * The waste sector's own fields on an appeal. All optional; unknown keys are
 * rejected, so that a typo in a field name is reported rather than dropped.
 */
import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { WasteDetails } from './waste.entities.js';

export const wasteDetailsSchema = sectorDetailsSchema('о ТКО', {
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
});

export type WasteDetailsInput = z.infer<typeof wasteDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the waste sector. */
export const wasteDetails: DetailsDefinition<WasteDetailsInput> = storedDetails(wasteDetailsSchema, WasteDetails);
