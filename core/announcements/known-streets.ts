/**
 * The streets a region pack lists for a town, as street-name keys
 * (place-keys.ts `streetNameKey(streetKey(name))`), or null when the pack
 * lists none for it: a street of such a town is accepted as written.
 *
 * The gazetteer (`regions/<code>/places.json`) is being added on another
 * branch; until it is merged no town has a list, so this returns null for
 * all. Wiring it in is this one function: read the town's streets from the
 * pack and return their keys.
 */
export function knownStreets(_municipalityCode: string): Set<string> | null {
  return null;
}
