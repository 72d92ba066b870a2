import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { ManualClock } from '../../core/clock/clock.js';
import { Role } from '../../core/entities/enums.js';
import { pgQuery } from '../../core/db/pg-query.js';
import { hashToken } from '../../core/surveys/survey-links.service.js';
import { CLOSE, CREATE, LINKS, SUBMIT, links, municipalities, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let clock: ManualClock;
let specialist: string;

const GOOD = [
  { questionCode: 'satisfied', optionCodes: ['yes'] },
  { questionCode: 'score', value: 5 },
];

beforeAll(async () => {
  clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  t = await startTestApp({ clock, env: { SURVEY_LINK_BASE: 'https://opros.example.ru/s', SURVEY_LINK_TTL_DAYS: '7' } });
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(() => t?.stop());

async function submitError(token: string, answers: unknown[], municipalityId?: string) {
  const response = await t.gql(SUBMIT, { token, answers, m: municipalityId ?? null });
  expect(response.data?.submitSurveyResponse ?? null).toBeNull();
  return response.errors![0].extensions!;
}

async function stored(surveyId: string) {
  const [row] = await pgQuery<{ responses: number; answers: number; used: number }>(
    t.em(),
    `select
    (select count(*)::int from survey_response where survey_id = $1) as responses,
    (select count(*)::int from survey_answer where survey_id = $1) as answers,
    (select count(used_at)::int from survey_link where survey_id = $1) as used`,
    [surveyId],
  );
  return row;
}

describe('one-use links', () => {
  it('keeps only a hash of each token, with an expiry and a url from SURVEY_LINK_BASE', async () => {
    const survey = await openSurvey(t, specialist);
    const issued = (await must(t, LINKS, { id: survey.id, count: 3 }, specialist)).issueSurveyLinks;
    expect(issued).toHaveLength(3);
    expect(new Set(issued.map((l: { token: string }) => l.token)).size).toBe(3);
    expect(issued[0].url).toBe(`https://opros.example.ru/s?token=${issued[0].token}`);
    expect(issued[0].expiresAt).toBe('2026-03-09T09:00:00.000Z');
    const rows = await pgQuery<{ token_hash: string }>(t.em(), 'select token_hash from survey_link where survey_id = $1', [survey.id]);
    expect(rows.map((r) => r.token_hash).sort()).toEqual(issued.map((l: { token: string }) => hashToken(l.token)).sort());
    const dump = JSON.stringify(await pgQuery(t.em(), 'select * from survey_link where survey_id = $1', [survey.id]));
    for (const link of issued) expect(dump).not.toContain(link.token);
  });

  it('accepts one response per token; a used, unknown, forged or expired link is refused', async () => {
    const survey = await openSurvey(t, specialist);
    const [first, second] = await links(t, specialist, survey.id, 2);
    const receipt = (await must(t, SUBMIT, { token: first, answers: GOOD })).submitSurveyResponse;
    expect(receipt).toMatchObject({ accepted: true, surveyTitle: 'Качество уборки дворов' });
    expect(await submitError(first, GOOD)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await submitError('A'.repeat(43), GOOD)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await submitError('not-a-token', GOOD)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'token' });
    clock.advance(8 * 86_400_000);
    try {
      expect(await submitError(second, GOOD)).toMatchObject({ code: 'FORBIDDEN' });
    } finally {
      clock.advance(-8 * 86_400_000);
    }
    expect(await stored(survey.id)).toEqual({ responses: 1, answers: 2, used: 1 });
  });

  it('refuses each bad answer with the question code as the field, storing nothing and keeping the link', async () => {
    const survey = await openSurvey(t, specialist);
    const [token] = await links(t, specialist, survey.id, 1);
    const cases: [unknown[], string][] = [
      [[{ questionCode: 'score', value: 5 }], 'satisfied'],
      [[...GOOD, { questionCode: 'ghost', text: 'x' }], 'ghost'],
      [
        [
          { questionCode: 'satisfied', optionCodes: ['yes', 'no'] },
          { questionCode: 'score', value: 5 },
        ],
        'satisfied',
      ],
      [
        [
          { questionCode: 'satisfied', optionCodes: ['maybe'] },
          { questionCode: 'score', value: 5 },
        ],
        'satisfied',
      ],
      [
        [
          { questionCode: 'satisfied', optionCodes: [] },
          { questionCode: 'score', value: 5 },
        ],
        'satisfied',
      ],
      [[...GOOD, { questionCode: 'problems', optionCodes: ['snow', 'snow'] }], 'problems'],
      [
        [
          { questionCode: 'satisfied', optionCodes: ['yes'] },
          { questionCode: 'score', value: 6 },
        ],
        'score',
      ],
      [
        [
          { questionCode: 'satisfied', optionCodes: ['yes'] },
          { questionCode: 'score', value: 0 },
        ],
        'score',
      ],
      [
        [
          { questionCode: 'satisfied', optionCodes: ['yes'] },
          { questionCode: 'score', text: '5' },
        ],
        'score',
      ],
      [[...GOOD, { questionCode: 'comment', text: 'плохо\u0000' }], 'comment'],
      [[...GOOD, { questionCode: 'comment', text: 'я'.repeat(4001) }], 'comment'],
      [[...GOOD, { questionCode: 'comment', text: '   ' }], 'comment'],
      [[...GOOD, { questionCode: 'satisfied', optionCodes: ['no'] }], 'satisfied'],
    ];
    for (const [answers, field] of cases) {
      expect(await submitError(token, answers), JSON.stringify(answers).slice(0, 120)).toMatchObject({ code: 'BAD_USER_INPUT', field });
    }
    expect(await submitError(token, GOOD, '00000000-0000-4000-8000-000000000000')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'municipalityId' });
    expect(await stored(survey.id)).toEqual({ responses: 0, answers: 0, used: 0 });
    // The refused submissions left the link unused: the corrected answers go through.
    const [m] = await municipalities(t, specialist);
    await must(t, SUBMIT, { token, answers: [...GOOD, { questionCode: 'problems', optionCodes: ['trash', 'snow'] }], m: m.id });
    // Stored as the options' bits in the question's order (snow = bit 0, trash = bit 1), whatever order they came in.
    const [answer] = await pgQuery<{ choice_bits: string; municipality_id: string }>(
      t.em(),
      `select choice_bits, municipality_id from survey_answer where survey_id = $1 and question_code = 'problems'`,
      [survey.id],
    );
    expect(answer).toEqual({ choice_bits: '3', municipality_id: m.id });
  });

  it('takes no answers for a draft or a closed survey (CONFLICT), and leaves the link unused', async () => {
    const draft = (await must(t, CREATE, { input: questionnaire() }, specialist)).createSurvey;
    const [early] = await links(t, specialist, draft.id, 1);
    expect(await submitError(early, GOOD)).toMatchObject({ code: 'CONFLICT' });
    const survey = await openSurvey(t, specialist);
    const [late] = await links(t, specialist, survey.id, 1);
    await must(t, CLOSE, { id: survey.id, v: survey.version }, specialist);
    expect(await submitError(late, GOOD)).toMatchObject({ code: 'CONFLICT' });
    expect(await stored(survey.id)).toEqual({ responses: 0, answers: 0, used: 0 });
  });

  it('of two submissions of one token at once, exactly one wins', async () => {
    const survey = await openSurvey(t, specialist);
    const tokens = await links(t, specialist, survey.id, 20);
    for (const token of tokens) {
      // Two requests on two sockets (no keep-alive sharing): they race in the database.
      const outcomes = await Promise.all(
        [0, 1].map(() =>
          fetch(`${t.url}/graphql`, {
            method: 'POST',
            headers: { 'content-type': 'application/json', connection: 'close' },
            body: JSON.stringify({ query: SUBMIT, variables: { token, answers: GOOD } }),
          }).then((r) => r.json() as Promise<{ data?: { submitSurveyResponse: unknown }; errors?: { extensions: { code: string } }[] }>),
        ),
      );
      const won = outcomes.filter((o) => o.data?.submitSurveyResponse);
      const refused = outcomes.filter((o) => o.errors?.[0]?.extensions.code === 'FORBIDDEN');
      expect([won.length, refused.length]).toEqual([1, 1]);
    }
    expect(await stored(survey.id)).toEqual({ responses: 20, answers: 40, used: 20 });
  });

  it('gives one link per author with a contact among the appeals of the audience', async () => {
    const [m1, m2] = await municipalities(t, specialist);
    const register = (n: number, municipalityId: string, author: Record<string, string>) =>
      must(
        t,
        'mutation($input: RegisterAppealInput!) { registerAppeal(input: $input) { created } }',
        {
          input: {
            channel: 'EMAIL',
            externalId: `survey-aud-${n}`,
            text: 'Во дворе не убирают снег уже неделю',
            receivedAt: '2026-03-01T10:00:00Z',
            municipalityId,
            author,
          },
        },
        specialist,
      );
    await register(1, m1.id, { name: 'Иванов Иван', email: 'ivanov@example.ru' });
    await register(2, m1.id, { name: 'Иванов Иван', email: 'IVANOV@example.ru' });
    await register(3, m1.id, { name: 'Петрова Анна', phone: '+7 917 000-00-01' });
    await register(4, m1.id, { name: 'Без контакта' });
    await register(5, m2.id, { name: 'Сидоров', email: 'sidorov@example.ru' });
    const survey = await openSurvey(t, specialist, { ...questionnaire(), audience: { municipalityIds: [m1.id] } });
    const issued = (await must(t, LINKS, { id: survey.id, forAudience: true }, specialist)).issueSurveyLinks;
    expect(issued).toHaveLength(2);
    expect(issued.every((l: { appealId: string | null }) => l.appealId)).toBe(true);
    const [row] = await pgQuery<{ n: number }>(t.em(), 'select count(*)::int as n from survey_link where survey_id = $1 and for_audience', [survey.id]);
    expect(row.n).toBe(2);
    const history = (await must(t, 'query($id: ID!) { survey(id: $id) { history { type data } } }', { id: survey.id }, specialist)).survey.history;
    expect(history.at(-1)).toMatchObject({ type: 'LINKS_ISSUED', data: { count: 2, forAudience: true } });
  });
});
