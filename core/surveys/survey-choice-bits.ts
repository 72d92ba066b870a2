import type { StoredQuestion } from './survey.entity.js';

/**
 * A choice as stored: bit i set when the question's option i was chosen (at
 * most 50 options, so it fits a bigint and a JS number exactly). Results
 * group answers by (question, municipality, bits, value) in one pass over
 * integers, with no array to unnest; the options of a survey that has
 * responses never change (survey.service.ts), so the bits keep their meaning.
 */
export function choiceBits(question: StoredQuestion, optionCodes: readonly string[]): number {
  let bits = 0;
  question.options.forEach((option, i) => {
    if (optionCodes.includes(option.code)) bits += 2 ** i;
  });
  return bits;
}

/** The codes of the options a choice's bits stand for, in the question's order. */
export function codesOfBits(question: StoredQuestion, bits: number): string[] {
  return question.options.filter((_, i) => Math.floor(bits / 2 ** i) % 2 === 1).map((o) => o.code);
}
