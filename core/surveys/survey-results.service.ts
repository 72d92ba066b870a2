import type { EntityManager } from '@mikro-orm/postgresql';
import { pgQuery } from '../db/pg-query.js';
import type { AuthUser } from '../auth/auth-user.js';
import { QuestionType } from './rules/survey-enums.js';
import type { StoredQuestion } from './survey.entity.js';
import type { MunicipalityResult, QuestionResult, SurveyResults } from './survey.types.js';
import { populationWeights, summarize, type Cell } from './survey-stats.js';
import { codesOfBits } from './survey-choice-bits.js';
import { NO_MUNICIPALITY, RESPONSES } from './survey-tally.js';
import { personalTextFor } from '../auth/personal-data.js';

/** A survey as results need it. */
export interface ResultsSubject {
  id: string;
  questions: readonly StoredQuestion[];
}

/**
 * The survey's tally (survey-tally.ts): per question, municipality and
 * answer key (a choice's option bits, a scale's value) the respondents who
 * gave it, and the responses per municipality and source (question ''). A
 * few hundred rows whatever the number of responses, kept by the statements
 * that write the answers, so exact and current; choices' options and
 * scales' sums are expanded from them here.
 */
const TALLY_SQL = `select question_code, municipality_id, answer_key, n from survey_tally where survey_id = $1`;
const LINKS_SQL = `select count(*)::int as issued from survey_link where survey_id = $1`;
const MUNICIPALITIES_SQL = `select id, short_name, population from municipality`;

const NONE = '';

/**
 * Results, exact and current: aggregates over the stored answers at the
 * moment of the call (a response counts as soon as its submission returns).
 * The statements run side by side on the pool's connections.
 */
export async function surveyResults(
  em: EntityManager,
  survey: ResultsSubject,
  options: { weighted?: boolean | null; now?: Date } = {},
): Promise<SurveyResults> {
  const [tally, [links], municipalities] = await Promise.all([
    pgQuery<{ question_code: string; municipality_id: string; answer_key: string; n: number }>(em, TALLY_SQL, [survey.id], { prepared: true }),
    pgQuery<{ issued: number }>(em, LINKS_SQL, [survey.id], { prepared: true }),
    pgQuery<{ id: string; short_name: string; population: number }>(em, MUNICIPALITIES_SQL, [], { prepared: true }),
  ]);
  // cells[question][municipality or ''] = aggregates
  const cells = new Map<string, Map<string, Cell>>();
  const cellOf = (question: string, municipality: string | null) => {
    let byMunicipality = cells.get(question);
    if (!byMunicipality) cells.set(question, (byMunicipality = new Map()));
    const key = municipality ?? NONE;
    let cell = byMunicipality.get(key);
    if (!cell) byMunicipality.set(key, (cell = { answered: 0, sum: 0, sumSquares: 0, counts: new Map() }));
    return cell;
  };
  const add = (counts: Map<string, number>, code: string, n: number) => counts.set(code, (counts.get(code) ?? 0) + n);
  const questions = new Map(survey.questions.map((q) => [q.code, q]));
  const respondents = new Map<string, number>();
  let linkResponses = 0;
  let importedResponses = 0;
  for (const row of tally) {
    if (row.n === 0) continue;
    const municipality = row.municipality_id === NO_MUNICIPALITY ? null : row.municipality_id;
    const key = Number(row.answer_key);
    if (row.question_code === RESPONSES) {
      respondents.set(municipality ?? NONE, (respondents.get(municipality ?? NONE) ?? 0) + row.n);
      if (key === 0) linkResponses += row.n;
      else importedResponses += row.n;
      continue;
    }
    const question = questions.get(row.question_code);
    if (!question) continue;
    const cell = cellOf(row.question_code, municipality);
    cell.answered += row.n;
    if (question.type === QuestionType.SCALE) {
      cell.sum += key * row.n;
      cell.sumSquares += key * key * row.n;
      add(cell.counts, String(key), row.n);
    } else if (question.type !== QuestionType.TEXT) {
      for (const code of codesOfBits(question, key)) add(cell.counts, code, row.n);
    }
  }
  const responseCount = linkResponses + importedResponses;
  const weighted = Boolean(options.weighted);
  const population = new Map(municipalities.map((m) => [m.id, m.population]));
  const weights = weighted ? populationWeights(respondents, population) : null;
  const weightOf = (municipality: string) => (weights ? (weights.get(municipality) ?? 0) : 1);

  const questionResults = (only: string | null): QuestionResult[] =>
    survey.questions.map((question) => {
      const byMunicipality = cells.get(question.code) ?? new Map<string, Cell>();
      const parts = [...byMunicipality]
        .filter(([municipality]) => only === null || municipality === only)
        .map(([municipality, cell]) => ({ weight: only === null ? weightOf(municipality) : 1, cell }));
      const scale = question.type === QuestionType.SCALE;
      const labels = scale
        ? Array.from({ length: question.scaleMax! - question.scaleMin! + 1 }, (_, i) => ({
            code: String(question.scaleMin! + i),
            text: String(question.scaleMin! + i),
          }))
        : question.options;
      const summary = summarize(
        parts,
        labels.map((l) => l.code),
        scale,
      );
      return {
        code: question.code,
        text: question.text,
        type: question.type,
        answered: summary.answered,
        options: summary.options.map((o, i) => ({ ...o, text: labels[i].text })),
        mean: summary.mean,
        meanLow: summary.meanLow,
        meanHigh: summary.meanHigh,
        surveyId: survey.id,
        municipalityId: only === null ? undefined : only || null,
      };
    });

  const names = new Map(municipalities.map((m) => [m.id, m.short_name]));
  const byMunicipality: MunicipalityResult[] = [...respondents]
    .sort(([a, na], [b, nb]) => nb - na || (names.get(a) ?? '').localeCompare(names.get(b) ?? ''))
    .map(([municipality, n]) => ({
      municipalityId: municipality || null,
      name: municipality ? (names.get(municipality) ?? municipality) : 'Не указано',
      responseCount: n,
      questions: questionResults(municipality),
    }));

  let effectiveSampleSize: number | null = null;
  if (weights) {
    let w1 = 0;
    let w2 = 0;
    for (const [municipality, n] of respondents) {
      const w = weightOf(municipality);
      w1 += w * n;
      w2 += w * w * n;
    }
    effectiveSampleSize = w2 > 0 ? (w1 * w1) / w2 : 0;
  }
  return {
    surveyId: survey.id,
    responseCount,
    linkResponses,
    importedResponses,
    linksIssued: links.issued,
    responseRate: links.issued > 0 ? linkResponses / links.issued : null,
    weighted,
    effectiveSampleSize,
    questions: questionResults(null),
    byMunicipality,
    computedAt: options.now ?? new Date(),
  };
}

export const MAX_TEXTS = 500;

/** The latest free-text answers to a question, masked for roles without access to personal data. */
export async function surveyTexts(
  em: EntityManager,
  user: AuthUser | null,
  surveyId: string,
  questionCode: string,
  municipalityId: string | null | undefined,
  first: number,
): Promise<string[]> {
  const values: unknown[] = [surveyId, questionCode, first];
  let where = '';
  if (municipalityId !== undefined) {
    values.push(municipalityId);
    where = municipalityId === null ? ' and a.municipality_id is null' : ' and a.municipality_id = $4';
    if (municipalityId === null) values.pop();
  }
  const rows = await pgQuery<{ text: string }>(
    em,
    `select a.text from survey_answer a join survey_response r on r.id = a.response_id
    where a.survey_id = $1 and a.question_code = $2 and a.text is not null${where} order by r.submitted_at desc, r.id desc limit $3`,
    values,
  );
  // The one free-text masker of core/auth (phones, e-mails, СНИЛС, passports, flats, full names).
  return rows.map((r) => personalTextFor(user, r.text)!);
}
