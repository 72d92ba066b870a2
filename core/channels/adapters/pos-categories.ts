import type { SectorPlugin } from '../../plugin-api/index.js';
import { normalizeName } from './adapter-helpers.js';

/** A ПОС category and subcategory → our code, or null when no enabled plugin maps it (structuring decides). */
export type PosClassifier = (categoryName: string | null | undefined, subcategoryName: string | null | undefined) => string | null;

/**
 * The ПОС (платформа обратной связи) classifier table, composed from the
 * enabled plugins' `posCategories`: each sector brings the platform names of
 * its own subjects, so a new sector maps its names with no edit here. A
 * category or subcategory the plugins leave out stays with structuring. Two
 * plugins may share a platform category («Благоустройство») but not a
 * subcategory of it. Written from the category names the platform shows
 * residents; keep the plugins' tables in step with the platform as it changes.
 */
export function composePosClassifier(plugins: readonly SectorPlugin[]): PosClassifier {
  const table = new Map<string, Map<string, { code: string; plugin: string }>>();
  for (const plugin of plugins) {
    for (const [category, subcategories] of Object.entries(plugin.posCategories ?? {})) {
      const key = normalizeName(category);
      const subs = table.get(key) ?? new Map<string, { code: string; plugin: string }>();
      table.set(key, subs);
      for (const [subcategory, code] of Object.entries(subcategories)) {
        const subKey = subcategory === '*' ? '*' : normalizeName(subcategory);
        const taken = subs.get(subKey);
        if (taken) throw new Error(`ПОС «${category} / ${subcategory}» is mapped by plugins ${taken.plugin} and ${plugin.code}; one only`);
        subs.set(subKey, { code, plugin: plugin.code });
      }
    }
  }
  return (categoryName, subcategoryName) => {
    if (!categoryName) return null;
    const subs = table.get(normalizeName(categoryName));
    if (!subs) return null;
    const exact = subcategoryName ? subs.get(normalizeName(subcategoryName)) : undefined;
    return (exact ?? subs.get('*'))?.code ?? null;
  };
}
