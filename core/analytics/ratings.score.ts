import type { RatingPart } from '../config/analytics.settings.js';
import type { RatingFigures } from './ratings.figures.js';
import type { RatingFigure, RatingPartValue } from './ratings.types.js';

/**
 * Scoring, pure. Fairness for small numbers (DOMAIN.md "Ratings and KPIs"):
 * every share is shrunk towards the share of everyone rated together,
 *   shrunk = (hits + m × pooled share) / (trials + m),
 * with m = RATING_PRIOR_WEIGHT (default 20): a body with 2 appeals answered in
 * 4 minutes keeps close to the mean instead of topping the list; with many
 * appeals its own figures dominate. The median response time is shrunk the
 * same way towards the pooled median. Bodies with fewer than
 * RATING_MIN_APPEALS appeals are listed without a place.
 */
export interface ScoreSettings {
  weights: Record<RatingPart, number>;
  priorWeight: number;
}

export const PART_NAMES: Record<RatingPart, string> = {
  quantity: 'Количество',
  timeliness: 'Своевременность',
  quality: 'Качество (без возвратов на доработку)',
  speed: 'Скорость ответа',
  completeness: 'Полнота (ответы на обращения, срок которых наступил)',
  satisfaction: 'Удовлетворённость',
  repeats: 'Без повторных обращений',
};

const shrink = (hits: number, trials: number, pooled: number | null, m: number) => (pooled == null ? null : (hits + m * pooled) / (trials + m));
const share = (hits: number, trials: number) => (trials ? hits / trials : null);
/** The counts a share part is made of. */
type Count = Exclude<keyof RatingFigures, 'id' | 'medianHours'>;
const fig = (code: string, label: string, value: number | null): RatingFigure => ({ code, label, value });

export interface SubjectInput {
  figures: RatingFigures;
  /** Appeals per 10,000 residents (municipalities), else null. */
  perTenThousand: number | null;
}

export interface ScoredParts {
  parts: Record<RatingPart, RatingPartValue>;
  score: number;
}

export interface QuantityRange {
  min: number;
  max: number;
}

/** The parts and the score of one subject, against the pooled figures of the list. */
export function scoreSubject(input: SubjectInput, pooled: RatingFigures, quantityRange: QuantityRange | null, settings: ScoreSettings): ScoredParts {
  const f = input.figures;
  const m = settings.priorWeight;
  const formula = (hits: string, trials: string, invert = false) => `${invert ? '1 − ' : ''}(${hits} + ${m} × доля по всем) / (${trials} + ${m})`;
  /** A share part: hits out of trials, shrunk towards the pooled share; `invert` scores the share of what went wrong. */
  const sharePart = (hits: Count, trials: Count, invert: boolean, words: [string, string], own: RatingFigure[], pooledLabel = 'Доля по всем') => {
    const value = shrink(f[hits], f[trials], share(pooled[hits], pooled[trials]), m);
    return {
      value: invert && value != null ? 1 - value : value,
      formula: formula(words[0], words[1], invert),
      figures: [...own, fig('pooledShare', pooledLabel, share(pooled[hits], pooled[trials]))],
    };
  };

  const values: Record<RatingPart, { value: number | null; formula: string; figures: RatingFigure[] }> = {
    quantity:
      input.perTenThousand != null
        ? {
            // Municipalities: fewer appeals per 10,000 residents is better, scaled between the list's lowest and highest.
            value:
              quantityRange && quantityRange.max > quantityRange.min ? (quantityRange.max - input.perTenThousand) / (quantityRange.max - quantityRange.min) : 1,
            formula: '(наибольшее − своё) / (наибольшее − наименьшее) число обращений на 10 000 жителей',
            figures: [
              fig('perTenThousand', 'Обращений на 10 000 жителей', input.perTenThousand),
              fig('minPerTenThousand', 'Наименьшее в рейтинге', quantityRange?.min ?? null),
              fig('maxPerTenThousand', 'Наибольшее в рейтинге', quantityRange?.max ?? null),
            ],
          }
        : // Bodies: the share of the appeals received that got an answer at all.
          sharePart('answered', 'n', false, ['ответов', 'обращений'], [fig('appeals', 'Обращений', f.n), fig('answered', 'Дан ответ', f.answered)]),
    timeliness: sharePart(
      'onTime',
      'answered',
      false,
      ['ответов в срок', 'ответов'],
      [
        fig('answered', 'Дан ответ', f.answered),
        fig('answeredOnTime', 'Ответ в срок', f.onTime),
        fig('onTimeRate', 'Доля в срок', share(f.onTime, f.answered)),
      ],
    ),
    quality: sharePart(
      'returned',
      'answered',
      true,
      ['возвратов на доработку', 'ответов'],
      [fig('answered', 'Дан ответ', f.answered), fig('returned', 'Возвращено на доработку', f.returned)],
      'Доля возвратов по всем',
    ),
    speed: speedPart(f, pooled, m),
    completeness: sharePart(
      'dueAnswered',
      'due',
      false,
      ['ответов на обращения с наступившим сроком', 'обращений с наступившим сроком'],
      [fig('due', 'Срок наступил', f.due), fig('dueAnswered', 'Из них с ответом', f.dueAnswered)],
    ),
    satisfaction: sharePart(
      'negative',
      'rated',
      true,
      ['негативных оценок', 'оценок'],
      [fig('rated', 'Оценено', f.rated), fig('negative', 'Негативных оценок', f.negative)],
      'Доля негативных по всем',
    ),
    repeats: sharePart(
      'repeats',
      'n',
      true,
      ['повторных', 'обращений'],
      [fig('appeals', 'Обращений', f.n), fig('repeats', 'Повторных', f.repeats)],
      'Доля повторных по всем',
    ),
  };

  // Parts with no value (nothing to judge by anywhere) drop out; the rest keep their relative weights.
  const weightSum = (Object.keys(values) as RatingPart[]).reduce((s, part) => s + (values[part].value == null ? 0 : settings.weights[part]), 0);
  const parts = {} as Record<RatingPart, RatingPartValue>;
  let score = 0;
  for (const part of Object.keys(values) as RatingPart[]) {
    const { value, formula: text, figures } = values[part];
    const points = value == null || !weightSum ? 0 : (100 * settings.weights[part] * value) / weightSum;
    score += points;
    parts[part] = { part, name: PART_NAMES[part], value, weight: settings.weights[part], points, formula: text, figures };
  }
  return { parts, score };
}

function speedPart(f: RatingFigures, pooled: RatingFigures, m: number) {
  const pooledMedian = pooled.medianHours;
  const own = f.medianHours;
  const shrunk = pooledMedian == null ? null : own == null ? pooledMedian : (f.answered * own + m * pooledMedian) / (f.answered + m);
  // 0.5 at the pooled median, towards 1 when faster, towards 0 when slower.
  const value = shrunk == null || pooledMedian == null ? null : pooledMedian + shrunk === 0 ? 1 : pooledMedian / (pooledMedian + shrunk);
  return {
    value,
    formula: `медиана по всем / (медиана по всем + сглаженная медиана); сглаженная = (ответов × своя медиана + ${m} × медиана по всем) / (ответов + ${m})`,
    figures: [
      fig('answered', 'Дан ответ', f.answered),
      fig('medianResponseHours', 'Медианное время ответа, ч', own),
      fig('pooledMedianHours', 'Медиана по всем, ч', pooledMedian),
      fig('shrunkMedianHours', 'Сглаженная медиана, ч', shrunk),
    ],
  };
}
