/**
 * The energy sector's own fields on an appeal. All optional; unknown keys are
 * rejected, so that a typo in a field name is reported rather than dropped.
 */
import { z } from 'zod';
import { accountNumberField, sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { EnergyDetails } from './energy.entities.js';

export const energyDetailsSchema = sectorDetailsSchema('об энергоснабжении', {
  /** The meter's factory number as printed on it: digits, sometimes with letters or dashes. */
  meterNumber: z
    .string({ error: 'Номер прибора учёта должен быть строкой' })
    .trim()
    .regex(/^[0-9A-Za-zА-Яа-я-]{4,25}$/, { error: 'Номер прибора учёта: от 4 до 25 цифр, букв или дефисов' })
    .optional()
    .describe('Заводской номер прибора учёта'),
  accountNumber: accountNumberField(),
  supplierInn: z
    .string({ error: 'ИНН поставщика должен быть строкой' })
    .regex(/^\d{10}$/, { error: 'ИНН поставщика — 10 цифр' })
    .optional()
    .describe('ИНН поставщика, 10 цифр'),
});

export type EnergyDetailsInput = z.infer<typeof energyDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the energy sector. */
export const energyDetails: DetailsDefinition<EnergyDetailsInput> = storedDetails(energyDetailsSchema, EnergyDetails);
