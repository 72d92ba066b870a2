import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { pgQuery } from '../../core/db/pg-query.js';
import { CLOSE, CREATE, LINKS, OPEN, SUBMIT, SURVEY_FIELDS, UPDATE, links, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let specialist: string;
let head: string;
let housingLead: string;
let analyst: string;
let observer: string;

beforeAll(async () => {
  t = await startTestApp();
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  head = (await t.user(Role.CENTER_HEAD)).token;
  housingLead = (await t.user(Role.SECTOR_LEAD, { sectors: ['housing'] })).token;
  analyst = (await t.user(Role.ANALYST)).token;
  observer = (await t.user(Role.MINISTRY_OBSERVER, { sectors: ['housing'] })).token;
});
afterAll(() => t?.stop());

async function createError(input: Record<string, unknown>, token = specialist) {
  const response = await t.gql(CREATE, { input }, token);
  expect(response.data?.createSurvey ?? null).toBeNull();
  return response.errors![0].extensions!;
}

describe('a questionnaire is checked before anything is stored', () => {
  it('refuses each fault with BAD_USER_INPUT naming the field', async () => {
    const base = questionnaire();
    const q = base.questions;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, questions: [q[0], { ...q[2], code: 'satisfied' }] }, 'input.questions.1.code'],
      [
        {
          ...base,
          questions: [
            {
              ...q[3],
              options: [
                { code: 'a', text: 'A' },
                { code: 'b', text: 'B' },
              ],
            },
          ],
        },
        'input.questions.0.options',
      ],
      [
        {
          ...base,
          questions: [
            {
              ...q[0],
              options: [
                { code: 'a', text: 'A' },
                { code: 'a', text: 'B' },
              ],
            },
          ],
        },
        'input.questions.0.options.1.code',
      ],
      [{ ...base, questions: [{ ...q[0], options: [{ code: 'a', text: 'A' }] }] }, 'input.questions.0.options'],
      [{ ...base, questions: [{ ...q[2], scaleMin: 5, scaleMax: 5 }] }, 'input.questions.0.scaleMax'],
      [{ ...base, questions: [{ ...q[2], scaleMin: null }] }, 'input.questions.0.scaleMin'],
      [{ ...base, questions: [{ ...q[2], scaleMin: 0, scaleMax: 1000 }] }, 'input.questions.0.scaleMax'],
      [{ ...base, questions: [{ ...q[0], scaleMin: 1, scaleMax: 5 }] }, 'input.questions.0.scaleMin'],
      [{ ...base, questions: [{ ...q[0], code: 'with space' }] }, 'input.questions.0.code'],
      [{ ...base, questions: [] }, 'input.questions'],
      [{ ...base, title: 'Опрос\u0000' }, 'input.title'],
      [{ ...base, title: 'x'.repeat(501) }, 'input.title'],
      [{ ...base, opensAt: '2026-02-01T00:00:00Z', closesAt: '2026-01-01T00:00:00Z' }, 'input.closesAt'],
      [{ ...base, audience: { sectors: ['nope'] } }, 'input.audience.sectors.0'],
      [{ ...base, audience: { categories: ['no-such-category'] } }, 'input.audience.categories.0'],
      [{ ...base, audience: { municipalityIds: ['00000000-0000-4000-8000-000000000000'] } }, 'input.audience.municipalityIds.0'],
    ];
    for (const [input, field] of cases) {
      const extensions = await createError(input);
      expect(extensions, field).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    const [{ n }] = await pgQuery<{ n: number }>(t.em(), 'select count(*)::int as n from survey', []);
    expect(n).toBe(0);
  });
});

describe('DRAFT → OPEN → CLOSED with expectedVersion and an audit trail', () => {
  it('edits a draft, refuses a stale version with the current one, moves only forward', async () => {
    const created = (await must(t, CREATE, { input: questionnaire() }, specialist)).createSurvey;
    expect(created).toMatchObject({ version: 1, status: 'DRAFT', responseCount: 0 });
    expect(created.questions.map((q: { code: string }) => q.code)).toEqual(['satisfied', 'problems', 'score', 'comment']);
    const edited = (await must(t, UPDATE, { id: created.id, v: 1, input: { ...questionnaire('Уборка дворов зимой') } }, specialist)).updateSurvey;
    expect(edited.version).toBe(2);
    const stale = await t.gql(OPEN, { id: created.id, v: 1 }, specialist);
    expect(stale.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: 2 });
    const opened = (await must(t, OPEN, { id: created.id, v: 2 }, head)).openSurvey;
    expect(opened).toMatchObject({ status: 'OPEN', version: 3 });
    const again = await t.gql(OPEN, { id: created.id, v: 3 }, specialist);
    expect(again.errors![0].extensions!.code).toBe('CONFLICT');
    const closed = (await must(t, CLOSE, { id: created.id, v: 3 }, specialist)).closeSurvey;
    expect(closed).toMatchObject({ status: 'CLOSED', version: 4 });
    const reopen = await t.gql(CLOSE, { id: created.id, v: 4 }, specialist);
    expect(reopen.errors![0].extensions!.code).toBe('CONFLICT');
    const editClosed = await t.gql(UPDATE, { id: created.id, v: 4, input: questionnaire() }, specialist);
    expect(editClosed.errors![0].extensions!.code).toBe('CONFLICT');
    const history = (await must(t, 'query($id: ID!) { survey(id: $id) { history { type version at } } }', { id: created.id }, analyst)).survey.history;
    expect(history.map((e: { type: string }) => e.type)).toEqual(['CREATED', 'UPDATED', 'OPENED', 'CLOSED']);
    expect(history.map((e: { version: number }) => e.version)).toEqual([1, 2, 3, 4]);
  });

  it('keeps the trail append-only in the database', async () => {
    const created = (await must(t, CREATE, { input: questionnaire() }, specialist)).createSurvey;
    await expect(pgQuery(t.em(), 'update survey_event set type = $2 where survey_id = $1', [created.id, 'FORGED'])).rejects.toThrow(/append-only/);
    await expect(pgQuery(t.em(), 'delete from survey_event where survey_id = $1', [created.id])).rejects.toThrow(/append-only/);
  });

  it('refuses to edit a survey with responses, and a copy is a new editable draft', async () => {
    const survey = await openSurvey(t, specialist);
    const before = (await must(t, UPDATE, { id: survey.id, v: survey.version, input: questionnaire('Открыт, ответов нет') }, specialist)).updateSurvey;
    const [token] = await links(t, specialist, survey.id, 1);
    await must(t, SUBMIT, {
      token,
      answers: [
        { questionCode: 'satisfied', optionCodes: ['yes'] },
        { questionCode: 'score', value: 4 },
      ],
    });
    const refused = await t.gql(UPDATE, { id: survey.id, v: before.version, input: questionnaire('Правка') }, specialist);
    expect(refused.errors![0].extensions).toMatchObject({ code: 'CONFLICT', currentVersion: before.version });
    expect(refused.errors![0].message).toMatch(/copySurvey/);
    const copy = (await must(t, `mutation($id: ID!) { copySurvey(id: $id) { ${SURVEY_FIELDS} } }`, { id: survey.id }, specialist)).copySurvey;
    expect(copy).toMatchObject({ status: 'DRAFT', version: 1, title: 'Открыт, ответов нет', responseCount: 0 });
    expect(copy.id).not.toBe(survey.id);
    const edited = (await must(t, UPDATE, { id: copy.id, v: 1, input: questionnaire('Версия 2') }, specialist)).updateSurvey;
    expect(edited.title).toBe('Версия 2');
  });
});

describe('who may see and run a survey', () => {
  it('lets a sector lead run surveys of its own sectors only, and hides the others', async () => {
    const foreign = await createError({ ...questionnaire(), audience: { sectors: ['roads'] } }, housingLead);
    expect(foreign).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.audience.sectors' });
    const regionWide = await createError(questionnaire(), housingLead);
    expect(regionWide).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.audience.sectors' });
    const own = (await must(t, CREATE, { input: { ...questionnaire('Жилищный'), audience: { sectors: ['housing'] } } }, housingLead)).createSurvey;
    await must(t, OPEN, { id: own.id, v: 1 }, housingLead);
    const roads = (await must(t, CREATE, { input: { ...questionnaire('Дорожный'), audience: { sectors: ['roads'] } } }, specialist)).createSurvey;
    const open = await t.gql(OPEN, { id: roads.id, v: 1 }, housingLead);
    expect(open.errors![0].extensions!.code).toBe('NOT_FOUND');
    const read = await must(t, 'query($id: ID!) { survey(id: $id) { id } }', { id: roads.id }, housingLead);
    expect(read.survey).toBeNull();
    const listed = async (token: string) =>
      (await must(t, '{ surveys(first: 100) { totalCount edges { node { id } } } }', {}, token)).surveys.edges.map((e: { node: { id: string } }) => e.node.id);
    expect(await listed(housingLead)).toContain(own.id);
    expect(await listed(housingLead)).not.toContain(roads.id);
    expect(await listed(observer)).toEqual(await listed(housingLead));
    expect(await listed(analyst)).toEqual(expect.arrayContaining([own.id, roads.id]));
  });

  it('pages the list with cursors', async () => {
    const first = (await must(t, '{ surveys(first: 2) { totalCount pageInfo { hasNextPage endCursor } edges { node { id createdAt } } } }', {}, analyst))
      .surveys;
    expect(first.edges).toHaveLength(2);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const next = (
      await must(t, 'query($after: String) { surveys(first: 100, after: $after) { edges { node { id } } } }', { after: first.pageInfo.endCursor }, analyst)
    ).surveys;
    expect(next.edges.length).toBe(first.totalCount - 2);
    const ids = [...first.edges, ...next.edges].map((e: { node: { id: string } }) => e.node.id);
    expect(new Set(ids).size).toBe(first.totalCount);
  });

  it('refuses links for a closed survey, and a count together with forAudience', async () => {
    const survey = await openSurvey(t, specialist);
    const both = await t.gql(LINKS, { id: survey.id, count: 2, forAudience: true }, specialist);
    expect(both.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'count' });
    const none = await t.gql(LINKS, { id: survey.id, forAudience: true }, specialist);
    expect(none.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'forAudience' });
    await must(t, CLOSE, { id: survey.id, v: survey.version }, specialist);
    const closed = await t.gql(LINKS, { id: survey.id, count: 1 }, specialist);
    expect(closed.errors![0].extensions!.code).toBe('CONFLICT');
  });
});

describe('the tie-in with regional problems', () => {
  it("shows a survey attached to a problem on Problem.surveys, within the reader's scope", async () => {
    const [category] = (await must(t, '{ categories(sector: "housing") { code } }', {}, specialist)).categories;
    const problem = (
      await must(
        t,
        `mutation($input: CreateProblemInput!) { createProblem(input: $input) { id } }`,
        {
          input: {
            category: category.code,
            latitude: 56.63,
            longitude: 47.89,
            radiusMeters: 500,
            from: '2026-01-01T00:00:00Z',
            to: '2026-02-01T00:00:00Z',
            title: 'Холодные батареи',
          },
        },
        specialist,
      )
    ).createProblem;
    const survey = (
      await must(t, CREATE, { input: { ...questionnaire('Про батареи'), audience: { sectors: ['housing'], problemId: problem.id } } }, specialist)
    ).createSurvey;
    expect(survey.audience.problemId).toBe(problem.id);
    const surveysOf = async (token: string) => {
      const problems = (await must(t, '{ problems(first: 100) { edges { node { id surveys { id title } } } } }', {}, token)).problems.edges;
      return problems.find((e: { node: { id: string } }) => e.node.id === problem.id)?.node.surveys ?? null;
    };
    expect(await surveysOf(analyst)).toEqual([{ id: survey.id, title: 'Про батареи' }]);
    expect(await surveysOf(housingLead)).toEqual([{ id: survey.id, title: 'Про батареи' }]);
    const operator = (await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token;
    const seen = await surveysOf(operator);
    if (seen !== null) expect(seen).toEqual([]);
    const filtered = (await must(t, 'query($p: ID) { surveys(filter: { problemId: $p }) { edges { node { id } } } }', { p: problem.id }, analyst)).surveys
      .edges;
    expect(filtered.map((e: { node: { id: string } }) => e.node.id)).toEqual([survey.id]);
  });
});
