import { describe, expect, it } from 'vitest';
import { countRu, pluralRu, roundHours, SPECIALISTS, DAYS } from './plural.js';

describe('Russian plurals through Intl.PluralRules', () => {
  it('picks one, few and many as Russian grammar does', () => {
    expect([1, 2, 5, 11, 12, 21, 22, 25, 101, 111, 0].map((n) => countRu(n, SPECIALISTS))).toEqual([
      '1 специалист',
      '2 специалиста',
      '5 специалистов',
      '11 специалистов',
      '12 специалистов',
      '21 специалист',
      '22 специалиста',
      '25 специалистов',
      '101 специалист',
      '111 специалистов',
      '0 специалистов',
    ]);
    expect(pluralRu(3, DAYS)).toBe('дня');
    expect(pluralRu(1.5, DAYS)).toBe('дня');
  });

  it('rounds hours to one decimal place', () => {
    expect(roundHours(-9027.062377)).toBe(-9027.1);
    expect(roundHours(12.04)).toBe(12);
  });
});
