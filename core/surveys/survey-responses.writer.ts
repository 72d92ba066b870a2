import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import type { SurveyResponseSource } from './rules/survey-enums.js';
import type { NormalizedAnswer } from './rules/survey.rules.js';
import type { StoredQuestion } from './survey.entity.js';
import { addToTally, tallyKeys } from './survey-tally.js';
import { choiceBits } from './survey-choice-bits.js';

export interface ResponseRow {
  source: SurveyResponseSource;
  rowKey: string | null;
  municipalityId: string | null;
  submittedAt: Date;
  answers: NormalizedAnswer[];
}

const INSERT_RESPONSES = `insert into survey_response (id, survey_id, source, row_key, municipality_id, submitted_at)
select r.id, $1, r.source::survey_response_source, r.row_key, r.municipality_id, r.submitted_at
from unnest($2::uuid[], $3::text[], $4::text[], $5::uuid[], $6::timestamptz[]) as r(id, source, row_key, municipality_id, submitted_at)
on conflict (survey_id, row_key) do nothing
returning id`;

const INSERT_ANSWERS = `insert into survey_answer (response_id, question_code, survey_id, municipality_id, choice_bits, value, text)
select a.response_id, a.question_code, $1, a.municipality_id, a.bits, a.value, a.text
from unnest($2::uuid[], $3::text[], $4::uuid[], $5::bigint[], $6::int[], $7::text[]) as a(response_id, question_code, municipality_id, bits, value, text)`;

/** One respondent's answers as the column arrays the insert statements unnest. */
export function answerColumns(questions: readonly StoredQuestion[], answers: readonly NormalizedAnswer[]) {
  const byCode = new Map(questions.map((q) => [q.code, q]));
  return {
    code: answers.map((a) => a.questionCode),
    bits: answers.map((a) => (a.optionCodes ? choiceBits(byCode.get(a.questionCode)!, a.optionCodes) : null)),
    value: answers.map((a) => a.value),
    text: answers.map((a) => a.text),
  };
}

/**
 * Writes responses, their answers and their tally in three statements, whatever their
 * number (the hot path of submissions and imports: pgQuery, no ORM). Run it
 * inside the caller's transaction. Rows whose (survey, rowKey) exists are
 * skipped; returns which rows were written.
 */
export async function writeResponses(
  em: EntityManager,
  surveyId: string,
  questions: readonly StoredQuestion[],
  rows: readonly ResponseRow[],
): Promise<boolean[]> {
  if (!rows.length) return [];
  const ids = rows.map(() => randomUUID());
  const inserted = await pgQuery<{ id: string }>(
    em,
    INSERT_RESPONSES,
    [surveyId, ids, rows.map((r) => r.source), rows.map((r) => r.rowKey), rows.map((r) => r.municipalityId), rows.map((r) => r.submittedAt)],
    { prepared: true },
  );
  const written = new Set(inserted.map((r) => r.id));
  const answers = {
    response: [] as string[],
    code: [] as string[],
    municipality: [] as (string | null)[],
    bits: [] as (number | null)[],
    value: [] as (number | null)[],
    text: [] as (string | null)[],
  };
  rows.forEach((row, i) => {
    if (!written.has(ids[i])) return;
    const columns = answerColumns(questions, row.answers);
    for (let j = 0; j < columns.code.length; j++) {
      answers.response.push(ids[i]);
      answers.code.push(columns.code[j]);
      answers.municipality.push(row.municipalityId);
      answers.bits.push(columns.bits[j]);
      answers.value.push(columns.value[j]);
      answers.text.push(columns.text[j]);
    }
  });
  if (answers.response.length) {
    await pgQuery(em, INSERT_ANSWERS, [surveyId, answers.response, answers.code, answers.municipality, answers.bits, answers.value, answers.text], {
      prepared: true,
    });
  }
  await addToTally(
    em,
    surveyId,
    rows.flatMap((row, i) => (written.has(ids[i]) ? [{ municipalityId: row.municipalityId, ...tallyKeys(questions, row.source, row.answers) }] : [])),
  );
  return ids.map((id) => written.has(id));
}
