import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { RoadsDetails } from './roads.entities.js';

/**
 * The roads sector's own fields on an appeal. Every field is optional;
 * unknown keys are rejected so that a misspelt field is reported, not lost.
 */
export const roadsDetailsSchema = sectorDetailsSchema('о дорогах', {
  roadSegmentId: z.uuid({ error: 'Идентификатор участка дороги должен быть UUID' }).optional().describe('Участок дороги: идентификатор из справочника'),
  kilometer: z
    .number({ error: 'Километр дороги должен быть числом' })
    .min(0, { error: 'Километр дороги не может быть отрицательным' })
    .max(2000, { error: 'Километр дороги: не больше 2000' })
    .optional()
    .describe('Километр дороги'),
  roadName: z
    .string({ error: 'Название дороги должно быть строкой' })
    .trim()
    .min(2, { error: 'Название дороги: не короче 2 символов' })
    .max(200, { error: 'Название дороги: не длиннее 200 символов' })
    .optional()
    .describe('Название дороги или улицы'),
});

export type RoadsDetailsInput = z.infer<typeof roadsDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the roads sector. */
export const roadsDetails: DetailsDefinition<RoadsDetailsInput> = storedDetails(roadsDetailsSchema, RoadsDetails);
