import { randomUUID } from 'node:crypto';
import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import type { SurveyResponseSource } from './survey-enums.js';
import type { NormalizedAnswer } from './survey.rules.js';

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

const INSERT_ANSWERS = `insert into survey_answer (response_id, question_code, survey_id, municipality_id, option_codes, value, text)
select a.response_id, a.question_code, $1, a.municipality_id, case when a.options is null then null else string_to_array(a.options, chr(31)) end, a.value, a.text
from unnest($2::uuid[], $3::text[], $4::uuid[], $5::text[], $6::int[], $7::text[]) as a(response_id, question_code, municipality_id, options, value, text)`;

/**
 * Writes responses and their answers in two statements, whatever their
 * number (the hot path of submissions and imports: pgQuery, no ORM). Run it
 * inside the caller's transaction. Rows whose (survey, rowKey) exists are
 * skipped; returns which rows were written.
 */
export async function writeResponses(em: EntityManager, surveyId: string, rows: readonly ResponseRow[]): Promise<boolean[]> {
  if (!rows.length) return [];
  const ids = rows.map(() => randomUUID());
  const inserted = await pgQuery<{ id: string }>(em, INSERT_RESPONSES, [
    surveyId, ids, rows.map((r) => r.source), rows.map((r) => r.rowKey), rows.map((r) => r.municipalityId), rows.map((r) => r.submittedAt),
  ], { prepared: true });
  const written = new Set(inserted.map((r) => r.id));
  const answers = { response: [] as string[], code: [] as string[], municipality: [] as (string | null)[], options: [] as (string | null)[], value: [] as (number | null)[], text: [] as (string | null)[] };
  rows.forEach((row, i) => {
    if (!written.has(ids[i])) return;
    for (const answer of row.answers) {
      answers.response.push(ids[i]);
      answers.code.push(answer.questionCode);
      answers.municipality.push(row.municipalityId);
      // Option codes never hold U+001F (codes are [A-Za-z0-9_-]): a flat text[] parameter carries the lists.
      answers.options.push(answer.optionCodes ? answer.optionCodes.join('\u001f') : null);
      answers.value.push(answer.value);
      answers.text.push(answer.text);
    }
  });
  if (answers.response.length) {
    await pgQuery(em, INSERT_ANSWERS, [surveyId, answers.response, answers.code, answers.municipality, answers.options, answers.value, answers.text], { prepared: true });
  }
  return ids.map((id) => written.has(id));
}
