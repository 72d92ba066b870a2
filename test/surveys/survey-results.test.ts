import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { CREATE, IMPORT, RESULTS, SUBMIT, links, municipalities, must, openSurvey, questionnaire } from './survey-helpers.js';

let t: TestApp;
let specialist: string;
let analyst: string;

beforeAll(async () => {
  t = await startTestApp();
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  analyst = (await t.user(Role.ANALYST)).token;
});
afterAll(() => t?.stop());

/** A small deterministic generator (mulberry32), so the sample is the same on every run. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let x = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    x = (x + Math.imul(x ^ (x >>> 7), 61 | x)) ^ x;
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

interface Answer {
  questionCode: string;
  optionCodes?: string[];
  value?: number;
  text?: string;
}
interface Respondent {
  municipalityId: string;
  answers: Answer[];
}

describe('offline polls', () => {
  it('imports per row: good rows kept beside bad ones, a repeated upload doubles nothing', async () => {
    const draft = (await must(t, CREATE, { input: questionnaire() }, specialist)).createSurvey;
    const early = await t.gql(IMPORT, { id: draft.id, rows: [{ rowKey: 'p-1', answers: [] }] }, specialist);
    expect(early.errors![0].extensions!.code).toBe('CONFLICT');
    const survey = await openSurvey(t, specialist);
    const [m] = await municipalities(t, specialist);
    const good = (key: string) => ({
      rowKey: key,
      municipalityId: m.id,
      answers: [
        { questionCode: 'satisfied', optionCodes: ['no'] },
        { questionCode: 'score', value: 2 },
      ],
    });
    const rows = [
      good('p-1'),
      { rowKey: 'p-2', answers: [{ questionCode: 'score', value: 2 }] },
      good('p-3'),
      { ...good('p-4'), municipalityId: '00000000-0000-4000-8000-000000000000' },
      good('p-1'),
      { ...good('p-5'), answers: [...good('p-5').answers, { questionCode: 'comment', text: 'x\u0000' }] },
      { ...good(''), rowKey: '' },
    ];
    const first = (await must(t, IMPORT, { id: survey.id, rows }, specialist)).importSurveyResponses;
    expect(first).toMatchObject({ created: 2, existing: 0, failed: 5 });
    expect(first.rows.map((r: { status: string }) => r.status)).toEqual(['CREATED', 'ERROR', 'CREATED', 'ERROR', 'ERROR', 'ERROR', 'ERROR']);
    expect(first.rows.map((r: { error: { field: string } | null }) => r.error?.field ?? null)).toEqual([
      null,
      'satisfied',
      null,
      'municipalityId',
      'rowKey',
      'comment',
      'rowKey',
    ]);
    const again = (await must(t, IMPORT, { id: survey.id, rows: [good('p-1'), good('p-3'), good('p-6')] }, specialist)).importSurveyResponses;
    expect(again).toMatchObject({ created: 1, existing: 2, failed: 0 });
    const results = (await must(t, RESULTS, { id: survey.id }, analyst)).survey.results;
    expect(results).toMatchObject({ responseCount: 3, importedResponses: 3, linkResponses: 0 });
    const integration = (await t.user(Role.INTEGRATION)).token;
    const pos = (await must(t, IMPORT, { id: survey.id, rows: [good('pos-77')] }, integration)).importSurveyResponses;
    expect(pos.created).toBe(1);
    const history = (await must(t, 'query($id: ID!) { survey(id: $id) { history { type data } } }', { id: survey.id }, analyst)).survey.history;
    expect(history.filter((e: { type: string }) => e.type === 'RESPONSES_IMPORTED').map((e: { data: unknown }) => e.data)).toEqual([
      { rows: 7, created: 2, existing: 0, failed: 5 },
      { rows: 3, created: 1, existing: 2, failed: 0 },
      { rows: 1, created: 1, existing: 0, failed: 0 },
    ]);
  });
});

describe('results a sociologist would sign', () => {
  let surveyId: string;
  let sample: Respondent[];
  let places: { id: string; population: number; shortName: string }[];
  let linksIssued: number;
  let viaLinks: number;

  beforeAll(async () => {
    places = (await municipalities(t, specialist)).slice(0, 3);
    const survey = await openSurvey(t, specialist);
    surveyId = survey.id;
    const rnd = random(17);
    const pick = <T>(items: readonly T[]) => items[Math.floor(rnd() * items.length)];
    sample = Array.from({ length: 120 }, (_, i) => {
      const answers: Answer[] = [
        { questionCode: 'satisfied', optionCodes: [pick(['yes', 'yes', 'no', 'unsure'])] },
        { questionCode: 'score', value: 1 + Math.floor(rnd() * 5) },
      ];
      if (rnd() < 0.7)
        answers.push({
          questionCode: 'problems',
          optionCodes: ['snow', 'trash', 'light']
            .filter(() => rnd() < 0.5)
            .concat(['snow'])
            .filter((c, j, all) => all.indexOf(c) === j),
        });
      if (i % 10 === 0)
        answers.push({ questionCode: 'comment', text: `Отзыв ${i}: звоните +7 917 555-${String(1000 + i).slice(0, 2)}-${String(i % 100).padStart(2, '0')}` });
      return { municipalityId: places[i % 7 === 0 ? 2 : i % 3 === 0 ? 1 : 0].id, answers };
    });
    viaLinks = 70;
    const tokens = await links(t, specialist, surveyId, 90);
    linksIssued = 90;
    for (let i = 0; i < viaLinks; i++) await must(t, SUBMIT, { token: tokens[i], answers: sample[i].answers, m: sample[i].municipalityId });
    const rows = sample.slice(viaLinks).map((r, i) => ({ rowKey: `paper-${i}`, municipalityId: r.municipalityId, answers: r.answers }));
    const imported = (await must(t, IMPORT, { id: surveyId, rows }, specialist)).importSurveyResponses;
    expect(imported.created).toBe(50);
  });

  /** The textbook Wilson interval, written out again here. */
  const wilsonOf = (p: number, n: number) => {
    const z = 1.959963984540054;
    const centre = (p + (z * z) / (2 * n)) / (1 + (z * z) / n);
    const half = (z / (1 + (z * z) / n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
    return [centre - half, centre + half];
  };

  function expected(respondents: Respondent[], weightOf: (r: Respondent) => number) {
    const q = questionnaire().questions;
    return q.map((question) => {
      const answering = respondents.filter((r) => r.answers.some((a) => a.questionCode === question.code));
      const answerOf = (r: Respondent) => r.answers.find((a) => a.questionCode === question.code)!;
      const w = answering.reduce((s, r) => s + weightOf(r), 0);
      const w2 = answering.reduce((s, r) => s + weightOf(r) ** 2, 0);
      const n = (w * w) / w2;
      const codes = question.type === 'SCALE' ? ['1', '2', '3', '4', '5'] : (question.options ?? []).map((o) => o.code);
      const options = codes.map((code) => {
        const choosing = answering.filter((r) => (answerOf(r).optionCodes ?? [String(answerOf(r).value)]).includes(code));
        const share = choosing.reduce((s, r) => s + weightOf(r), 0) / w;
        const [low, high] = wilsonOf(share, n);
        return { code, count: choosing.length, share, low, high };
      });
      let mean = null;
      if (question.type === 'SCALE') mean = answering.reduce((s, r) => s + weightOf(r) * answerOf(r).value!, 0) / w;
      return { code: question.code, answered: answering.length, options: question.type === 'TEXT' ? [] : options, mean };
    });
  }

  function compare(actual: any[], wanted: ReturnType<typeof expected>) {
    expect(actual.map((q) => q.code)).toEqual(wanted.map((q) => q.code));
    actual.forEach((q, i) => {
      const want = wanted[i];
      expect(q.answered, q.code).toBe(want.answered);
      expect(q.options.map((o: { code: string; count: number }) => [o.code, o.count])).toEqual(want.options.map((o) => [o.code, o.count]));
      q.options.forEach((o: { share: number; low: number; high: number }, j: number) => {
        expect(o.share).toBeCloseTo(want.options[j].share, 9);
        expect(o.low).toBeCloseTo(want.options[j].low, 9);
        expect(o.high).toBeCloseTo(want.options[j].high, 9);
      });
      if (want.mean === null) expect(q.mean).toBeNull();
      else expect(q.mean).toBeCloseTo(want.mean, 9);
    });
  }

  it('equals a table recomputed here from the same answers', async () => {
    const results = (await must(t, RESULTS, { id: surveyId }, analyst)).survey.results;
    expect(results).toMatchObject({ responseCount: 120, linkResponses: viaLinks, importedResponses: 50, linksIssued, weighted: false });
    expect(results.responseRate).toBeCloseTo(viaLinks / linksIssued, 12);
    compare(
      results.questions,
      expected(sample, () => 1),
    );
    // The scale mean's interval: Student's t with n − 1 = 119 degrees of freedom.
    const values = sample.map((r) => r.answers.find((a) => a.questionCode === 'score')!.value!);
    const mean = values.reduce((s, v) => s + v, 0) / values.length;
    const sd = Math.sqrt(values.reduce((s, v) => s + (v - mean) ** 2, 0) / (values.length - 1));
    const score = results.questions.find((q: { code: string }) => q.code === 'score');
    expect(score.meanLow).toBeCloseTo(mean - (1.9801 * sd) / Math.sqrt(120), 3);
    expect(score.meanHigh).toBeCloseTo(mean + (1.9801 * sd) / Math.sqrt(120), 3);
    // By municipality: each one's own table.
    expect(results.byMunicipality.map((m: { municipalityId: string }) => m.municipalityId).sort()).toEqual(places.map((p) => p.id).sort());
    for (const part of results.byMunicipality) {
      const own = sample.filter((r) => r.municipalityId === part.municipalityId);
      expect(part.responseCount).toBe(own.length);
      const want = expected(own, () => 1);
      part.questions.forEach((q: any, i: number) => {
        expect(q.answered).toBe(want[i].answered);
        expect(q.options.map((o: { count: number }) => o.count)).toEqual(want[i].options.map((o) => o.count));
      });
    }
  });

  it('weights by municipal population when asked', async () => {
    const results = (await must(t, RESULTS, { id: surveyId, w: true }, analyst)).survey.results;
    const people = places.reduce((s, p) => s + p.population, 0);
    const weight = new Map(
      places.map((p) => {
        const n = sample.filter((r) => r.municipalityId === p.id).length;
        return [p.id, p.population / people / (n / sample.length)];
      }),
    );
    expect(results.weighted).toBe(true);
    compare(
      results.questions,
      expected(sample, (r) => weight.get(r.municipalityId)!),
    );
    const w1 = sample.reduce((s, r) => s + weight.get(r.municipalityId)!, 0);
    const w2 = sample.reduce((s, r) => s + weight.get(r.municipalityId)! ** 2, 0);
    expect(results.effectiveSampleSize).toBeCloseTo((w1 * w1) / w2, 9);
  });

  it('masks personal data in free text for roles without access to it', async () => {
    const raw = (await must(t, RESULTS, { id: surveyId }, specialist)).survey.results.questions.find((q: { code: string }) => q.code === 'comment').texts;
    const masked = (await must(t, RESULTS, { id: surveyId }, analyst)).survey.results.questions.find((q: { code: string }) => q.code === 'comment').texts;
    expect(raw).toHaveLength(12);
    expect(raw.some((text: string) => /\+7 917 555/.test(text))).toBe(true);
    expect(masked).toHaveLength(12);
    expect(masked.every((text: string) => !/555/.test(text) && /скрыт/.test(text))).toBe(true);
  });

  it('counts a response as soon as its submission returns', async () => {
    const [token] = await links(t, specialist, surveyId, 1);
    await must(t, SUBMIT, { token, answers: sample[0].answers });
    const results = (await must(t, RESULTS, { id: surveyId }, analyst)).survey.results;
    expect(results.responseCount).toBe(121);
    const count = (await must(t, 'query($id: ID!) { survey(id: $id) { responseCount } }', { id: surveyId }, analyst)).survey.responseCount;
    expect(count).toBe(121);
  });
});
