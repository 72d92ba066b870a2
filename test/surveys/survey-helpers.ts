import type { TestApp } from '../support/test-app.js';

export const SURVEY_FIELDS =
  'id version title status opensAt closesAt responseCount audience { municipalityIds sectors categories problemId } questions { code type required options { code text } scaleMin scaleMax }';
export const CREATE = `mutation($input: SurveyInput!) { createSurvey(input: $input) { ${SURVEY_FIELDS} } }`;
export const UPDATE = `mutation($id: ID!, $input: SurveyInput!, $v: Int!) { updateSurvey(id: $id, input: $input, expectedVersion: $v) { ${SURVEY_FIELDS} } }`;
export const OPEN = `mutation($id: ID!, $v: Int!) { openSurvey(id: $id, expectedVersion: $v) { id version status } }`;
export const CLOSE = `mutation($id: ID!, $v: Int!) { closeSurvey(id: $id, expectedVersion: $v) { id version status } }`;
export const LINKS = `mutation($id: ID!, $count: Int, $forAudience: Boolean) { issueSurveyLinks(surveyId: $id, count: $count, forAudience: $forAudience) { token url expiresAt appealId } }`;
export const SUBMIT = `mutation($token: String!, $answers: [SurveyAnswerInput!]!, $m: ID) { submitSurveyResponse(token: $token, answers: $answers, municipalityId: $m) { accepted surveyTitle submittedAt } }`;
export const IMPORT = `mutation($id: ID!, $rows: [SurveyResponseRowInput!]!) { importSurveyResponses(surveyId: $id, rows: $rows) { created existing failed rows { index rowKey status error { code field message } } } }`;
export const RESULTS_FIELDS = `responseCount linkResponses importedResponses linksIssued responseRate weighted effectiveSampleSize
  questions { code type answered mean meanLow meanHigh options { code count share low high } texts(first: 50) }
  byMunicipality { municipalityId name responseCount questions { code answered mean options { code count share } } }`;
export const RESULTS = `query($id: ID!, $w: Boolean) { survey(id: $id) { id results(weighted: $w) { ${RESULTS_FIELDS} } } }`;

/** A questionnaire with one question of each type. */
export function questionnaire(title = 'Качество уборки дворов') {
  return {
    title,
    description: 'Опрос жителей о работе управляющих компаний',
    questions: [
      {
        code: 'satisfied',
        text: 'Довольны ли вы уборкой двора?',
        type: 'SINGLE_CHOICE',
        options: [
          { code: 'yes', text: 'Да' },
          { code: 'no', text: 'Нет' },
          { code: 'unsure', text: 'Затрудняюсь ответить' },
        ],
      },
      {
        code: 'problems',
        text: 'Что беспокоит?',
        type: 'MULTIPLE_CHOICE',
        required: false,
        options: [
          { code: 'snow', text: 'Снег' },
          { code: 'trash', text: 'Мусор' },
          { code: 'light', text: 'Освещение' },
        ],
      },
      { code: 'score', text: 'Оцените от 1 до 5', type: 'SCALE', scaleMin: 1, scaleMax: 5 },
      { code: 'comment', text: 'Ваш комментарий', type: 'TEXT', required: false },
    ],
  };
}

export async function must<T = any>(t: TestApp, query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const response = await t.gql<T>(query, variables, token);
  if (response.errors?.length) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return response.data as T;
}

export async function municipalities(t: TestApp, token: string): Promise<{ id: string; population: number; shortName: string }[]> {
  return (await must(t, '{ municipalities { id population shortName } }', {}, token)).municipalities;
}

/** Creates and opens a survey; returns its id and version. */
export async function openSurvey(t: TestApp, token: string, input: Record<string, unknown> = questionnaire()): Promise<{ id: string; version: number }> {
  const created = (await must(t, CREATE, { input }, token)).createSurvey;
  const opened = (await must(t, OPEN, { id: created.id, v: created.version }, token)).openSurvey;
  return { id: opened.id, version: opened.version };
}

export async function links(t: TestApp, token: string, id: string, count: number): Promise<string[]> {
  return (await must(t, LINKS, { id, count }, token)).issueSurveyLinks.map((l: { token: string }) => l.token);
}
