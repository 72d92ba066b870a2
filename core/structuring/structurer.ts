import type { SectorPlugin } from '../plugin-api/index.js';
import type { MunicipalityReference } from '../reference/reference-types.js';
import { createMunicipalityMatcher } from './municipality-matcher.js';

/** What structuring found in an appeal's text (decree clause 5: "structuring and formalisation"). */
export interface StructuringResult {
  sectorCode: string | null;
  categoryCode: string | null;
  municipalityCode: string | null;
  summary: string | null;
  /** 0..1; below the configured threshold the appeal waits for a ЦУР specialist. */
  confidence: number;
  /** Which rule decided, for the audit trail. */
  rule: string;
}

export interface AppealStructurer {
  structure(text: string): StructuringResult;
}

/**
 * Finds the municipality in the text. Category classification from the
 * plugins' keywords is added by the structuring work (issue #4); until then
 * no category is guessed and the appeal waits for a specialist.
 */
export function createStructurer(_plugins: readonly SectorPlugin[], municipalities: readonly MunicipalityReference[]): AppealStructurer {
  const matcher = createMunicipalityMatcher([...municipalities]);
  return {
    structure(text) {
      const place = matcher.match(text);
      return {
        sectorCode: null,
        categoryCode: null,
        municipalityCode: place?.code ?? null,
        summary: text.replace(/\s+/g, ' ').trim().slice(0, 200),
        confidence: 0,
        rule: place ? 'municipality-matcher' : 'none',
      };
    },
  };
}
