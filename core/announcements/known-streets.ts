import type { LifecycleServices } from '../lifecycle/lifecycle-services.js';
import { regionPlaces, type Places } from '../structuring/places.schema.js';
import { streetKey, streetNameKey } from './place-keys.js';

/**
 * The region pack's gazetteer (`regions/<code>/places.json`, the one the
 * structurer reads) as the announcements use it. A street there has its
 * written forms («Йывана Кырли», «Кырли»; «бульвар Чавайна», «Чавайна»), each
 * turned into a key as place-keys.ts does (Snowball stems, street type left
 * out), so an announcement for «ул. Йывана Кырли, 12» also answers «на Кырли
 * 12 нет воды». Which towns' lists are complete the pack says
 * (`completeStreetLists`): only there is a street it does not list refused.
 */
export interface StreetGazetteer {
  /** Name keys of every form of a town's streets when the pack lists all of them; null (accept any) otherwise. */
  knownStreets(municipalityCode: string): Set<string> | null;
  /**
   * The keys an audience's street is stored and matched with: its own key
   * and, when the gazetteer has the street in one of the towns, the key of
   * every form of it, with the house number written kept («кырл 12»,
   * «йыва кырл 12»).
   */
  expand(key: string, municipalityCodes: readonly string[]): string[];
}

export function streetGazetteer(places: Places | undefined): StreetGazetteer {
  // town → any form's name key → the keys of all forms of that street
  const towns = new Map<string, Map<string, string[]>>();
  for (const street of places?.streets ?? []) {
    const keys = [...new Set([street.name, ...street.forms].map((form) => streetNameKey(streetKey(form))).filter(Boolean))];
    const byKey = towns.get(street.town) ?? new Map<string, string[]>();
    towns.set(street.town, byKey);
    for (const key of keys) byKey.set(key, [...new Set([...(byKey.get(key) ?? []), ...keys])]);
  }
  const complete = new Set(places?.completeStreetLists ?? []);
  return {
    knownStreets: (code) => (complete.has(code) && towns.has(code) ? new Set(towns.get(code)!.keys()) : null),
    expand(key, codes) {
      const name = streetNameKey(key);
      const numbers = key.split(' ').filter((part) => /^\d/.test(part));
      // The house number follows the name in a key («советск 5»): every form gets it the same way.
      const suffix = name && key.startsWith(name) ? key.slice(name.length) : numbers.length ? ` ${numbers.join(' ')}` : '';
      const forms = codes.flatMap((code) => towns.get(code)?.get(name) ?? []);
      return [...new Set([key, ...forms.map((form) => `${form}${suffix}`)])];
    },
  };
}

const byPack = new Map<string, StreetGazetteer>();

/** The gazetteer of the region the app serves (read once per pack). */
export function regionStreets(app: Pick<LifecycleServices, 'region'>): StreetGazetteer {
  const dir = app.region.dir;
  let gazetteer = byPack.get(dir);
  if (!gazetteer) byPack.set(dir, (gazetteer = streetGazetteer(regionPlaces(dir))));
  return gazetteer;
}

/** No gazetteer: every street accepted as written, matched by its own key. */
export const NO_GAZETTEER: StreetGazetteer = streetGazetteer(undefined);
