import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { liveClient, type LiveClient } from '../support/live-client.js';
import { Role } from '../../core/entities/enums.js';
import { CLOSE, CREATE, SUBMIT, links, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let specialist: string;
const clients: LiveClient[] = [];

const STREAM = 'subscription($id: ID!) { surveyResults(surveyId: $id) { responseCount questions { code answered options { code count } } } }';
const answer = (choice: string) => [
  { questionCode: 'satisfied', optionCodes: [choice] },
  { questionCode: 'score', value: 3 },
];

beforeAll(async () => {
  t = await startTestApp({ env: { SURVEY_LIVE_INTERVAL_MS: '200' } });
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await t?.stop();
});

function client(token: string | null) {
  const c = liveClient(t.url, token);
  clients.push(c);
  return c;
}

describe('surveyResults over graphql-ws', () => {
  it('streams the current results, then each new response, and ends with the final ones when closed', async () => {
    const survey = await openSurvey(t, specialist);
    const tokens = await links(t, specialist, survey.id, 3);
    const stream = client((await t.user(Role.ANALYST)).token).subscribe(STREAM, { id: survey.id });
    const [initial] = await stream.waitFor(1);
    expect(initial.data.surveyResults.responseCount).toBe(0);
    await must(t, SUBMIT, { token: tokens[0], answers: answer('yes') });
    await stream.waitFor(2);
    expect(stream.results[1].data.surveyResults.responseCount).toBe(1);
    await must(t, SUBMIT, { token: tokens[1], answers: answer('no') });
    await stream.waitFor(3);
    const latest = stream.results[2].data.surveyResults;
    expect(latest.responseCount).toBe(2);
    expect(latest.questions[0].options.map((o: { count: number }) => o.count)).toEqual([1, 1, 0]);
    await must(t, CLOSE, { id: survey.id, v: survey.version }, specialist);
    await stream.ended;
    expect(stream.results.at(-1)!.data.surveyResults.responseCount).toBe(2);
    expect(stream.results.every((r) => !r.errors)).toBe(true);
  });

  it('keeps the access rules of the query: anonymous, an operator and a foreign sector are refused', async () => {
    const roads = (await must(t, CREATE, { input: { ...questionnaire(), audience: { sectors: ['roads'] } } }, specialist)).createSurvey;
    // An anonymous socket is closed at connection (graphql-ws 4403 Forbidden), before any subscription.
    const anonymous = client(null);
    anonymous.subscribe(STREAM, { id: roads.id });
    expect((await anonymous.closed).code).toBe(4403);
    const operator = client((await t.user(Role.ORG_OPERATOR, { organizationCode: 'adm-yoshkar-ola' })).token).subscribe(STREAM, { id: roads.id });
    await operator.ended;
    expect(operator.results[0].errors![0].extensions!.code).toBe('FORBIDDEN');
    const housing = client((await t.user(Role.SECTOR_LEAD, { sectors: ['housing'] })).token).subscribe(STREAM, { id: roads.id });
    await housing.ended;
    expect(housing.results[0].errors![0].extensions!.code).toBe('NOT_FOUND');
  });

  it('sends a closed survey its final results once and completes', async () => {
    const survey = await openSurvey(t, specialist);
    const [token] = await links(t, specialist, survey.id, 1);
    await must(t, SUBMIT, { token, answers: answer('unsure') });
    await must(t, CLOSE, { id: survey.id, v: survey.version }, specialist);
    const stream = client((await t.user(Role.CURATOR)).token).subscribe(STREAM, { id: survey.id });
    await stream.ended;
    expect(stream.results).toHaveLength(1);
    expect(stream.results[0].data.surveyResults.responseCount).toBe(1);
  });
});
