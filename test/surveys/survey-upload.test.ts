/**
 * Offline responses uploaded as a file: POST /surveys/{id}/responses with a
 * real XLSX (written by exceljs) or CSV starts an import job (kind
 * survey-responses); surveyImportJob(id) gives its progress and the refused
 * rows with the file's row number and the column at fault; a bad row is
 * written in no part and stops no other; a repeated upload doubles nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { pgQuery } from '../../core/db/pg-query.js';
import { drainSurveyImports, SURVEY_IMPORT_CHUNK } from '../../core/surveys/survey-import-job.js';
import { must, municipalities, openSurvey, RESULTS } from './survey-helpers.js';

const JOB = `query($id: ID!) { surveyImportJob(id: $id) { id surveyId fileName status total processed created existing failed error
  errors { row rowKey code field message } } }`;

let t: TestApp;
let specialist: string;
let places: { id: string; shortName: string }[];
let placeCode: string;

beforeAll(async () => {
  t = await startTestApp();
  specialist = (await t.user(Role.CENTER_SPECIALIST)).token;
  places = await municipalities(t, specialist);
  [{ code: placeCode }] = await pgQuery<{ code: string }>(t.em(), 'select code from municipality where id = $1', [places[1].id]);
});
afterAll(() => t?.stop());

const post = async (surveyId: string, body: Buffer, token = specialist, query = '') => {
  const response = await fetch(`${t.url}/surveys/${surveyId}/responses${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
};

/** Uploads a file, waits for its import job, and answers the job as surveyImportJob reads it. */
const upload = async (surveyId: string, body: Buffer, token = specialist) => {
  const started = await post(surveyId, body, token);
  if (started.status !== 202) return started;
  expect(started.body).toMatchObject({ jobId: expect.any(String), format: expect.stringMatching(/^(csv|xlsx)$/) });
  await drainSurveyImports();
  const job = (await must(t, JOB, { id: started.body.jobId }, token)).surveyImportJob;
  return { status: started.status, body: { ...job, format: started.body.format } };
};

const HEADER = ['rowKey', 'municipality', 'submittedAt', 'satisfied', 'problems', 'score', 'comment'];

async function xlsx(rows: unknown[][]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('Анкеты');
  sheet.addRow(HEADER);
  for (const row of rows) sheet.addRow(row);
  book.addWorksheet('Пояснения').addRow(['Это не анкеты']);
  return Buffer.from(await book.xlsx.writeBuffer());
}

async function stored(surveyId: string) {
  const [row] = await pgQuery<{ responses: number; answers: number }>(
    t.em(),
    `select (select count(*)::int from survey_response where survey_id = $1) as responses,
    (select count(*)::int from survey_answer where survey_id = $1) as answers`,
    [surveyId],
  );
  return row;
}

describe('POST /surveys/{id}/responses', () => {
  it('takes an XLSX of paper forms row by row: good rows written whole, bad rows named by row and column, none in part', async () => {
    const survey = await openSurvey(t, specialist);
    const file = await xlsx([
      ['p-1', places[0].shortName, '2026-01-15T10:00:00+03:00', 'yes', 'snow', 5, 'Всё хорошо'],
      ['p-2', placeCode, null, 'Нет', 'Снег; мусор', 2, null],
      ['p-3', places[0].id, null, 'no', null, 'пять', 'Шкала словами'],
      ['p-4', 'Атлантида', null, 'yes', null, 3, null],
      ['p-5', null, null, 'может быть', null, 3, null],
      ['p-6', null, null, null, 'trash', 4, 'Без главного вопроса'],
      [null, null, null, null, null, null, null],
      ['p-7', null, 'вчера', 'yes', null, 1, null],
      ['p-8', null, null, 'unsure', 'light', 11, null],
    ]);
    const { status, body } = await upload(survey.id, file);
    expect(status).toBe(202);
    expect(body).toMatchObject({
      format: 'xlsx',
      status: 'DONE',
      surveyId: survey.id,
      total: 8,
      processed: 8,
      created: 2,
      existing: 0,
      failed: 6,
      error: null,
    });
    // The empty line 8 is skipped; every other row keeps its number in the file (the header is row 1); p-1 and p-2 were written.
    expect(body.errors.map((r: any) => [r.row, r.rowKey, r.field])).toEqual([
      [4, 'p-3', 'score'],
      [5, 'p-4', 'municipality'],
      [6, 'p-5', 'satisfied'],
      [7, 'p-6', 'satisfied'],
      [9, 'p-7', 'submittedAt'],
      [10, 'p-8', 'score'],
    ]);
    expect(body.errors.every((r: any) => r.code === 'BAD_USER_INPUT' && r.message)).toBe(true);
    // Two responses: p-1 with four answers, p-2 with three (no comment); nothing of the six bad rows.
    expect(await stored(survey.id)).toEqual({ responses: 2, answers: 7 });
    const results = (await must(t, RESULTS, { id: survey.id }, specialist)).survey.results;
    const question = (code: string) => results.questions.find((q: any) => q.code === code);
    expect(question('satisfied').options.map((o: any) => [o.code, o.count])).toEqual([
      ['yes', 1],
      ['no', 1],
      ['unsure', 0],
    ]);
    expect(question('problems').options.map((o: any) => [o.code, o.count])).toEqual([
      ['snow', 2],
      ['trash', 1],
      ['light', 0],
    ]);
    expect(question('score').mean).toBe(3.5);
    expect(results.importedResponses).toBe(2);
    const [p2] = await pgQuery<{ municipality_id: string }>(t.em(), `select municipality_id from survey_response where survey_id = $1 and row_key = 'p-2'`, [
      survey.id,
    ]);
    expect(p2.municipality_id).toBe(places[1].id);

    // The same file again: the written rows are EXISTING, nothing doubles; the fixed rows go in.
    const again = await upload(survey.id, file);
    expect(again.body).toMatchObject({ created: 0, existing: 2, failed: 6 });
    expect(await stored(survey.id)).toEqual({ responses: 2, answers: 7 });
  });

  it('takes a CSV with «;» as Russian Excel writes it', async () => {
    const survey = await openSurvey(t, specialist);
    const csv = ['rowKey;satisfied;problems;score;comment', 'c-1;yes;snow;4;"Двор чистый; спасибо"', 'c-2;no;;9;', 'c-3;unsure;light;1;'].join('\r\n');
    const { status, body } = await upload(survey.id, Buffer.from(csv, 'utf-8'));
    expect(status).toBe(202);
    expect(body).toMatchObject({ format: 'csv', created: 2, failed: 1 });
    expect(body.errors).toEqual([expect.objectContaining({ row: 3, rowKey: 'c-2', code: 'BAD_USER_INPUT', field: 'score' })]);
    expect(await stored(survey.id)).toEqual({ responses: 2, answers: 7 });
  });

  it('refuses a whole file that is not one (field file) and keeps the access of importSurveyResponses', async () => {
    const survey = await openSurvey(t, specialist);
    const broken = await upload(survey.id, Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(64, 1)]));
    expect(broken.status).toBe(400);
    expect(broken.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    const foreign = await upload(survey.id, Buffer.from('rowKey;satisfied;age\nx;yes;40'));
    expect(foreign.status).toBe(400);
    expect(foreign.body.errors[0].message).toContain('age');
    const noKey = await upload(survey.id, Buffer.from('satisfied;score\nyes;4'));
    expect(noKey.body.errors[0].extensions.field).toBe('file');
    expect(await stored(survey.id)).toEqual({ responses: 0, answers: 0 });
    const analyst = (await t.user(Role.ANALYST)).token;
    expect((await upload(survey.id, Buffer.from('rowKey;satisfied;score\nx;yes;4'), analyst)).status).toBe(403);
    expect((await upload('00000000-0000-4000-8000-000000000000', Buffer.from('rowKey\nx'))).status).toBe(404);
  });

  it('writes a large file in chunks, with the progress of the job; a key twice in the file is an error of its second row', async () => {
    const survey = await openSurvey(t, specialist);
    const n = SURVEY_IMPORT_CHUNK * 2 + 500;
    const lines = ['rowKey;satisfied;score'];
    for (let i = 1; i <= n; i++) lines.push(`${i === n ? 'k-3' : `k-${i}`};${i % 2 ? 'yes' : 'no'};${(i % 5) + 1}`);
    const started = await post(survey.id, Buffer.from(lines.join('\n')), specialist, '?fileName=paper.csv');
    expect(started).toMatchObject({ status: 202, body: { format: 'csv', total: n } });
    await drainSurveyImports();
    const job = (await must(t, JOB, { id: started.body.jobId }, specialist)).surveyImportJob;
    expect(job).toMatchObject({ status: 'DONE', fileName: 'paper.csv', total: n, processed: n, created: n - 1, existing: 0, failed: 1 });
    expect(job.errors).toEqual([expect.objectContaining({ row: n + 1, rowKey: 'k-3', field: 'rowKey' })]);
    expect((await stored(survey.id)).responses).toBe(n - 1);
    // The job is the survey's: another sector's role does not see it, a service account sees only its own.
    const roads = (await t.user(Role.SECTOR_SPECIALIST, { sectors: ['roads'] })).token;
    expect((await t.gql(JOB, { id: started.body.jobId }, roads)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const integration = (await t.user(Role.INTEGRATION)).token;
    expect((await t.gql(JOB, { id: started.body.jobId }, integration)).errors![0]!.extensions!.code).toBe('NOT_FOUND');
    const [kind] = await pgQuery<{ adapter: string }>(t.em(), 'select adapter from import_job where id = $1', [started.body.jobId]);
    expect(kind.adapter).toBe('survey-responses');
  });

  it('refuses a draft before any job', async () => {
    const draft = (
      await must(
        t,
        'mutation($input: SurveyInput!) { createSurvey(input: $input) { id } }',
        { input: { title: 'Черновик', questions: [{ code: 'q', text: 'Вопрос', type: 'TEXT' }] } },
        specialist,
      )
    ).createSurvey;
    const refused = await post(draft.id, Buffer.from('rowKey;q\nx;текст'));
    expect(refused.status).toBe(409);
    const [jobs] = await pgQuery<{ n: number }>(t.em(), `select count(*)::int as n from import_job where options->>'surveyId' = $1`, [draft.id]);
    expect(jobs.n).toBe(0);
  });
});
