import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { SocialDetails } from './social.entities.js';
import { socialTables } from './social.region-tables.js';

/**
 * The social protection sector's own fields on an appeal. Every field is
 * optional; unknown keys are rejected so that a misspelt field is reported,
 * not lost.
 */
export const socialDetailsSchema = sectorDetailsSchema('о социальной защите', {
  measureCode: z
    .string({ error: 'Код меры социальной поддержки должен быть строкой' })
    .refine((code) => socialTables.rows('measures').some((measure) => measure.code === code), { error: 'Неизвестный код меры социальной поддержки' })
    .optional()
    .describe('Мера социальной поддержки: код из справочника'),
  /** The format only: the check digits are not verified, so that masked test numbers pass. */
  snils: z
    .string({ error: 'СНИЛС должен быть строкой' })
    .regex(/^\d{3}-\d{3}-\d{3} \d{2}$/, { error: 'СНИЛС в формате 123-456-789 01' })
    .optional()
    .describe('СНИЛС в формате 123-456-789 01'),
  childrenCount: z
    .int({ error: 'Число детей должно быть целым числом' })
    .min(0, { error: 'Число детей не может быть отрицательным' })
    .max(20, { error: 'Число детей: не больше 20' })
    .optional()
    .describe('Число детей в семье'),
});

export type SocialDetailsInput = z.infer<typeof socialDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the social sector. */
export const socialDetails: DetailsDefinition<SocialDetailsInput> = storedDetails(socialDetailsSchema, SocialDetails);
