/**
 * The education sector's own fields on an appeal. All optional; unknown keys
 * are rejected, so that a typo in a field name is reported rather than dropped.
 */
import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { EducationDetails } from './education.entities.js';

export const educationDetailsSchema = sectorDetailsSchema('об образовании', {
  /** A school or kindergarten from the sector's reference data. */
  institutionId: z
    .uuid({ error: 'Идентификатор образовательной организации должен быть UUID' })
    .optional()
    .describe('Образовательная организация: идентификатор из справочника'),
  childAge: z
    .number({ error: 'Возраст ребёнка должен быть числом' })
    .int({ error: 'Возраст ребёнка — целое число лет' })
    .min(0, { error: 'Возраст ребёнка не может быть отрицательным' })
    .max(18, { error: 'Возраст ребёнка — не больше 18 лет' })
    .optional()
    .describe('Возраст ребёнка, полных лет'),
  grade: z
    .number({ error: 'Класс должен быть числом' })
    .int({ error: 'Класс — целое число' })
    .min(1, { error: 'Класс — от 1 до 11' })
    .max(11, { error: 'Класс — от 1 до 11' })
    .optional()
    .describe('Класс, с 1 по 11'),
});

export type EducationDetailsInput = z.infer<typeof educationDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the education sector. */
export const educationDetails: DetailsDefinition<EducationDetailsInput> = storedDetails(educationDetailsSchema, EducationDetails);
