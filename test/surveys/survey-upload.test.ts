/**
 * Offline responses uploaded as a file: POST /surveys/{id}/responses with a
 * real XLSX (written by exceljs) or CSV. Per-row results with the file's row
 * number and the column at fault; a bad row is written in no part and stops
 * no other; a repeated upload doubles nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { startTestApp, type TestApp } from '../support/test-app.js';
import { Role } from '../../core/entities/enums.js';
import { pgQuery } from '../../core/db/pg-query.js';
import { must, municipalities, openSurvey, RESULTS } from './survey-helpers.js';

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

const upload = async (surveyId: string, body: Buffer, token = specialist) => {
  const response = await fetch(`${t.url}/surveys/${surveyId}/responses`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream' },
    body,
  });
  return { status: response.status, body: (await response.json()) as any };
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
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'xlsx', created: 2, existing: 0, failed: 6 });
    // The empty line 8 is skipped; every other row keeps its number in the file (the header is row 1).
    expect(body.rows.map((r: any) => [r.row, r.rowKey, r.status, r.error?.field ?? null])).toEqual([
      [2, 'p-1', 'CREATED', null],
      [3, 'p-2', 'CREATED', null],
      [4, 'p-3', 'ERROR', 'score'],
      [5, 'p-4', 'ERROR', 'municipality'],
      [6, 'p-5', 'ERROR', 'satisfied'],
      [7, 'p-6', 'ERROR', 'satisfied'],
      [9, 'p-7', 'ERROR', 'submittedAt'],
      [10, 'p-8', 'ERROR', 'score'],
    ]);
    expect(body.rows.every((r: any) => r.status !== 'ERROR' || r.error.code === 'BAD_USER_INPUT')).toBe(true);
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
    expect(status).toBe(200);
    expect(body).toMatchObject({ format: 'csv', created: 2, failed: 1 });
    expect(body.rows[1]).toMatchObject({ row: 3, rowKey: 'c-2', status: 'ERROR', error: { field: 'score' } });
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
});
