import type { SectorPlugin } from '../plugin-api/index.js';
import type { MunicipalityReference } from '../entities/reference-types.js';
import { createMunicipalityMatcher } from '../structuring/municipality-matcher.js';
import type { AdapterContext } from './adapters/channel-adapter.js';
import { normalizeName } from './adapters/adapter-helpers.js';
import { composePosClassifier } from './adapters/pos-categories.js';

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
  const byName = new Map(
    municipalities.flatMap(
      (m) =>
        [
          [normalizeName(m.shortName), m.code],
          [normalizeName(m.name), m.code],
        ] as const,
    ),
  );
  // Exports repeat the same addresses and place names; the matcher is the costly step of mapping a row.
  const cache = new Map<string, string | null>();
  const municipalityCode = (text: string) => {
    let code = cache.get(text);
    if (code === undefined) {
      code = byName.get(normalizeName(text)) ?? matcher.match(text)?.code ?? null;
      if (cache.size >= 10_000) cache.clear();
      cache.set(text, code);
    }
    return code;
  };
  const posCategory = composePosClassifier(plugins);
  return (now: Date): AdapterContext => ({ now, timeZone, categorySectors, categoryByName, municipalityCode, posCategory });
}
