import { z } from 'zod';
import { sectorDetailsSchema, storedDetails, type DetailsDefinition } from '../../core/plugin-api/index.js';
import { TransportDetails } from './transport.entities.js';

/** Letters allowed on Russian registration plates: those that look alike in Cyrillic and Latin. */
const PLATE_LETTER = '[АВЕКМНОРСТУХ]';
/** An ordinary plate «А123ВС12» or a public-transport plate «АВ12312»; region of 2 or 3 digits. */
const PLATE = new RegExp(`^(?:${PLATE_LETTER}\\d{3}${PLATE_LETTER}{2}|${PLATE_LETTER}{2}\\d{3})\\d{2,3}$`);

/**
 * The public transport sector's own fields on an appeal. Every field is
 * optional; unknown keys are rejected so that a misspelt field is reported,
 * not lost.
 */
export const transportDetailsSchema = sectorDetailsSchema('о транспорте', {
  routeNumber: z
    .string({ error: 'Номер маршрута должен быть строкой' })
    .trim()
    .regex(/^\d{1,3}[а-яё]?$/i, { error: 'Номер маршрута: до трёх цифр и, возможно, буква, например «12» или «104к»' })
    .optional()
    .describe('Номер маршрута'),
  stopName: z
    .string({ error: 'Название остановки должно быть строкой' })
    .trim()
    .min(2, { error: 'Название остановки: не короче 2 символов' })
    .max(150, { error: 'Название остановки: не длиннее 150 символов' })
    .optional()
    .describe('Название остановки'),
  vehicleNumber: z
    .string({ error: 'Госномер должен быть строкой' })
    .transform((value) => value.replace(/\s+/g, '').toUpperCase())
    .pipe(z.string().regex(PLATE, { error: 'Госномер: российский номер русскими буквами, например «А123ВС12» или «АВ12312»' }))
    .optional()
    .describe('Госномер транспортного средства'),
  tripTime: z.iso
    .datetime({ offset: true, error: 'Время поездки: дата и время в формате ISO 8601, например 2025-03-14T08:30:00+03:00' })
    .optional()
    .describe('Дата и время поездки'),
});

export type TransportDetailsInput = z.infer<typeof transportDetailsSchema>;

/** How `registerAppeal(details)` is validated and stored for the transport sector. */
export const transportDetails: DetailsDefinition<TransportDetailsInput> = storedDetails(transportDetailsSchema, TransportDetails, (input) => ({
  ...input,
  tripTime: input.tripTime ? new Date(input.tripTime) : null,
}));
