import { describe, expect, it } from 'vitest';
import { classifyAppeal } from './classify-appeal.js';
import { classifyDeps, directory, enabled, NOW, structurerFinding } from './intake-test-helpers.js';
import { resolveReferences } from './resolve-references.js';
import { validateIntake } from './validate-intake.js';
import type { AppealIntake } from './intake-types.js';

function classify(extra: Partial<AppealIntake>, structurer = structurerFinding()) {
  const v = validateIntake({ channel: 'POS', text: 'Текст обращения', receivedAt: NOW, ...extra }, NOW);
  return classifyAppeal(v, resolveReferences(v, directory, enabled), classifyDeps(structurer));
}

describe('classifyAppeal (step 3: structuring)', () => {
  it('takes the category and municipality the channel gave, without asking the structurer', () => {
    const structurer = structurerFinding({ categoryCode: 'paths.rut', confidence: 0.99 });
    const c = classify({ category: 'water.leak', municipalityId: 'm-town', summary: 'Утечка' }, structurer);
    expect(structurer.calls).toBe(0);
    expect(c).toMatchObject({ sectorCode: 'water', summary: 'Утечка', classification: { rule: 'input', confidence: 1 }, needsStructuring: false });
    expect(c.category?.code).toBe('water.leak');
    expect(c.plugin?.code).toBe('water');
  });

  it('asks the structurer only for the place and summary when the channel gave the category', () => {
    const structurer = structurerFinding({ municipalityCode: 'village', summary: 'Коротко' });
    const c = classify({ category: 'water.leak' }, structurer);
    expect(structurer.hints).toEqual([{ sectorCode: 'water', categoryKnown: true }]);
    expect(c.municipality?.code).toBe('village');
    const open = structurerFinding();
    classify({}, open);
    expect(open.hints).toEqual([{ sectorCode: null, categoryKnown: false }]);
  });

  it('takes a confident guess of the structurer, with the municipality and summary it found', () => {
    const c = classify({}, structurerFinding({ categoryCode: 'water.leak', municipalityCode: 'village', summary: 'Коротко', confidence: 0.8, rule: 'kw' }));
    expect(c.category?.code).toBe('water.leak');
    expect(c.sectorCode).toBe('water');
    expect(c.municipality?.code).toBe('village');
    expect(c.summary).toBe('Коротко');
    expect(c.classification).toEqual({ rule: 'kw', confidence: 0.8 });
    expect(c.needsStructuring).toBe(false);
  });

  it('leaves an unsure guess as a suggestion for the specialist', () => {
    const suggestions = [{ sectorCode: 'water', categoryCode: 'water.leak', confidence: 0.3 }];
    const c = classify({}, structurerFinding({ categoryCode: 'water.leak', confidence: 0.3, rule: 'kw', suggestions }));
    expect(c.category).toBeUndefined();
    expect(c.sectorCode).toBeNull();
    expect(c.needsStructuring).toBe(true);
    expect(c.suggestions).toEqual([{ sector: 'water', category: 'water.leak', confidence: 0.3 }]);
    expect(c.classification).toEqual({ rule: 'kw', confidence: 0.3 });
  });

  it('does not take a guess of another sector than the channel gave, nor of a sector not enabled', () => {
    const other = classify({ sector: 'paths' }, structurerFinding({ categoryCode: 'water.leak', confidence: 0.9 }));
    expect(other.category).toBeUndefined();
    expect(other.sectorCode).toBe('paths');
    expect(other.needsStructuring).toBe(true);
    const off = classify({}, structurerFinding({ categoryCode: 'off.thing', confidence: 0.9 }));
    expect(off.category).toBeUndefined();
  });

  it('keeps the summary the channel gave and the municipality it named', () => {
    const c = classify({ summary: 'Своё', municipalityId: 'm-town' }, structurerFinding({ municipalityCode: 'village', summary: 'Чужое' }));
    expect(c.summary).toBe('Своё');
    expect(c.municipality?.code).toBe('town');
  });

  it('refuses details without a sector, and details of a sector that declares none', () => {
    expect(() => classify({ details: { a: 1 } })).toThrow(/отраслевому блоку/);
    expect(() => classify({ category: 'paths.rut', details: { a: 1 } })).toThrow(/нет дополнительных сведений/);
  });
});
