import type { SectorPlugin } from '../plugin-api/index.js';
import { parseSectorDetails } from '../plugin-api/appeal-details.js';
import { badInput } from '../errors/errors.js';

/**
 * Validates `details` with the owning plugin's schema (the plugin API's
 * `parseSectorDetails`: `extensions.field` is `details.<path>`). Details need
 * a sector to belong to, and a sector that declares none refuses them rather
 * than dropping them silently.
 */
export function parseDetails(plugin: SectorPlugin | undefined, sectorCode: string | null, details: unknown): { plugin: SectorPlugin; value: unknown } {
  if (!plugin || !sectorCode) throw badInput('details', 'Дополнительные сведения относятся к отраслевому блоку: укажите sector или category');
  if (!plugin.details) throw badInput('details', `У отраслевого блока «${plugin.code}» нет дополнительных сведений`);
  return { plugin, value: parseSectorDetails(plugin.details, details) };
}
