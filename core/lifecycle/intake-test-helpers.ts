import { defaultDeadlinePolicy } from '../deadlines/index.js';
import { calendar } from '../deadlines/test-helpers.js';
import { OrganizationKind } from '../entities/enums.js';
import type { SectorPlugin } from '../plugin-api/index.js';
import type { AppealStructurer, StructuringHints, StructuringResult } from '../structuring/structurer.js';
import type { ClassifyDeps } from './classify-appeal.js';
import { ReferenceDirectory } from './reference-directory.js';
import type { DecideDeps } from './route-and-deadline.js';

/**
 * A small reference directory, two sector plugins and a structurer that
 * answers what it is told, for the write path's unit tests (no database).
 */
export const NOW = new Date('2026-03-04T09:00:00Z');

export const directory = new ReferenceDirectory({
  orgs: [
    { id: 'o-water', code: 'min-water', name: 'Минводы', kind: OrganizationKind.EXECUTIVE_BODY, parentId: null, municipalityId: null, sectors: ['water'] },
    { id: 'o-paths', code: 'min-paths', name: 'Минпутей', kind: OrganizationKind.EXECUTIVE_BODY, parentId: null, municipalityId: null, sectors: ['paths'] },
    {
      id: 'o-adm',
      code: 'adm-town',
      name: 'Администрация',
      kind: OrganizationKind.MUNICIPAL_ADMINISTRATION,
      parentId: null,
      municipalityId: 'm-town',
      sectors: [],
    },
  ],
  sectors: [
    { id: 's-water', code: 'water' },
    { id: 's-paths', code: 'paths' },
    { id: 's-off', code: 'off' },
  ],
  categories: [
    { id: 'c-leak', code: 'water.leak', sectorId: 's-water', sectorCode: 'water' },
    { id: 'c-rut', code: 'paths.rut', sectorId: 's-paths', sectorCode: 'paths' },
    { id: 'c-off', code: 'off.thing', sectorId: 's-off', sectorCode: 'off' },
  ],
  municipalities: [
    { id: 'm-town', code: 'town' },
    { id: 'm-village', code: 'village' },
  ],
});

const plugin = (definition: Partial<SectorPlugin> & { code: string }) => ({ categories: [], ...definition }) as unknown as SectorPlugin;

export const plugins: SectorPlugin[] = [
  plugin({
    code: 'water',
    routing: [
      {
        code: 'water.leak-to-town',
        priority: 1,
        categories: ['water.leak'],
        municipalities: ['town'],
        target: { municipalAdministration: true },
        description: 'Утечки в городе — администрации',
      },
    ],
    deadlines: [{ code: 'water.leak.urgent', categories: ['water.leak'], answerWithin: { hours: 4 }, description: 'Утечка — за 4 часа' } as never],
  }),
  plugin({ code: 'paths' }),
];

/** Enabled sectors: `off` has reference rows but no enabled plugin. */
export const enabled = (code: string) => plugins.find((p) => p.code === code);

/** A structurer that finds `result` in any text and records the calls. */
export function structurerFinding(result: Partial<StructuringResult> = {}): AppealStructurer & { calls: number; hints: StructuringHints[] } {
  const structurer = {
    calls: 0,
    hints: [] as StructuringHints[],
    structure(_text: string, hints: StructuringHints = {}) {
      structurer.calls++;
      structurer.hints.push(hints);
      return { sectorCode: null, categoryCode: null, municipalityCode: null, summary: null, confidence: 0, rule: 'none', ...result };
    },
  };
  return structurer;
}

export const classifyDeps = (structurer: AppealStructurer = structurerFinding()): ClassifyDeps => ({ structurer, minConfidence: 0.5, directory, enabled });

export const decideDeps: DecideDeps = { directory, policy: defaultDeadlinePolicy, calendar, now: NOW };
