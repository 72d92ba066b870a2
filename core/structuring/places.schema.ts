import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

/*
 * The region's gazetteer (regions/<region>/places.json): the settlements of each
 * municipality, the microdistricts and the streets of the towns, each with the case forms
 * residents write («в Сурке», «из Помар», «на Красноармейской»). The file names its sources;
 * names come from public lists only.
 */

const nonEmpty = z.string().trim().min(1).max(200);
const longText = z.string().trim().min(1).max(4000);

export const placesSchema = z.object({
  $schema: z.string().optional(),
  region: nonEmpty,
  note: z.string().optional(),
  sources: z.array(z.object({ what: longText, where: longText })).min(1),
  settlements: z.array(
    z.object({
      name: nonEmpty,
      /** Code of the municipality the settlement belongs to. */
      municipality: nonEmpty,
      /** Written forms in any case, the nominative first. */
      forms: z.array(nonEmpty).min(1),
      /**
       * An adjective name normally counts only after «пгт», «пос.», «с.» or as a place of its own
       * («в Советском»). A name no everyday phrase uses («Краснооктябрьский») may count bare.
       */
      markerOptional: z.boolean().default(false),
    }),
  ),
  microdistricts: z.array(
    z.object({
      name: nonEmpty,
      municipality: nonEmpty,
      forms: z.array(nonEmpty).min(1),
      /** An adjective name («Звёздный») counts only after «мкр», «микрорайон» or a preposition of place. */
      needsMarker: z.boolean().default(true),
    }),
  ),
  streets: z.array(
    z.object({
      name: nonEmpty,
      /** Code of the municipality (town) the street is in. */
      town: nonEmpty,
      forms: z.array(nonEmpty).min(1),
    }),
  ),
  /**
   * Colloquial names of a municipality residents write instead of its official one («в Йошке»):
   * matched as written, word for word, as strongly as the official name.
   */
  aliases: z.array(z.object({ name: nonEmpty, municipality: nonEmpty, forms: z.array(nonEmpty).min(1) })).default([]),
  /**
   * Objects only one municipality has (a town's hospital by its name): matched as written,
   * word for word, as strongly as a settlement.
   */
  landmarks: z.array(z.object({ name: nonEmpty, municipality: nonEmpty, forms: z.array(nonEmpty).min(1) })).default([]),
  /** Street names given in most towns («Ленина», «Мира»): never resolved to a town alone. */
  commonStreetNames: z.array(nonEmpty).default([]),
  /**
   * Towns (municipality codes) whose streets this file lists in full: there an
   * announcement for a street it does not list is refused (core/announcements/known-streets.ts).
   * Elsewhere the list is for recognition only and any street is accepted.
   */
  completeStreetLists: z.array(nonEmpty).default([]),
});

export type Places = z.infer<typeof placesSchema>;

/** Reads and validates a gazetteer file; a bad file stops start-up with the zod message. */
export function readPlaces(file: URL): Places {
  return placesSchema.parse(JSON.parse(readFileSync(file, 'utf8')));
}

/** The gazetteer of a region pack's folder (`places.json`), or undefined when the pack has none. */
export function regionPlaces(packDir: string): Places | undefined {
  const file = join(packDir, 'places.json');
  return existsSync(file) ? readPlaces(pathToFileURL(file)) : undefined;
}
