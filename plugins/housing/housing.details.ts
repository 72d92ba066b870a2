/**
 * The housing sector's own fields on an appeal. All optional: a resident
 * rarely knows the management company's INN, but when they give it, it must
 * be well formed. Unknown keys are rejected, so that a typo in a field name
 * is reported rather than silently dropped.
 */
import { z } from 'zod';
import { accountNumberField, sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { HousingDetails } from './housing.entities.js';

export const housingDetailsSchema = sectorDetailsSchema('о ЖКХ', {
  buildingAddress: z
    .string({ error: 'Адрес дома должен быть строкой' })
    .trim()
    .min(5, { error: 'Адрес дома слишком короткий' })
    .max(300, { error: 'Адрес дома длиннее 300 символов' })
    .optional()
    .describe('Адрес дома'),
  apartment: z
    .string({ error: 'Номер квартиры должен быть строкой' })
    .trim()
    .regex(/^\d{1,4}[а-яА-Яa-zA-Z]?$/, { error: 'Номер квартиры: до 4 цифр и, возможно, буква (например, «12а»)' })
    .optional()
    .describe('Номер квартиры'),
  managementCompanyInn: z
    .string({ error: 'ИНН управляющей организации должен быть строкой' })
    .regex(/^\d{10}$/, { error: 'ИНН управляющей организации — 10 цифр' })
    .optional()
    .describe('ИНН управляющей организации, 10 цифр'),
  accountNumber: accountNumberField(),
});

export type HousingDetailsInput = z.infer<typeof housingDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the housing sector. */
export const housingDetails: DetailsDefinition<HousingDetailsInput> = storedDetails(housingDetailsSchema, HousingDetails);
