import type { SectorPlugin } from '../plugin-api/index.js';
import { badInput } from '../errors/errors.js';

/**
 * Validates `details` with the owning plugin's schema. An issue's path names
 * the field (`details.apartment`); zod reports unknown keys with an empty
 * path and the names in `keys`, so the first unknown key is named instead.
 */
export function parseDetails(plugin: SectorPlugin | undefined, sectorCode: string | null, details: unknown): { plugin: SectorPlugin; value: unknown } {
  if (!plugin || !sectorCode) throw badInput('details', 'Дополнительные сведения относятся к отраслевому блоку: укажите sector или category');
  if (!plugin.details) throw badInput('details', `У отраслевого блока «${plugin.code}» нет дополнительных сведений`);
  const parsed = plugin.details.schema.safeParse(details);
  if (parsed.success) return { plugin, value: parsed.data };
  const issue = parsed.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]] : issue.path;
  const field = ['details', ...path.map(String)].join('.');
  throw badInput(field, issue.message, { sector: plugin.code });
}
