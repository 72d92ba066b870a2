import type { SectorPlugin } from '../plugin-api/index.js';
import type { AppealStructurer } from '../structuring/structurer.js';
import { parseDetails } from './details-validation.js';
import type { CategoryRef, NamedRef, ReferenceDirectory } from './reference-directory.js';
import type { EnabledSector, ResolvedReferences } from './resolve-references.js';
import type { ValidIntake } from './validate-intake.js';

/** What the structuring found of an appeal: its sector, category and municipality, and how sure it is. */
export interface Classification {
  sectorCode: string | null;
  category: CategoryRef | undefined;
  municipality: NamedRef | undefined;
  summary: string | null;
  classification: { rule: string; confidence: number };
  /** No category: the ЦУР structures the appeal by hand. */
  needsStructuring: boolean;
  /** The structurer's guesses, shown to the specialist who structures it by hand. */
  suggestions: { sector: string; category: string; confidence: number }[];
  /** The sector's plugin (enabled). */
  plugin: SectorPlugin | undefined;
  /** The sector's details, validated by its plugin. */
  details: { plugin: SectorPlugin; value: unknown } | null;
}

export interface ClassifyDeps {
  structurer: AppealStructurer;
  /** Below this confidence a guessed category is only a suggestion (STRUCTURING_MIN_CONFIDENCE). */
  minConfidence: number;
  directory: ReferenceDirectory;
  enabled: EnabledSector;
}

/**
 * Step 3 of the write path (decree clause 5): what the channel did not say,
 * the structurer tries to find: a municipality named in the text, a summary,
 * and a category taken only when confident, of an enabled sector and of the
 * sector the channel gave (if any). Then the sector's details are validated
 * by its plugin (BAD_USER_INPUT on `details.<path>`).
 */
export function classifyAppeal(v: ValidIntake, refs: ResolvedReferences, deps: ClassifyDeps): Classification {
  let { category, municipality } = refs;
  let sectorCode = refs.sector ?? category?.sectorCode ?? null;
  let summary = v.summary ?? null;
  let classification = { rule: category ? 'input' : 'none', confidence: category ? 1 : 0 };
  let suggestions: Classification['suggestions'] = [];
  if (!category || !municipality) {
    // With the category given, only the municipality and the summary are wanted of the structurer.
    const found = deps.structurer.structure(v.text, { sectorCode, categoryKnown: Boolean(category) });
    suggestions = (found.suggestions ?? []).map((s) => ({ sector: s.sectorCode, category: s.categoryCode, confidence: s.confidence }));
    summary ??= found.summary;
    if (!municipality && found.municipalityCode) municipality = deps.directory.municipalityByCode.get(found.municipalityCode);
    const guess = found.categoryCode ? deps.directory.categoryByCode.get(found.categoryCode) : undefined;
    if (!category) {
      classification = { rule: found.rule, confidence: found.confidence };
      const confident = found.confidence >= deps.minConfidence;
      if (guess && confident && deps.enabled(guess.sectorCode) && (!sectorCode || guess.sectorCode === sectorCode)) {
        category = guess;
        sectorCode = guess.sectorCode;
      }
    }
  }
  const plugin = sectorCode ? deps.enabled(sectorCode) : undefined;
  const details = v.details == null ? null : parseDetails(plugin, sectorCode, v.details);
  return { sectorCode, category, municipality, summary, classification, needsStructuring: !category, suggestions, plugin, details };
}
