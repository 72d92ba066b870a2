import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { HealthDetails } from './health.entities.js';

/**
 * The health sector's own fields on an appeal. Every field is optional;
 * unknown keys are rejected so that a misspelt field is reported, not lost.
 */
export const healthDetailsSchema = sectorDetailsSchema('о здравоохранении', {
  medicalOrganizationId: z
    .uuid({ error: 'Идентификатор медицинской организации должен быть UUID' })
    .optional()
    .describe('Медицинская организация: идентификатор из справочника'),
  /** The single-format number of the ОМС policy (единый номер полиса): 16 digits. */
  policyNumber: z
    .string({ error: 'Номер полиса ОМС должен быть строкой' })
    .regex(/^\d{16}$/, { error: 'Номер полиса ОМС должен состоять из 16 цифр' })
    .optional()
    .describe('Номер полиса ОМС, 16 цифр'),
  specialty: z
    .string({ error: 'Специальность врача должна быть строкой' })
    .trim()
    .min(2, { error: 'Специальность врача: не короче 2 символов' })
    .max(100, { error: 'Специальность врача: не длиннее 100 символов' })
    .optional()
    .describe('Специальность врача'),
});

export type HealthDetailsInput = z.infer<typeof healthDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the health sector. */
export const healthDetails: DetailsDefinition<HealthDetailsInput> = storedDetails(healthDetailsSchema, HealthDetails);
