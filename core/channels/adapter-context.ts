import type { SectorPlugin } from '../plugin-api/index.js';
import type { MunicipalityReference } from '../reference/reference-types.js';
import { createMunicipalityMatcher } from '../structuring/municipality-matcher.js';
import type { AdapterContext } from './channel-adapter.js';
import { normalizeName } from './adapters/adapter-helpers.js';

/**
 * What adapters look up, built once from the enabled plugins (a category of
 * a disabled plugin maps to null, so structuring decides) and the
 * municipalities; `now` comes from the clock per batch.
 */
export function adapterContextFactory(plugins: readonly SectorPlugin[], municipalities: readonly MunicipalityReference[], timeZone: string) {
  const categorySectors = new Map<string, string>();
  const categoryByName = new Map<string, string>();
  for (const plugin of plugins) {
    for (const category of plugin.categories) {
      categorySectors.set(category.code, plugin.code);
      categoryByName.set(normalizeName(category.name), category.code);
    }
  }
  const matcher = createMunicipalityMatcher([...municipalities]);
  const byName = new Map(municipalities.flatMap((m) => [[normalizeName(m.shortName), m.code], [normalizeName(m.name), m.code]] as const));
  const municipalityCode = (text: string) => byName.get(normalizeName(text)) ?? matcher.match(text)?.code ?? null;
  return (now: Date): AdapterContext => ({ now, timeZone, categorySectors, categoryByName, municipalityCode });
}
