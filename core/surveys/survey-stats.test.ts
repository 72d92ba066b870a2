import { describe, expect, it } from 'vitest';
import { populationWeights, summarize, t975, wilson, type Cell } from './survey-stats.js';
import { personalTextFor } from '../auth/personal-data.js';
import { Role } from '../entities/enums.js';

describe('the Wilson score interval', () => {
  // Reference values: Newcombe (1998), Table I (method 3), and R's prop.test(correct = FALSE).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
    [8, 10, 0.4902, 0.9433],
    [50, 100, 0.4038, 0.5962],
  ])('%i of %i → [%f, %f]', (x, n, low, high) => {
    const interval = wilson(x / n, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
  });

  it('says nothing is known of an empty sample', () => {
    expect(wilson(0, 0)).toEqual({ low: 0, high: 1 });
  });
});

describe("Student's t", () => {
  it('matches the tables', () => {
    expect(t975(1)).toBeCloseTo(12.706, 3);
    expect(t975(10)).toBeCloseTo(2.228, 3);
    expect(t975(30)).toBeCloseTo(2.042, 3);
    expect(t975(31)).toBeCloseTo(2.0395, 3);
    expect(t975(60)).toBeCloseTo(2.0003, 3);
    expect(t975(120)).toBeCloseTo(1.9799, 3);
    expect(t975(1e6)).toBeCloseTo(1.96, 3);
  });
});

describe('weights and summaries', () => {
  it('makes each municipality count as its share of the population', () => {
    const weights = populationWeights(
      new Map([
        ['a', 30],
        ['b', 10],
      ]),
      new Map([
        ['a', 1000],
        ['b', 3000],
      ]),
    );
    // a: 25% of people, 75% of respondents; b: 75% of people, 25% of respondents.
    expect(weights.get('a')).toBeCloseTo(0.25 / 0.75, 10);
    expect(weights.get('b')).toBeCloseTo(0.75 / 0.25, 10);
    const cell = (answered: number, yes: number): Cell => ({ answered, sum: 0, sumSquares: 0, counts: new Map([['yes', yes]]) });
    const summary = summarize(
      [
        { weight: weights.get('a')!, cell: cell(30, 30) },
        { weight: weights.get('b')!, cell: cell(10, 0) },
      ],
      ['yes'],
      false,
    );
    expect(summary.options[0].share).toBeCloseTo(0.25, 10);
    expect(summary.options[0].count).toBe(30);
    // Kish: (Σw)² / Σw² = (10 + 30)² / (30·(1/3)² + 10·3²) = 1600 / 93.33
    expect(summary.effective).toBeCloseTo(1600 / (30 / 9 + 90), 8);
  });

  it('gives a scale mean with the t interval of the sample', () => {
    const values = [1, 2, 3, 4, 5, 5];
    const cell: Cell = { answered: 6, sum: 20, sumSquares: values.reduce((s, v) => s + v * v, 0), counts: new Map() };
    const summary = summarize([{ weight: 1, cell }], [], true);
    const mean = 20 / 6;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / 5);
    expect(summary.mean).toBeCloseTo(mean, 10);
    expect(summary.meanHigh! - summary.mean!).toBeCloseTo((2.570582 * sd) / Math.sqrt(6), 5);
  });
});

describe('masking personal data in a free answer (the one masker of core/auth)', () => {
  const answer = 'Пишет Иванов Пётр Сергеевич, ivanov@mail.ru, тел. +7 (917) 123-45-67, ул. Ленина д. 5, кв. 12';
  it('hides e-mails, phones, full names and flat numbers from an analyst', () => {
    const masked = personalTextFor({ id: 'a', role: Role.ANALYST, organizationId: null, sectors: [] }, answer)!;
    expect(masked).not.toMatch(/Иванов|Пётр|ivanov|123-45-67|кв\. 12/);
    expect(masked).toContain('Пишет');
  });
  it('leaves the answer whole for a role with access to personal data', () => {
    expect(personalTextFor({ id: 's', role: Role.CENTER_SPECIALIST, organizationId: null, sectors: [] }, answer)).toBe(answer);
  });
});
