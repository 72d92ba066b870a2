/**
 * The statistics of survey results, as pure functions over aggregates (the
 * service reads the aggregates with SQL). 95% intervals throughout:
 * - a share: the Wilson score interval (Wilson 1927; Brown, Cai & DasGupta
 *   2001 recommend it over the normal "Wald" interval, which fails near 0
 *   and 1 and for small n);
 * - a scale mean: mean ± t(0.975, n−1)·s/√n, Student's t (exact quantiles
 *   up to 30 degrees of freedom, the Cornish–Fisher expansion above);
 * - with weights (post-stratification by municipal population), n is Kish's
 *   effective sample size (Σw)²/Σw².
 */
export const Z95 = 1.959963984540054;

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval of a proportion p observed over n (n may be fractional: an effective size). */
export function wilson(p: number, n: number, z = Z95): Interval {
  if (!(n > 0)) return { low: 0, high: 1 };
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt(Math.max(0, (p * (1 - p)) / n + z2 / (4 * n * n)));
  return { low: Math.max(0, center - half), high: Math.min(1, center + half) };
}

/** t(0.975, df) for df = 1..30. */
const T975 = [
  12.706204736, 4.30265273, 3.182446305, 2.776445105, 2.570581836, 2.446911851, 2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.20098516, 2.17881283,
  2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.10092204, 2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.06865761, 2.063898562,
  2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456,
];

/** The 97.5% quantile of Student's t with df degrees of freedom (df may be fractional: effective sizes). */
export function t975(df: number): number {
  if (!(df >= 1)) return Number.NaN;
  if (df <= 30) {
    const lower = Math.floor(df);
    const upper = Math.min(30, lower + 1);
    const fraction = df - lower;
    return T975[lower - 1] + (T975[upper - 1] - T975[lower - 1]) * fraction;
  }
  const z = Z95;
  return (
    z + (z ** 3 + z) / (4 * df) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df * df) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

/** Aggregates of one question in one cell (a municipality, or none) of respondents with one weight. */
export interface Cell {
  /** Respondents who answered the question. */
  answered: number;
  /** Σ value and Σ value² (scale questions). */
  sum: number;
  sumSquares: number;
  /** Per option code (for a scale: per value as text): respondents who chose it. */
  counts: Map<string, number>;
}

export interface Summary {
  answered: number;
  /** Weighted number answered, and the effective size of the sample. */
  weightedAnswered: number;
  effective: number;
  options: { code: string; count: number; share: number; low: number; high: number }[];
  mean: number | null;
  meanLow: number | null;
  meanHigh: number | null;
}

/**
 * One question's result from its cells and each cell's weight (1 for an
 * unweighted result). `codes`: the options to report, in order.
 */
export function summarize(cells: readonly { weight: number; cell: Cell }[], codes: readonly string[], scale: boolean): Summary {
  let answered = 0;
  let w1 = 0;
  let w2 = 0;
  for (const { weight, cell } of cells) {
    answered += cell.answered;
    w1 += weight * cell.answered;
    w2 += weight * weight * cell.answered;
  }
  const effective = w2 > 0 ? (w1 * w1) / w2 : 0;
  const options = codes.map((code) => {
    let count = 0;
    let weighted = 0;
    for (const { weight, cell } of cells) {
      const c = cell.counts.get(code) ?? 0;
      count += c;
      weighted += weight * c;
    }
    const share = w1 > 0 ? weighted / w1 : 0;
    return { code, count, share, ...wilson(share, effective) };
  });
  let mean: number | null = null;
  let meanLow: number | null = null;
  let meanHigh: number | null = null;
  if (scale && w1 > 0) {
    let s1 = 0;
    for (const { weight, cell } of cells) s1 += weight * cell.sum;
    mean = s1 / w1;
    if (effective > 1) {
      let squares = 0;
      for (const { weight, cell } of cells) squares += weight * (cell.sumSquares - 2 * mean * cell.sum + cell.answered * mean * mean);
      // The weighted variance with the effective-size correction; unweighted, the sample variance.
      const variance = Math.max(0, squares / w1) * (effective / (effective - 1));
      const half = t975(effective - 1) * Math.sqrt(variance / effective);
      meanLow = mean - half;
      meanHigh = mean + half;
    }
  }
  return { answered, weightedAnswered: w1, effective, options, mean, meanLow, meanHigh };
}

/**
 * Post-stratification weights by population: a respondent of municipality m
 * weighs (P_m / ΣP) / (n_m / N) over the municipalities with respondents,
 * so each municipality counts as its share of the population. Respondents
 * without a municipality get weight 0 in a weighted result.
 */
export function populationWeights(respondents: ReadonlyMap<string, number>, population: ReadonlyMap<string, number>): Map<string, number> {
  const present = [...respondents].filter(([m, n]) => n > 0 && (population.get(m) ?? 0) > 0);
  const total = present.reduce((sum, [, n]) => sum + n, 0);
  const people = present.reduce((sum, [m]) => sum + population.get(m)!, 0);
  return new Map(present.map(([m, n]) => [m, population.get(m)! / people / (n / total)]));
}
