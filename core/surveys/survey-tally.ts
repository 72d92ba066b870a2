import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import { SurveyResponseSource } from './rules/survey-enums.js';
import type { NormalizedAnswer } from './rules/survey.rules.js';
import type { StoredQuestion } from './survey.entity.js';
import { choiceBits } from './survey-choice-bits.js';

/** The municipality key of a respondent without one (survey_tally's key columns cannot be null). */
export const NO_MUNICIPALITY = '00000000-0000-0000-0000-000000000000';
/** The question code of the responses' own counts. */
export const RESPONSES = '';

/** What one answer adds to: a choice's option bits, a scale's value, 0 for a free text. */
export function answerKey(question: StoredQuestion | undefined, answer: NormalizedAnswer): number {
  if (answer.optionCodes && question) return choiceBits(question, answer.optionCodes);
  return answer.value ?? 0;
}

/** One respondent's tally keys: the response itself first, then one per answer (codes and keys as two arrays). */
export function tallyKeys(
  questions: readonly StoredQuestion[],
  source: SurveyResponseSource,
  answers: readonly NormalizedAnswer[],
): { code: string[]; key: number[] } {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  return {
    code: [RESPONSES, ...answers.map((a) => a.questionCode)],
    key: [source === SurveyResponseSource.LINK ? 0 : 1, ...answers.map((a) => answerKey(byCode.get(a.questionCode), a))],
  };
}

/**
 * Adds counts to the tally, in a fixed order of keys, so that two writers
 * that add to the same rows take their locks in the same order (no
 * deadlock); a writer waits on a row only for the other's statement.
 */
const ADD_SQL = `insert into survey_tally (survey_id, question_code, municipality_id, answer_key, n)
select $1, t.code, t.municipality, t.key, t.n from unnest($2::text[], $3::uuid[], $4::bigint[], $5::int[]) as t(code, municipality, key, n)
order by 2, 3, 4
on conflict (survey_id, question_code, municipality_id, answer_key) do update set n = survey_tally.n + excluded.n`;

/** Adds a batch of respondents' keys (imports): summed per key in JS, one statement. */
export async function addToTally(
  em: EntityManager,
  surveyId: string,
  rows: readonly { municipalityId: string | null; code: string[]; key: number[] }[],
): Promise<void> {
  const sums = new Map<string, { code: string; municipality: string; key: number; n: number }>();
  for (const row of rows) {
    const municipality = row.municipalityId ?? NO_MUNICIPALITY;
    row.code.forEach((code, i) => {
      const id = `${code}\u0000${municipality}\u0000${row.key[i]}`;
      const sum = sums.get(id);
      if (sum) sum.n++;
      else sums.set(id, { code, municipality, key: row.key[i], n: 1 });
    });
  }
  if (!sums.size) return;
  const all = [...sums.values()];
  await pgQuery(em, ADD_SQL, [surveyId, all.map((s) => s.code), all.map((s) => s.municipality), all.map((s) => s.key), all.map((s) => s.n)], {
    prepared: true,
  });
}
